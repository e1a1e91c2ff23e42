package io.fairauction.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Utf8String;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

/** Revert data decodes into the contracts' named errors, and anything else into a stated fallback. */
class ContractErrorsTest {
    @Test
    void decodesACustomErrorOfTheSettlementWithItsArguments() {
        String uid = "0x" + "ab".repeat(32);
        String data = Hash.sha3String("IntentExpired(bytes32)").substring(0, 10) + "ab".repeat(32);

        ContractRevert revert = ContractErrors.decode(data);

        assertThat(revert.name()).isEqualTo("IntentExpired");
        assertThat(revert.arguments()).containsExactly(uid);
    }

    @Test
    void decodesAFailedInteractionDownToItsOwnReason() {
        String inner = Hash.sha3String("OnlySettlement()").substring(0, 10);
        String data = FunctionEncoder.encode(new Function("InteractionFailed", List.of(new Uint256(3),
                new org.web3j.abi.datatypes.DynamicBytes(org.web3j.utils.Numeric.hexStringToByteArray(inner))), List.of()));

        ContractRevert revert = ContractErrors.decode(data);

        assertThat(revert.name()).isEqualTo("InteractionFailed");
        assertThat(revert.arguments().get(0)).isEqualTo(BigInteger.valueOf(3));
        assertThat(revert.root().name()).isEqualTo("OnlySettlement");
    }

    @Test
    void decodesRequireMessagesPanicsAndUnknownData() {
        String error = FunctionEncoder.encode(new Function("Error", List.of(new Utf8String("no")), List.of()));
        String panic = FunctionEncoder.encode(new Function("Panic", List.of(new Uint256(0x11)), List.of()));

        assertThat(ContractErrors.decode(error).arguments()).containsExactly("no");
        assertThat(ContractErrors.decode(panic).name()).isEqualTo("Panic");
        assertThat(ContractErrors.decode("0xdeadbeef").name()).isEqualTo("Unknown");
        assertThat(ContractErrors.decode("0x").name()).isEqualTo("Unknown");
    }
}
