package io.fairauction.auctioneer;

import io.fairauction.chain.ContractRevert;
import io.fairauction.chain.EncodedSettlement;
import io.fairauction.chain.SettlementOutcome;
import io.fairauction.core.model.Token;
import io.fairauction.solverapi.Pool;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the auctioneer needs from the chain: prices and liquidity to cut auctions, and settlement. */
interface Market {
    /** The deployment's tokens with native prices read from the pools, and the pools themselves. */
    Snapshot snapshot();

    /** Seconds since the epoch of the latest block: what {@code validTo} is compared with on chain. */
    long chainTime();

    /** The settlement contract. */
    String settlement();

    long chainId();

    /** Which of these intents the settlement contract already marks filled (lower-case uids). */
    Map<String, Boolean> filled(List<String> uids);

    /** Empty when the settlement would succeed now, else the decoded revert. */
    Optional<ContractRevert> simulate(EncodedSettlement settlement);

    /** Sends the settlement and waits for its receipt. */
    SettlementOutcome submit(EncodedSettlement settlement);

    /** The mined settlement that filled {@code uid}, read from the contract's Trade events; empty if none. */
    Optional<Filled> filledBy(String uid);

    EncodedSettlement encode(String auctionId, io.fairauction.core.model.Bid bid,
                             List<io.fairauction.core.model.Intent> intents, String payout);

    /** Tokens keyed by address, and pools. */
    record Snapshot(Map<String, Token> tokens, String wrappedNativeToken, List<Pool> pools) {
    }

    /** A Trade event of the settlement contract. */
    record Filled(String txHash, String owner, java.math.BigInteger executedSell, java.math.BigInteger executedBuy,
                  long gasUsed) {
    }
}
