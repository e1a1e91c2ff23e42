package io.fairauction.chain;

import java.math.BigInteger;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.web3j.crypto.Hash;

/**
 * The EIP-712 domain intents are signed under: bound to one chain and one deployed {@code Settlement}, so a
 * signature is worth nothing on another chain or against another deployment.
 *
 * @param verifyingContract the Settlement contract, 0x-prefixed
 */
public record Eip712Domain(String name, String version, BigInteger chainId, String verifyingContract) {
    /** The name and version the Settlement contract hashes into its domain. */
    public static final String NAME = "fair-auction";
    public static final String VERSION = "1";

    private static final byte[] TYPE_HASH =
            Hash.sha3("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));

    public Eip712Domain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(chainId, "chainId");
        verifyingContract = Words.requireAddress(verifyingContract, "verifyingContract");
    }

    /** The domain of the Settlement at {@code settlement} on chain {@code chainId}. */
    public static Eip712Domain of(long chainId, String settlement) {
        return new Eip712Domain(NAME, VERSION, BigInteger.valueOf(chainId), settlement);
    }

    /** Separators computed so far: a collector hashes every intent under one domain. */
    private static final Map<Eip712Domain, byte[]> SEPARATORS = new ConcurrentHashMap<>();

    /** {@code hashStruct(domain)}: what {@code Settlement.domainSeparator()} returns. */
    public byte[] separator() {
        return SEPARATORS.computeIfAbsent(this, Eip712Domain::hashStruct).clone();
    }

    private byte[] hashStruct() {
        return Hash.sha3(Words.concat(
                TYPE_HASH,
                Words.keccak(name),
                Words.keccak(version),
                Words.uint(chainId),
                Words.address(verifyingContract, "verifying contract")));
    }
}
