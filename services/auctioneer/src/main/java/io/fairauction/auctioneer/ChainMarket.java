package io.fairauction.auctioneer;

import io.fairauction.chain.Chain;
import io.fairauction.chain.ChainError;
import io.fairauction.chain.ChainException;
import io.fairauction.chain.ContractRevert;
import io.fairauction.chain.Deployment;
import io.fairauction.chain.EncodedSettlement;
import io.fairauction.chain.SettlementClient;
import io.fairauction.chain.SettlementEncoder;
import io.fairauction.chain.SettlementOutcome;
import io.fairauction.chain.contracts.ConstantProductPair;
import io.fairauction.chain.contracts.Settlement;
import io.fairauction.core.model.Bid;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Token;
import io.fairauction.solverapi.Pool;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/** {@link Market} on a real chain through the Java chain toolkit. */
final class ChainMarket implements Market {
    /** The dev pools' fee: 0.3%, as ConstantProductPair.sol charges it. */
    static final int POOL_FEE_BPS = 30;

    private final Chain chain;
    private final Deployment deployment;
    private final SettlementClient client;
    private final SettlementEncoder encoder;
    private final ContractGasProvider gas;
    private final Settlement settlementView;

    ChainMarket(Chain chain, Deployment deployment, Credentials submitter) {
        this.chain = chain;
        this.deployment = deployment;
        this.client = new SettlementClient(chain, submitter);
        this.encoder = SettlementEncoder.forDeployment(deployment);
        this.gas = chain.gasProvider();
        this.settlementView = Settlement.load(deployment.settlement(), chain.web3j(),
                new ReadonlyTransactionManager(chain.web3j(), submitter.getAddress()), gas);
    }

    /** Each pool's token0 and token1: fixed at the pool's creation, so read once, not every round. */
    private final Map<String, String[]> poolTokens = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public Snapshot snapshot() {
        // The reserves of every pool asked at once: a round waits for one RPC round trip, not one per pool.
        List<ConstantProductPair> pairs = new ArrayList<>();
        List<java.util.concurrent.CompletableFuture<org.web3j.tuples.generated.Tuple2<BigInteger, BigInteger>>> reserves = new ArrayList<>();
        for (Deployment.PoolInfo info : deployment.pools()) {
            ConstantProductPair pair = ConstantProductPair.load(info.address(), chain.web3j(),
                    new ReadonlyTransactionManager(chain.web3j(), deployment.owner()), gas);
            pairs.add(pair);
            reserves.add(pair.getReserves().sendAsync());
        }
        List<Pool> pools = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            Deployment.PoolInfo info = deployment.pools().get(i);
            try {
                String[] tokens = poolTokens.get(info.address());
                if (tokens == null) {
                    tokens = new String[] {pairs.get(i).token0().send(), pairs.get(i).token1().send()};
                    poolTokens.put(info.address(), tokens);
                }
                var r = reserves.get(i).get(30, java.util.concurrent.TimeUnit.SECONDS);
                pools.add(new Pool(info.address(), tokens[0], tokens[1], r.component1(), r.component2(), POOL_FEE_BPS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ChainException(ChainError.RPC_FAILED, "interrupted reading pool " + info.address(), e);
            } catch (Exception e) {
                Throwable cause = e instanceof java.util.concurrent.ExecutionException ? e.getCause() : e;
                throw new ChainException(ChainError.RPC_FAILED, "cannot read pool " + info.address() + ": " + cause.getMessage(), cause);
            }
        }
        String weth = deployment.token("WETH").map(Deployment.TokenInfo::address).orElseThrow();
        Map<String, BigInteger> prices = NativePrices.fromPools(weth, pools);
        Map<String, Token> tokens = new LinkedHashMap<>();
        for (Deployment.TokenInfo t : deployment.tokens()) {
            tokens.put(t.address(), new Token(t.address(), t.decimals(), t.symbol(),
                    prices.getOrDefault(t.address().toLowerCase(Locale.ROOT), BigInteger.ZERO)));
        }
        return new Snapshot(tokens, weth, pools);
    }

    @Override
    public long chainTime() {
        return chain.latestTimestamp();
    }

    @Override
    public String settlement() {
        return deployment.settlement();
    }

    @Override
    public long chainId() {
        return deployment.chainId();
    }

    @Override
    public Map<String, Boolean> filled(List<String> uids) {
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (String uid : uids) {
            try {
                BigInteger s = settlementView.intentStatus(org.web3j.utils.Numeric.hexStringToByteArray(uid)).send();
                // Settlement.sol: 0 none, 1 filled, 2 cancelled on chain.
                out.put(uid.toLowerCase(Locale.ROOT), s.equals(BigInteger.ONE));
            } catch (Exception e) {
                throw new ChainException(ChainError.RPC_FAILED, "cannot read the status of " + uid + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    @Override
    public Optional<ContractRevert> simulate(EncodedSettlement settlement) {
        return client.simulate(settlement);
    }

    @Override
    public SettlementOutcome submit(EncodedSettlement settlement) {
        return client.submit(settlement);
    }

    @Override
    public EncodedSettlement encode(String auctionId, Bid bid, List<Intent> intents, String payout) {
        return encoder.encode(auctionId, bid, intents, payout);
    }

    @Override
    public Optional<Filled> filledBy(String uid) {
        return SettlementClient.tradeLogs(chain, deployment.settlement(), uid).stream().findFirst().map(logged -> {
            long gasUsed = Chain.send(chain.web3j().ethGetTransactionReceipt(logged.transactionHash()))
                    .getTransactionReceipt().map(r -> r.getGasUsed().longValueExact()).orElse(0L);
            return new Filled(logged.transactionHash(), logged.trade().owner(), logged.trade().executedSell(),
                    logged.trade().executedBuy(), gasUsed);
        });
    }
}
