package io.fairauction.collector;

import io.fairauction.chain.Anvil;
import io.fairauction.chain.Chain;
import io.fairauction.chain.Deployer;
import io.fairauction.chain.DevAccounts;
import io.fairauction.chain.DevMarket;
import io.fairauction.chain.Deployment;
import io.fairauction.kafka.EmbeddedKafka;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.web3j.crypto.Credentials;

/**
 * A real broker, a real Anvil with the contracts deployed (deployment file written), and collectors started on
 * them as Micronaut servers in environment "collector". {@link #close()} stops everything it started.
 */
final class TestDevnet implements AutoCloseable {
    final EmbeddedKafka kafka;
    final Anvil anvil;
    final Chain chain;
    final Deployment deployment;
    final DevMarket market;
    final Path deploymentFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    TestDevnet() {
        kafka = EmbeddedKafka.start();
        Anvil a = null;
        Chain c = null;
        try {
            a = Anvil.start();
            c = Chain.connect(a.rpcUrl());
            Credentials deployer = DevAccounts.account(DevAccounts.DEPLOYER);
            deployment = new Deployer(c, deployer).deploy(DevAccounts.account(DevAccounts.SUBMITTER).getAddress());
            market = new DevMarket(c, deployment, deployer);
            deploymentFile = Files.createTempDirectory("collector-test-").resolve("deployment.json");
            deployment.write(deploymentFile);
        } catch (IOException | RuntimeException e) {
            if (c != null) {
                c.close();
            }
            if (a != null) {
                a.close();
            }
            kafka.close();
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
        anvil = a;
        chain = c;
    }

    /** Dev account {@code 10 + n}: a trader, neither deployer nor submitter. */
    static Credentials account(int n) {
        return DevAccounts.account(10 + n);
    }

    /** The properties a collector needs, plus {@code extra}. */
    Map<String, Object> properties(Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>();
        p.put("micronaut.server.port", -1);
        p.put("fair-auction.kafka.bootstrap-servers", kafka.bootstrapServers());
        p.put("fair-auction.chain.rpc-url", anvil.rpcUrl());
        p.put("fair-auction.chain.deployment-file", deploymentFile.toString());
        p.putAll(extra);
        return p;
    }

    EmbeddedServer startCollector(Map<String, Object> extra) {
        return ApplicationContext.run(EmbeddedServer.class, properties(extra), "collector");
    }

    HttpResponse<String> send(EmbeddedServer server, String method, String path, String body) {
        return send(server, method, path, body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    HttpResponse<String> send(EmbeddedServer server, String method, String path, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        chain.close();
        anvil.close();
        kafka.close();
    }
}
