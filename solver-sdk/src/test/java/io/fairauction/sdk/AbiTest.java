package io.fairauction.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fairauction.core.model.Interaction;
import io.fairauction.solverapi.Pool;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Hash;

/** The hand-written ABI encoding against web3j's encoder and keccak. */
class AbiTest {
    private static final String TO = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
    private static final BigInteger AMOUNT = new BigInteger("123456789012345678901234567890");

    @SuppressWarnings("rawtypes") // web3j's Function takes a raw List<Type>
    private static String web3j(String name, List<org.web3j.abi.datatypes.Type> args) {
        return FunctionEncoder.encode(new Function(name, args, List.of()));
    }

    @Test
    void selectorsAreTheKeccakOfTheSignatures() {
        assertThat(Abi.TRANSFER).isEqualTo("a9059cbb").isEqualTo(Hash.sha3String("transfer(address,uint256)").substring(2, 10));
        assertThat(Abi.APPROVE).isEqualTo("095ea7b3").isEqualTo(Hash.sha3String("approve(address,uint256)").substring(2, 10));
        assertThat(Abi.TRANSFER_FROM).isEqualTo(Hash.sha3String("transferFrom(address,address,uint256)").substring(2, 10));
        assertThat(Abi.PAIR_SWAP).isEqualTo(Hash.sha3String("swap(uint256,uint256,address)").substring(2, 10));
    }

    @Test
    void erc20CallDataIsWhatAnAbiEncoderWrites() {
        assertThat(Erc20.transferCallData(TO, AMOUNT)).isEqualTo(web3j("transfer", List.of(new Address(TO), new Uint256(AMOUNT))));
        assertThat(Erc20.approveCallData(TO, io.fairauction.sdk.Uint256.MAX))
                .isEqualTo(web3j("approve", List.of(new Address(TO), new Uint256(io.fairauction.sdk.Uint256.MAX))));
        Interaction transfer = Erc20.transfer("0x" + "a".repeat(40), TO, AMOUNT);
        assertThat(transfer.value()).isZero();
        assertThat(transfer.target()).isEqualTo("0x" + "a".repeat(40));
    }

    @Test
    void aPoolSwapCallPaysTheOtherTokenToTheRecipient() {
        String t0 = "0x" + "1".repeat(40);
        String t1 = "0x" + "2".repeat(40);
        Pool pool = new Pool("0x" + "3".repeat(40), t0, t1, BigInteger.valueOf(1_000_000), BigInteger.valueOf(2_000_000), 30);

        Swap sellToken0 = Swap.exactIn(pool, t0, BigInteger.valueOf(1000));
        Swap sellToken1 = Swap.exactIn(pool, t1, BigInteger.valueOf(1000));

        assertThat(sellToken0.swapCall(TO).callData()).isEqualTo(web3j("swap", List.of(new Uint256(0),
                new Uint256(sellToken0.amountOut()), new Address(TO))));
        assertThat(sellToken1.swapCall(TO).callData()).isEqualTo(web3j("swap", List.of(new Uint256(sellToken1.amountOut()),
                new Uint256(0), new Address(TO))));
    }

    @Test
    void wordsRefuseWhatIsNotAUint256OrAnAddress() {
        assertThatThrownBy(() -> Abi.word(BigInteger.ONE.negate())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Abi.word(io.fairauction.sdk.Uint256.MAX.add(BigInteger.ONE))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Abi.word("0x1234")).isInstanceOf(IllegalArgumentException.class);
    }
}
