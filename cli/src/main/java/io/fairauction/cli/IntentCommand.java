package io.fairauction.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fairauction.chain.Chain;
import io.fairauction.chain.ChainException;
import io.fairauction.chain.Deployment;
import io.fairauction.chain.DevAccounts;
import io.fairauction.chain.DevMarket;
import io.fairauction.core.model.Intent;
import io.fairauction.core.model.Side;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code auction intent}: a signed sell intent of a dev account, as the JSON body {@code POST /api/v1/intents} takes,
 * priced from the pool with a slippage limit; {@code --fund} first gives the account the tokens and the relayer
 * approval (dev chain only).
 */
@Command(name = "intent", mixinStandardHelpOptions = true,
        description = {"Prints a signed sell intent of a dev account (the body of POST /api/v1/intents), its limit",
                "set from the pool's quote less the slippage. Example:",
                "  ./auction intent --deployment DIR/deployment.json --sell WETH --buy USDC --amount 0.5 --fund > intent.json",
                "  curl -s -X POST -H 'Content-Type: application/json' -d @intent.json http://127.0.0.1:8080/api/v1/intents"})
public final class IntentCommand implements Callable<Integer> {
    @Option(names = "--deployment", required = true, paramLabel = "FILE", description = "The deployment file (the devnet prints where it is).")
    Path deploymentFile;

    @Option(names = "--rpc", paramLabel = "URL", description = "JSON-RPC URL (default: the one in the deployment file).")
    String rpc;

    @Option(names = "--account", defaultValue = "35", description = "Dev account index of the trader (default: ${DEFAULT-VALUE}).")
    int account;

    @Option(names = "--sell", required = true, paramLabel = "SYMBOL")
    String sell;

    @Option(names = "--buy", required = true, paramLabel = "SYMBOL")
    String buy;

    @Option(names = "--amount", required = true, paramLabel = "TOKENS", description = "Sell amount in whole tokens, e.g. 0.5.")
    BigDecimal amount;

    @Option(names = "--slippage-bps", defaultValue = "100", description = "Limit below the pool's quote, in basis points (default: ${DEFAULT-VALUE}).")
    int slippageBps;

    @Option(names = "--valid-for", defaultValue = "300", paramLabel = "SECONDS", description = "validTo = chain time + this (default: ${DEFAULT-VALUE}).")
    long validFor;

    @Option(names = "--fund", description = "First mint (or wrap) the sell amount to the account and approve the relayer (dev chain).")
    boolean fund;

    @Override
    public Integer call() throws Exception {
        if (account < 0 || account >= DevAccounts.COUNT) {
            throw new BadInputException("--account must be in 0.." + (DevAccounts.COUNT - 1) + ", got " + account);
        }
        if (slippageBps < 0 || slippageBps >= 10_000) {
            throw new BadInputException("--slippage-bps must be in 0..9999, got " + slippageBps);
        }
        if (amount.signum() <= 0) {
            throw new BadInputException("--amount must be positive, got " + amount);
        }
        Deployment d;
        try {
            d = Deployment.read(deploymentFile);
        } catch (ChainException e) {
            throw new BadInputException(e.getMessage());
        }
        Deployment.TokenInfo sellToken = d.token(sell).orElseThrow(() -> new BadInputException("--sell: no token " + sell + " in the deployment"));
        d.token(buy).orElseThrow(() -> new BadInputException("--buy: no token " + buy + " in the deployment"));
        BigInteger units = amount.movePointRight(sellToken.decimals()).toBigInteger();
        Credentials trader = DevAccounts.account(account);
        try (Chain chain = Chain.connect(rpc != null ? rpc : d.rpcUrl())) {
            DevMarket market = new DevMarket(chain, d, DevAccounts.account(DevAccounts.DEPLOYER));
            if (fund) {
                market.fund(trader.getAddress(), sell, units);
                market.approveRelayer(trader, sell);
            }
            BigInteger quote = market.quote(sell, buy, units);
            BigInteger limit = quote.multiply(BigInteger.valueOf(10_000L - slippageBps)).divide(BigInteger.valueOf(10_000));
            Intent intent = market.intent(trader, Side.SELL, sell, buy, units, limit, chain.latestTimestamp() + validFor);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("owner", intent.owner());
            body.put("side", intent.side().wire());
            body.put("sellToken", intent.sellToken());
            body.put("buyToken", intent.buyToken());
            body.put("sellAmount", intent.sellAmount().toString());
            body.put("buyAmount", intent.buyAmount().toString());
            body.put("validTo", intent.validTo());
            body.put("signature", intent.signature());
            System.out.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(body));
            System.err.println("uid " + intent.uid());
        } catch (ChainException e) {
            throw new BadInputException(e.getMessage());
        }
        return 0;
    }
}
