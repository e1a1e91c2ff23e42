package io.fairauction.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An auction: the intents on offer and the native prices of their tokens.
 *
 * @param wrappedNativeToken the wrapped native token (WETH) the {@code cow} mechanism merges the native-token
 *                           placeholder into; {@link #MAINNET_WETH} when the auction does not name one
 */
public record Auction(String id, Map<String, Token> tokens, List<Intent> intents, String wrappedNativeToken) {

    public static final String MAINNET_WETH = "0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2";
    /**
     * The placeholder address CoW (and 1inch, 0x, Paraswap...) uses for the chain's native token: twenty 0xee bytes,
     * EIP-55 checksummed.
     */
    public static final String NATIVE_TOKEN = "0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE";

    public Auction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(wrappedNativeToken, "wrappedNativeToken");
        tokens = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tokens));
        intents = List.copyOf(intents);
        for (Intent intent : intents) {
            if (find(tokens, intent.sellToken()).isEmpty() || find(tokens, intent.buyToken()).isEmpty()) {
                throw new IllegalArgumentException("intent " + intent.uid() + " trades a token the auction does not list");
            }
        }
    }

    public Auction(String id, Map<String, Token> tokens, List<Intent> intents) {
        this(id, tokens, intents, MAINNET_WETH);
    }

    /** The token with this address, compared case-insensitively. */
    public Optional<Token> token(String address) {
        return find(tokens, address);
    }

    private static Optional<Token> find(Map<String, Token> tokens, String address) {
        Token exact = tokens.get(address);
        if (exact != null) {
            return Optional.of(exact);
        }
        return tokens.values().stream().filter(t -> Hex.same(t.address(), address)).findFirst();
    }
}
