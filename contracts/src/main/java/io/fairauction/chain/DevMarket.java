package io.fairauction.chain;

import io.fairauction.chain.contracts.ConstantProductPair;
import io.fairauction.chain.contracts.Router;
import io.fairauction.chain.contracts.TestToken;
import io.fairauction.chain.contracts.WrappedEther;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Interaction;
import io.fairauction.core.model.Side;
import io.fairauction.core.model.U256;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.Address;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/**
 * The dev chain's market as traders and solvers see it: fund and approve traders, sign their intents, quote the
 * pools, and build the interactions that route a trade through a pool. Used by the gas report, the tests and
 * simulated traders.
 */
public final class DevMarket {
    private final Chain chain;
    private final Deployment deployment;
    private final Credentials minter;
    private final ContractGasProvider gas;

    /** @param minter the deployer, who may mint the test tokens */
    public DevMarket(Chain chain, Deployment deployment, Credentials minter) {
        this.chain = chain;
        this.deployment = deployment;
        this.minter = minter;
        this.gas = chain.gasProvider();
    }

    public Deployment deployment() {
        return deployment;
    }

    public String token(String symbol) {
        return deployment.token(symbol)
                .orElseThrow(() -> new IllegalArgumentException("no token " + symbol + " in the deployment"))
                .address();
    }

    /** Gives {@code account} {@code amount} base units of {@code symbol} (WETH: wrapped from the minter's ether). */
    public void fund(String account, String symbol, BigInteger amount) {
        try {
            if (symbol.equals("WETH")) {
                WrappedEther weth = WrappedEther.load(token(symbol), chain.web3j(), chain.transactionManager(minter), gas);
                weth.deposit(amount).send();
                weth.transfer(account, amount).send();
            } else {
                TestToken.load(token(symbol), chain.web3j(), chain.transactionManager(minter), gas)
                        .mint(account, amount).send();
            }
        } catch (Exception e) {
            throw new ChainException(ChainError.RPC_FAILED, "cannot fund " + account + " with " + symbol + ": " + e.getMessage(), e);
        }
    }

    /** The trader approves the relayer for {@code symbol} without limit (one approval, every later trade). */
    public void approveRelayer(Credentials trader, String symbol) {
        try {
            TestToken.load(token(symbol), chain.web3j(), chain.transactionManager(trader), gas)
                    .approve(deployment.relayer(), U256.MAX).send();
        } catch (Exception e) {
            throw new ChainException(ChainError.RPC_FAILED, "approve failed: " + e.getMessage(), e);
        }
    }

    public BigInteger balance(String symbol, String account) {
        return balanceOf(token(symbol), account);
    }

    public BigInteger balanceOf(String tokenAddress, String account) {
        try {
            return TestToken.load(tokenAddress, chain.web3j(), new ReadonlyTransactionManager(chain.web3j(), account), gas)
                    .balanceOf(account).send();
        } catch (Exception e) {
            throw new ChainException(ChainError.RPC_FAILED, "balanceOf failed: " + e.getMessage(), e);
        }
    }

    /** A signed intent of {@code owner} for this deployment. */
    public Intent intent(Credentials owner, Side side, String sellSymbol, String buySymbol,
                         BigInteger sellAmount, BigInteger buyAmount, long validTo) {
        Intent unsigned = new Intent("0x", owner.getAddress(), side, token(sellSymbol), token(buySymbol),
                sellAmount, buyAmount, validTo, "");
        return IntentSignatures.sign(unsigned, owner.getEcKeyPair(), deployment.domain());
    }

    /** What the pool of the two tokens pays for {@code amountIn} now (0.3% fee included). */
    public BigInteger quote(String sellSymbol, String buySymbol, BigInteger amountIn) {
        try {
            Router router = Router.load(deployment.router(), chain.web3j(),
                    new ReadonlyTransactionManager(chain.web3j(), deployment.owner()), gas);
            List<?> amounts = router.getAmountsOut(amountIn, List.of(token(sellSymbol), token(buySymbol))).send();
            Object out = amounts.get(1);
            // web3j hands dynamic-array results back as Java values or as ABI types, depending on the wrapper style.
            return out instanceof org.web3j.abi.datatypes.Type<?> t ? (BigInteger) t.getValue() : (BigInteger) out;
        } catch (Exception e) {
            throw new ChainException(ChainError.RPC_FAILED, "quote failed: " + e.getMessage(), e);
        }
    }

    /**
     * The two interactions that swap {@code amountIn} of the sell token, held by the settlement, for
     * {@code amountOut} of the buy token paid to the settlement: transfer into the pool, then the pool's swap
     * (Uniswap v2's cheapest route, no router, no approval).
     */
    public List<Interaction> swapThroughPool(String sellSymbol, String buySymbol, BigInteger amountIn, BigInteger amountOut) {
        String sell = token(sellSymbol);
        String buy = token(buySymbol);
        String pair = deployment.pool(sellSymbol, buySymbol)
                .orElseThrow(() -> new IllegalArgumentException("no pool " + sellSymbol + "/" + buySymbol))
                .address();
        boolean buyIsToken0 = new BigInteger(buy.substring(2), 16).compareTo(new BigInteger(sell.substring(2), 16)) < 0;
        Function transfer = new Function("transfer", List.of(new Address(pair), new Uint256(amountIn)), List.of());
        Function swap = new Function(ConstantProductPair.FUNC_SWAP, List.of(
                new Uint256(buyIsToken0 ? amountOut : BigInteger.ZERO),
                new Uint256(buyIsToken0 ? BigInteger.ZERO : amountOut),
                new Address(deployment.settlement())), List.of());
        return List.of(
                new Interaction(sell, BigInteger.ZERO, FunctionEncoder.encode(transfer)),
                new Interaction(pair, BigInteger.ZERO, FunctionEncoder.encode(swap)));
    }
}
