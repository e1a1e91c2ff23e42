package io.fairauction.chain;

import io.fairauction.chain.contracts.Settlement;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import java.util.Objects;

/**
 * One winning bid, encoded as a call of {@code Settlement.settle}: ready to simulate, estimate and send.
 *
 * @param settlement   the Settlement contract the call goes to
 * @param auctionId    the auction the bid won
 * @param solver       the payout address that receives what is left over
 * @param tokens       every token the trades touch, in first-use order (the balance check covers them)
 * @param trades       the trades as the contract takes them
 * @param interactions the bid's interactions, in order
 * @param uids         the intent uid of each trade, in trade order
 * @param callData     the transaction's input, 0x-prefixed hex
 */
public record EncodedSettlement(
        String settlement,
        BigInteger auctionId,
        String solver,
        List<String> tokens,
        List<Settlement.TradeData> trades,
        List<Settlement.InteractionData> interactions,
        List<String> uids,
        String callData) {

    public EncodedSettlement {
        Objects.requireNonNull(settlement, "settlement");
        Objects.requireNonNull(auctionId, "auctionId");
        Objects.requireNonNull(solver, "solver");
        Objects.requireNonNull(callData, "callData");
        tokens = List.copyOf(tokens);
        trades = List.copyOf(trades);
        interactions = List.copyOf(interactions);
        uids = List.copyOf(uids);
    }

    /** Encodes the call; no input is checked here ({@link SettlementEncoder} does that). */
    public static EncodedSettlement of(String settlement, BigInteger auctionId, String solver, List<String> tokens,
                                       List<Settlement.TradeData> trades, List<Settlement.InteractionData> interactions,
                                       List<String> uids) {
        Function settle = new Function(Settlement.FUNC_SETTLE, List.of(
                new Uint256(auctionId),
                new Address(solver),
                new DynamicArray<>(Address.class, tokens.stream().map(Address::new).toList()),
                new DynamicArray<>(Settlement.TradeData.class, trades),
                new DynamicArray<>(Settlement.InteractionData.class, interactions)),
                List.of());
        return new EncodedSettlement(settlement, auctionId, solver, tokens, trades, interactions, uids,
                FunctionEncoder.encode(settle));
    }

    /** The same settlement with other trades (the uids kept): for tests that tamper with what the contract sees. */
    public EncodedSettlement withTrades(List<Settlement.TradeData> replaced) {
        return of(settlement, auctionId, solver, tokens, replaced, interactions, uids);
    }

    /** The same settlement with other interactions. */
    public EncodedSettlement withInteractions(List<Settlement.InteractionData> replaced) {
        return of(settlement, auctionId, solver, tokens, trades, replaced, uids);
    }
}
