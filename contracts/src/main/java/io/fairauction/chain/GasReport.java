package io.fairauction.chain;

import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Interaction;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.Trade;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Credentials;

/**
 * Gas per settlement, measured on a dev chain: the gas used of real {@code settle} transactions (base fee,
 * call data and execution, after refunds), for batches of 1, 2, 5 and 10 trades, matched directly (coincidence
 * of wants) or routed through a constant-product pool. Every measurement starts from the same snapshot.
 *
 * <p>Traders are measured twice: receiving a token they already hold (the token's balance slot goes from
 * non-zero to non-zero), and receiving it for the first time (zero to non-zero: 17 100 gas more per trader,
 * charged by the token, not by the settlement).
 */
public final class GasReport {
    public static final List<Integer> SIZES = List.of(1, 2, 5, 10);
    /** Issue targets: each extra directly matched trade, and one pool-routed intent. */
    public static final long TARGET_EXTRA_DIRECT_TRADE = 60_000;
    public static final long TARGET_ONE_POOL_ROUTED = 200_000;

    private static final BigInteger ETHER = BigInteger.TEN.pow(18);
    private static final BigInteger DOLLAR = BigInteger.TEN.pow(6);
    /** Dev accounts the traders use; the solver's payout address is the last one. */
    private static final int FIRST_TRADER = 10;
    private static final int SOLVER = DevAccounts.COUNT - 1;

    /** Gas used per batch size; empty where the scenario does not exist (a direct match needs two traders). */
    public record Row(int trades, Optional<Long> directHolding, Optional<Long> directFirstReceipt,
                      long poolHolding, long poolFirstReceipt) {
    }

    /**
     * @param rows                        one per size in {@link #SIZES}
     * @param extraDirectTradeHolding      (gas(10) - gas(2)) / 8, traders already holding the buy token
     * @param extraDirectTradeFirstReceipt the same, traders receiving the buy token for the first time
     * @param solcVersion                  the compiler that built the measured bytecode, e.g. {@code 0.8.37}
     */
    public record Report(List<Row> rows, long extraDirectTradeHolding, long extraDirectTradeFirstReceipt,
                         String anvilVersion, String solcVersion) {
        public Row row(int trades) {
            return rows.stream().filter(r -> r.trades() == trades).findFirst().orElseThrow();
        }

        public boolean meetsDirectTarget() {
            return extraDirectTradeHolding <= TARGET_EXTRA_DIRECT_TRADE;
        }

        public boolean meetsPoolTarget() {
            return row(1).poolFirstReceipt() <= TARGET_ONE_POOL_ROUTED;
        }
    }

    private final Chain chain;
    private final DevMarket market;
    private final SettlementClient client;
    private final SettlementEncoder encoder;

    public GasReport(Chain chain, Deployment deployment, Credentials deployer, Credentials submitter) {
        this.chain = chain;
        this.market = new DevMarket(chain, deployment, deployer);
        this.client = new SettlementClient(chain, submitter);
        this.encoder = SettlementEncoder.forDeployment(deployment);
    }

    /** Runs every scenario; the chain is back at its starting state afterwards. */
    public Report measure() {
        List<Row> rows = new ArrayList<>();
        for (int n : SIZES) {
            Optional<Long> directHolding = n < 2 ? Optional.empty() : Optional.of(gas(() -> direct(n, true)));
            Optional<Long> directFirst = n < 2 ? Optional.empty() : Optional.of(gas(() -> direct(n, false)));
            rows.add(new Row(n, directHolding, directFirst, gas(() -> pool(n, true)), gas(() -> pool(n, false))));
        }
        Row two = rows.get(SIZES.indexOf(2));
        Row ten = rows.get(SIZES.indexOf(10));
        return new Report(rows,
                (ten.directHolding().orElseThrow() - two.directHolding().orElseThrow()) / 8,
                (ten.directFirstReceipt().orElseThrow() - two.directFirstReceipt().orElseThrow()) / 8,
                Anvil.VERSION, solcVersion());
    }

    /** The solc release the build compiled the contracts with (written by compile.mjs), without its commit suffix. */
    public static String solcVersion() {
        try (java.io.InputStream in = GasReport.class.getResourceAsStream("abi/solc-version.txt")) {
            if (in == null) {
                throw new IllegalStateException("missing abi/solc-version.txt (written by compile.mjs)");
            }
            String full = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            int suffix = full.indexOf('+');
            return suffix < 0 ? full : full.substring(0, suffix);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private long gas(java.util.function.Supplier<EncodedSettlement> scenario) {
        String snapshot = chain.snapshot();
        try {
            SettlementOutcome outcome = client.submit(scenario.get());
            if (!outcome.mined()) {
                throw new ChainException(ChainError.SETTLEMENT_REVERTED, "gas scenario reverted: " + outcome.transactionHash());
            }
            return outcome.gasUsed().longValueExact();
        } finally {
            chain.revert(snapshot);
        }
    }

    /**
     * {@code n} traders matched with no pool: the first ceil(n/2) sell 1 WETH for USDC, the others sell USDC for
     * WETH, at 3 000 USDC per WETH; the WETH sellers receive 1 USDC less, which goes to the solver.
     */
    private EncodedSettlement direct(int n, boolean holding) {
        int wethSellers = (n + 1) / 2;
        int usdcSellers = n - wethSellers;
        BigInteger usdcEach = DOLLAR.multiply(BigInteger.valueOf(3000L * wethSellers / usdcSellers));
        BigInteger wethEach = ETHER.multiply(BigInteger.valueOf(wethSellers)).divide(BigInteger.valueOf(usdcSellers));
        List<Intent> intents = new ArrayList<>();
        List<Trade> trades = new ArrayList<>();
        long validTo = chain.latestTimestamp() + 3600;
        for (int i = 0; i < n; i++) {
            boolean sellsWeth = i < wethSellers;
            String sell = sellsWeth ? "WETH" : "USDC";
            String buy = sellsWeth ? "USDC" : "WETH";
            BigInteger sellAmount = sellsWeth ? ETHER : usdcEach;
            BigInteger award = sellsWeth ? DOLLAR.multiply(BigInteger.valueOf(2999)) : wethEach;
            Credentials trader = trader(i, sell, sellAmount, buy, holding);
            Intent intent = market.intent(trader, Side.SELL, sell, buy, sellAmount, award, validTo);
            intents.add(intent);
            trades.add(new Trade(intent.uid(), sellAmount, award));
        }
        return encoder.encode("1", new Bid("gas-direct-" + n, "solver", trades, List.of()), intents, solver());
    }

    /** {@code n} traders each sell 1 WETH for USDC; the solver swaps the n WETH in one pool swap and splits it. */
    private EncodedSettlement pool(int n, boolean holding) {
        BigInteger total = ETHER.multiply(BigInteger.valueOf(n));
        BigInteger out = market.quote("WETH", "USDC", total);
        BigInteger award = out.divide(BigInteger.valueOf(n)).subtract(BigInteger.ONE);
        List<Intent> intents = new ArrayList<>();
        List<Trade> trades = new ArrayList<>();
        long validTo = chain.latestTimestamp() + 3600;
        for (int i = 0; i < n; i++) {
            Credentials trader = trader(i, "WETH", ETHER, "USDC", holding);
            Intent intent = market.intent(trader, Side.SELL, "WETH", "USDC", ETHER, DOLLAR.multiply(BigInteger.valueOf(2000)), validTo);
            intents.add(intent);
            trades.add(new Trade(intent.uid(), ETHER, award));
        }
        List<Interaction> route = market.swapThroughPool("WETH", "USDC", total, out);
        return encoder.encode("1", new Bid("gas-pool-" + n, "solver", trades, route), intents, solver());
    }

    private Credentials trader(int i, String sell, BigInteger amount, String buy, boolean holdsBuyToken) {
        Credentials trader = DevAccounts.account(FIRST_TRADER + i);
        market.fund(trader.getAddress(), sell, amount);
        market.approveRelayer(trader, sell);
        if (holdsBuyToken) {
            market.fund(trader.getAddress(), buy, BigInteger.ONE);
        }
        return trader;
    }

    private static String solver() {
        return DevAccounts.account(SOLVER).getAddress();
    }
}
