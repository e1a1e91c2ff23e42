package io.fairauction.chain;

import io.fairauction.chain.contracts.Settlement;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Hex;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Interaction;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Trade;
import io.fairauction.core.model.U256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Encodes a winning bid (core {@link Bid}: trades and interactions) and the signed intents it executes into one
 * {@code Settlement.settle} call. Everything that comes in is checked before it goes out, with a
 * {@link ChainError} per refusal: the contract checks it all again, but a refusal here costs no gas and says
 * which input is wrong.
 */
public final class SettlementEncoder {
    private final Eip712Domain domain;
    private final String relayer;

    /**
     * @param domain  the deployment's EIP-712 domain (its Settlement and chain id)
     * @param relayer the deployment's relayer, which no interaction may call
     */
    public SettlementEncoder(Eip712Domain domain, String relayer) {
        this.domain = domain;
        this.relayer = Words.requireAddress(relayer, "relayer");
    }

    public static SettlementEncoder forDeployment(Deployment deployment) {
        return new SettlementEncoder(deployment.domain(), deployment.relayer());
    }

    /**
     * @param auctionId    the auction's id, a decimal integer
     * @param bid          the winning bid, settled as is: each trader receives exactly the bid's amounts
     * @param intents      the signed intents; at least those the bid trades
     * @param solverPayout where what is left over after paying the traders goes
     */
    public EncodedSettlement encode(String auctionId, Bid bid, Collection<Intent> intents, String solverPayout) {
        BigInteger auction = parseAuctionId(auctionId);
        String solver = Words.requireAddress(solverPayout, "solver payout address");
        if (bid.trades().isEmpty()) {
            throw new ChainException(ChainError.BID_EMPTY, "bid " + bid.id() + " has no trade");
        }
        Map<String, Intent> byUid = new HashMap<>();
        for (Intent intent : intents) {
            byUid.put(Hex.canonical(intent.uid()), intent);
        }

        Map<String, Integer> tokenIndex = new LinkedHashMap<>();
        List<Settlement.TradeData> trades = new ArrayList<>();
        List<String> uids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Trade trade : bid.trades()) {
            String uid = Hex.canonical(trade.intent());
            Intent intent = byUid.get(uid);
            if (intent == null) {
                throw new ChainException(ChainError.TRADE_INTENT_UNKNOWN, "bid " + bid.id() + " trades unknown intent " + trade.intent());
            }
            if (!seen.add(uid)) {
                throw new ChainException(ChainError.TRADE_DUPLICATE, "bid " + bid.id() + " trades intent " + uid + " twice");
            }
            String computed = IntentHashes.uid(intent, domain);
            if (!computed.equals(uid)) {
                throw new ChainException(ChainError.UID_MISMATCH, "intent " + uid + " hashes to " + computed
                        + " under this deployment: signed for another chain or deployment, or altered");
            }
            checkAmounts(intent, trade);
            byte[] signature = signature(intent);
            trades.add(new Settlement.TradeData(
                    Words.requireAddress(intent.owner(), "owner of " + uid),
                    BigInteger.valueOf(index(tokenIndex, intent.sellToken())),
                    BigInteger.valueOf(index(tokenIndex, intent.buyToken())),
                    intent.sellAmount(),
                    intent.buyAmount(),
                    BigInteger.valueOf(intent.validTo()),
                    BigInteger.valueOf(IntentHashes.sideCode(intent.side())),
                    trade.executedSell(),
                    trade.executedBuy(),
                    signature));
            uids.add(uid);
        }

        List<Settlement.InteractionData> interactions = new ArrayList<>();
        for (int i = 0; i < bid.interactions().size(); i++) {
            interactions.add(interaction(i, bid.interactions().get(i)));
        }
        return EncodedSettlement.of(domain.verifyingContract(), auction, solver, List.copyOf(tokenIndex.keySet()),
                trades, interactions, uids);
    }

    /** Auction ids go on chain as uint256: a decimal integer, as the auctioneer numbers them. */
    public static BigInteger parseAuctionId(String auctionId) {
        if (auctionId == null || !auctionId.matches("[0-9]+")) {
            throw new ChainException(ChainError.AUCTION_ID_INVALID, "auction id must be a decimal integer, got "
                    + abbreviate(auctionId));
        }
        String digits = auctionId.replaceFirst("^0+(?=.)", "");
        // 2^256-1 has 78 digits: a longer number is out of range without parsing it.
        if (digits.length() > 78 || !U256.inRange(new BigInteger(digits))) {
            throw new ChainException(ChainError.AUCTION_ID_INVALID, "auction id exceeds 2^256-1, got " + abbreviate(auctionId));
        }
        return new BigInteger(digits);
    }

    private static String abbreviate(String s) {
        return s == null || s.length() <= 90 ? s : s.substring(0, 87) + "...";
    }

    private static void checkAmounts(Intent intent, Trade trade) {
        if (!U256.inRange(trade.executedSell()) || !U256.inRange(trade.executedBuy())) {
            throw new ChainException(ChainError.AMOUNT_OUT_OF_RANGE,
                    "trade of intent " + intent.uid() + " has an executed amount outside 0..2^256-1");
        }
        boolean withinLimit = intent.side() == Side.SELL
                ? trade.executedSell().equals(intent.sellAmount()) && trade.executedBuy().compareTo(intent.buyAmount()) >= 0
                : trade.executedBuy().equals(intent.buyAmount()) && trade.executedSell().compareTo(intent.sellAmount()) <= 0;
        if (!withinLimit) {
            throw new ChainException(ChainError.LIMIT_VIOLATED, "trade of " + intent.side().wire() + " intent "
                    + intent.uid() + " (sell " + trade.executedSell() + ", buy " + trade.executedBuy()
                    + ") breaks its fill-or-kill amounts or its limit");
        }
    }

    private static byte[] signature(Intent intent) {
        if (intent.signature().isEmpty()) {
            throw new ChainException(ChainError.SIGNATURE_MISSING, "intent " + intent.uid() + " carries no signature");
        }
        // Any length: an EIP-1271 owner defines its own signature format.
        return Words.requireHex(intent.signature(), ChainError.SIGNATURE_MALFORMED, "signature of intent " + intent.uid());
    }

    private Settlement.InteractionData interaction(int i, Interaction interaction) {
        String target = Words.requireAddress(interaction.target(), "target of interaction " + i);
        if (target.equals(relayer) || target.equals(domain.verifyingContract())) {
            throw new ChainException(ChainError.INTERACTION_FORBIDDEN,
                    "interaction " + i + " calls the " + (target.equals(relayer) ? "relayer" : "settlement"));
        }
        if (!U256.inRange(interaction.value())) {
            throw new ChainException(ChainError.AMOUNT_OUT_OF_RANGE, "value of interaction " + i + " is outside 0..2^256-1");
        }
        byte[] callData = Words.requireHex(interaction.callData(), ChainError.CALL_DATA_MALFORMED, "call data of interaction " + i);
        return new Settlement.InteractionData(target, interaction.value(), callData);
    }

    private static int index(Map<String, Integer> tokens, String token) {
        return tokens.computeIfAbsent(Words.requireAddress(token, "token"), t -> tokens.size());
    }
}
