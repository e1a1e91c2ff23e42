package io.fairauction.chain;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a deployment put where: the file services read to find the contracts (written by {@link Deployer}).
 *
 * @param chainId         the chain the contracts live on
 * @param rpcUrl          the endpoint the deployment went through (a hint; services take theirs from config)
 * @param block           the block number after the last deployment transaction
 * @param owner           the Settlement owner (manages submitters)
 * @param submitters      the addresses authorised to call {@code settle}
 * @param tokens          the dev-chain tokens, wrapped ether first
 * @param pools           the constant-product pools and their tokens (by symbol)
 */
public record Deployment(
        long chainId,
        String rpcUrl,
        long block,
        String owner,
        List<String> submitters,
        String settlement,
        String relayer,
        String factory,
        String router,
        List<TokenInfo> tokens,
        List<PoolInfo> pools) {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public Deployment {
        Objects.requireNonNull(settlement, "settlement is missing");
        Objects.requireNonNull(relayer, "relayer is missing");
        submitters = List.copyOf(submitters);
        tokens = List.copyOf(tokens);
        pools = List.copyOf(pools);
    }

    /** A deployed token. */
    public record TokenInfo(String symbol, String address, int decimals) {
    }

    /** A deployed pool of two tokens, named by symbol. */
    public record PoolInfo(String tokenA, String tokenB, String address) {
    }

    /** The EIP-712 domain intents for this deployment are signed under. */
    public Eip712Domain domain() {
        return Eip712Domain.of(chainId, settlement);
    }

    public Optional<TokenInfo> token(String symbol) {
        return tokens.stream().filter(t -> t.symbol().equals(symbol)).findFirst();
    }

    public Optional<PoolInfo> pool(String symbolA, String symbolB) {
        return pools.stream()
                .filter(p -> p.tokenA().equals(symbolA) && p.tokenB().equals(symbolB)
                        || p.tokenA().equals(symbolB) && p.tokenB().equals(symbolA))
                .findFirst();
    }

    /** Every contract address with a name, for status reports. */
    public List<Named> contracts() {
        List<Named> named = new java.util.ArrayList<>(List.of(
                new Named("Settlement", settlement), new Named("Relayer", relayer),
                new Named("PairFactory", factory), new Named("Router", router)));
        tokens.forEach(t -> named.add(new Named(t.symbol(), t.address())));
        pools.forEach(p -> named.add(new Named(p.tokenA() + "/" + p.tokenB() + " pool", p.address())));
        return named;
    }

    public record Named(String name, String address) {
    }

    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            JSON.writeValue(file.toFile(), this);
        } catch (IOException e) {
            throw new ChainException(ChainError.DEPLOYMENT_INVALID, "cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a deployment file; {@link ChainError#DEPLOYMENT_INVALID} names what is wrong with it. */
    public static Deployment read(Path file) {
        try {
            Deployment d = JSON.readValue(Files.readAllBytes(file), Deployment.class);
            Words.requireAddress(d.settlement(), "settlement");
            Words.requireAddress(d.relayer(), "relayer");
            return d;
        } catch (NoSuchFileException e) {
            throw new ChainException(ChainError.DEPLOYMENT_INVALID, "no deployment file at " + file
                    + " (run `auction chain deploy` first)", e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Jackson's own message spans lines (source and reference chain): one line for the user.
            var at = e.getLocation();
            throw new ChainException(ChainError.DEPLOYMENT_INVALID, file + " is not a deployment file: "
                    + e.getOriginalMessage().replaceAll("\\s+", " ")
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"), e);
        } catch (IOException | RuntimeException e) {
            throw new ChainException(ChainError.DEPLOYMENT_INVALID, file + " is not a deployment file: " + e.getMessage(), e);
        }
    }
}
