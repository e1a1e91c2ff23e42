package io.fairauction.chain;

import io.fairauction.chain.contracts.PairFactory;
import io.fairauction.chain.contracts.Router;
import io.fairauction.chain.contracts.Settlement;
import io.fairauction.chain.contracts.TestToken;
import io.fairauction.chain.contracts.WrappedEther;
import io.fairauction.core.model.U256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.web3j.crypto.Credentials;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * Deploys a complete dev chain: Settlement (which creates its Relayer), wrapped ether, test tokens,
 * constant-product pools seeded with liquidity, and a router; then authorises the submitter.
 */
public final class Deployer {
    /** A test token and its decimals. */
    public record TokenSpec(String symbol, String name, int decimals) {
    }

    /** A pool and its initial reserves, in whole tokens. */
    public record PoolSpec(String tokenA, String tokenB, long reserveA, long reserveB) {
    }

    /** Dev-chain tokens: stable coins and a bitcoin stand-in, beside WETH. */
    public static final List<TokenSpec> TOKENS = List.of(
            new TokenSpec("USDC", "USD Coin (dev)", 6),
            new TokenSpec("DAI", "Dai Stablecoin (dev)", 18),
            new TokenSpec("WBTC", "Wrapped Bitcoin (dev)", 8));

    /** Pools at ETH = 3 000 USD, BTC = 60 000 USD; deep enough for test-sized trades to move prices little. */
    public static final List<PoolSpec> POOLS = List.of(
            new PoolSpec("WETH", "USDC", 1_000, 3_000_000),
            new PoolSpec("WETH", "DAI", 1_000, 3_000_000),
            new PoolSpec("WETH", "WBTC", 1_000, 50),
            new PoolSpec("USDC", "DAI", 1_000_000, 1_000_000));

    private final Chain chain;
    private final Credentials deployer;
    private final TransactionManager tx;
    private final ContractGasProvider gas;

    public Deployer(Chain chain, Credentials deployer) {
        this.chain = chain;
        this.deployer = deployer;
        this.tx = chain.transactionManager(deployer);
        this.gas = chain.gasProvider();
    }

    /** Deploys everything and authorises {@code submitter}; the deployer owns the Settlement and mints the tokens. */
    public Deployment deploy(String submitter) {
        String submitterAddress = Words.requireAddress(submitter, "submitter");
        try {
            Settlement settlement = Settlement.deploy(chain.web3j(), tx, gas, deployer.getAddress()).send();
            settlement.setSubmitter(submitterAddress, true).send();
            String relayer = settlement.relayer().send();

            WrappedEther weth = WrappedEther.deploy(chain.web3j(), tx, gas).send();
            Map<String, Deployment.TokenInfo> tokens = new LinkedHashMap<>();
            tokens.put("WETH", new Deployment.TokenInfo("WETH", weth.getContractAddress(), 18));
            Map<String, TestToken> minted = new LinkedHashMap<>();
            for (TokenSpec spec : TOKENS) {
                TestToken token = TestToken.deploy(chain.web3j(), tx, gas, spec.name(), spec.symbol(),
                        BigInteger.valueOf(spec.decimals())).send();
                minted.put(spec.symbol(), token);
                tokens.put(spec.symbol(), new Deployment.TokenInfo(spec.symbol(), token.getContractAddress(), spec.decimals()));
            }

            PairFactory factory = PairFactory.deploy(chain.web3j(), tx, gas).send();
            Router router = Router.deploy(chain.web3j(), tx, gas, factory.getContractAddress()).send();

            // Fund the deployer with what the pools need, then let the router pull it.
            Map<String, BigInteger> needed = new LinkedHashMap<>();
            for (PoolSpec pool : POOLS) {
                needed.merge(pool.tokenA(), units(tokens.get(pool.tokenA()), pool.reserveA()), BigInteger::add);
                needed.merge(pool.tokenB(), units(tokens.get(pool.tokenB()), pool.reserveB()), BigInteger::add);
            }
            for (Map.Entry<String, BigInteger> need : needed.entrySet()) {
                if (need.getKey().equals("WETH")) {
                    weth.deposit(need.getValue()).send();
                    weth.approve(router.getContractAddress(), U256.MAX).send();
                } else {
                    TestToken token = minted.get(need.getKey());
                    token.mint(deployer.getAddress(), need.getValue()).send();
                    token.approve(router.getContractAddress(), U256.MAX).send();
                }
            }
            List<Deployment.PoolInfo> pools = new ArrayList<>();
            for (PoolSpec pool : POOLS) {
                Deployment.TokenInfo a = tokens.get(pool.tokenA());
                Deployment.TokenInfo b = tokens.get(pool.tokenB());
                router.addLiquidity(a.address(), b.address(), units(a, pool.reserveA()), units(b, pool.reserveB()),
                        BigInteger.ZERO, BigInteger.ZERO, deployer.getAddress(), BigInteger.valueOf(Integer.MAX_VALUE))
                        .send();
                String pair = factory.getPair(a.address(), b.address()).send();
                pools.add(new Deployment.PoolInfo(pool.tokenA(), pool.tokenB(), pair.toLowerCase(java.util.Locale.ROOT)));
            }
            return new Deployment(chain.chainId(), chain.rpcUrl(), chain.blockNumber().longValueExact(),
                    deployer.getAddress(), List.of(submitterAddress), lower(settlement.getContractAddress()),
                    lower(relayer), lower(factory.getContractAddress()), lower(router.getContractAddress()),
                    tokens.values().stream().map(t -> new Deployment.TokenInfo(t.symbol(), lower(t.address()), t.decimals())).toList(),
                    pools);
        } catch (ChainException e) {
            throw e;
        } catch (Exception e) {
            throw new ChainException(ChainError.RPC_FAILED, "deployment failed: " + e.getMessage(), e);
        }
    }

    private static BigInteger units(Deployment.TokenInfo token, long whole) {
        return BigInteger.valueOf(whole).multiply(BigInteger.TEN.pow(token.decimals()));
    }

    private static String lower(String address) {
        return address.toLowerCase(java.util.Locale.ROOT);
    }
}
