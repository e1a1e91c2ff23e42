package io.fairauction.solvers;

import io.fairauction.chain.Anvil;
import io.fairauction.chain.Chain;
import io.fairauction.chain.Deployer;
import io.fairauction.chain.Deployment;
import io.fairauction.chain.DevAccounts;
import io.fairauction.chain.DevMarket;
import io.fairauction.chain.SettlementClient;
import io.fairauction.chain.SettlementEncoder;
import io.fairauction.chain.contracts.ConstantProductPair;
import io.fairauction.core.model.Auction;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Token;
import io.fairauction.solverapi.Pool;
import io.fairauction.solverapi.SolveRequest;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.web3j.crypto.Credentials;
import org.web3j.tuples.generated.Tuple2;
import org.web3j.tx.ReadonlyTransactionManager;

/**
 * A real Anvil with the contracts deployed (as contracts' own test DevChain), shared by the tests of one JVM and
 * reset around every test with {@code evm_snapshot}/{@code evm_revert}; plus what a gateway would send a solver:
 * the auction with native prices read from the pools, and the pools with their reserves read from the chain.
 */
final class DevChain implements AutoCloseable {
    static final BigInteger ETHER = BigInteger.TEN.pow(18);
    static final BigInteger DOLLAR = BigInteger.TEN.pow(6);

    final Anvil anvil;
    final Chain chain;
    final Credentials deployer = DevAccounts.account(DevAccounts.DEPLOYER);
    final Credentials submitter = DevAccounts.account(DevAccounts.SUBMITTER);
    final Deployment deployment;
    final DevMarket market;
    final SettlementClient client;
    final SettlementEncoder encoder;

    private DevChain() {
        anvil = Anvil.start();
        chain = Chain.connect(anvil.rpcUrl());
        deployment = new Deployer(chain, deployer).deploy(submitter.getAddress());
        market = new DevMarket(chain, deployment, deployer);
        client = new SettlementClient(chain, submitter);
        encoder = SettlementEncoder.forDeployment(deployment);
    }

    /** Dev account {@code 10 + n}, holding {@code amount} of {@code symbol}, relayer approved. */
    Credentials trader(int n, String symbol, BigInteger amount) {
        Credentials trader = DevAccounts.account(10 + n);
        market.fund(trader.getAddress(), symbol, amount);
        market.approveRelayer(trader, symbol);
        return trader;
    }

    /** The solver payout address of these tests. */
    static String payout() {
        return DevAccounts.account(39).getAddress();
    }

    long inAnHour() {
        return chain.latestTimestamp() + 3600;
    }

    /** The pools with their reserves now. */
    List<Pool> pools() {
        List<Pool> pools = new ArrayList<>();
        for (Deployment.PoolInfo info : deployment.pools()) {
            try {
                ConstantProductPair pair = ConstantProductPair.load(info.address(), chain.web3j(),
                        new ReadonlyTransactionManager(chain.web3j(), deployment.owner()), chain.gasProvider());
                Tuple2<BigInteger, BigInteger> r = pair.getReserves().send();
                pools.add(new Pool(info.address(), pair.token0().send().toLowerCase(Locale.ROOT),
                        pair.token1().send().toLowerCase(Locale.ROOT), r.component1(), r.component2(), 30));
            } catch (Exception e) {
                throw new IllegalStateException("cannot read pool " + info.address(), e);
            }
        }
        return pools;
    }

    /** The solve request a gateway would send for these intents, deadline in 10 s. */
    SolveRequest request(String auctionId, List<Intent> intents) {
        List<Pool> pools = pools();
        String weth = market.token("WETH");
        Map<String, Token> tokens = new LinkedHashMap<>();
        for (Deployment.TokenInfo t : deployment.tokens()) {
            BigInteger price = ETHER;
            if (!t.address().equalsIgnoreCase(weth)) {
                Pool p = pools.stream().filter(x -> x.trades(weth, t.address())).findFirst().orElseThrow();
                boolean wethIs0 = p.token0().equalsIgnoreCase(weth);
                BigInteger rWeth = wethIs0 ? p.reserve0() : p.reserve1();
                BigInteger rT = wethIs0 ? p.reserve1() : p.reserve0();
                price = rWeth.multiply(ETHER).divide(rT);
            }
            tokens.put(t.address(), new Token(t.address(), t.decimals(), t.symbol(), price));
        }
        return new SolveRequest(new Auction(auctionId, tokens, intents, weth), pools,
                System.currentTimeMillis() + 10_000, deployment.settlement(), deployment.chainId());
    }

    @Override
    public void close() {
        chain.close();
        anvil.close();
    }

    /** Gives each test the shared chain, reverted to the deployed state after it. */
    static final class Fresh implements BeforeEachCallback, AfterEachCallback, ParameterResolver {
        private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(DevChain.class);

        private static DevChain shared(ExtensionContext context) {
            return context.getRoot().getStore(NS).getOrComputeIfAbsent("chain", k -> new DevChain(), DevChain.class);
        }

        @Override
        public void beforeEach(ExtensionContext context) {
            context.getStore(NS).put("snapshot", shared(context).chain.snapshot());
        }

        @Override
        public void afterEach(ExtensionContext context) {
            shared(context).chain.revert(context.getStore(NS).get("snapshot", String.class));
        }

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
            return parameter.getParameter().getType() == DevChain.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
            return shared(context);
        }
    }
}
