package io.fairauction.gateway;

import static io.fairauction.gateway.Fixtures.onIntent1;
import static io.fairauction.gateway.Fixtures.payout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.fairauction.events.BidAccepted;
import io.fairauction.events.EventJson;
import io.fairauction.events.Topics;
import io.fairauction.kafka.EmbeddedKafka;
import io.fairauction.solverapi.SolveResponse;
import io.fairauction.solverapi.WireJson;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway as the application runs it: configured from a YAML file (what {@code --config FILE} loads), the
 * solver list bound from {@code fair-auction.gateway.solvers}, the relayer read from the deployment file, health and
 * Prometheus metrics served; a configuration with bad solver entries stops the start with every problem named.
 */
class GatewayApplicationTest {
    @TempDir
    Path dir;

    private ApplicationContext run(String yaml) throws Exception {
        Path file = dir.resolve("gateway.yml");
        Files.writeString(file, yaml);
        System.setProperty("micronaut.config.files", file.toString());
        try {
            return ApplicationContext.run(EmbeddedServer.class, "gateway").getApplicationContext();
        } finally {
            System.clearProperty("micronaut.config.files");
        }
    }

    @Test
    void runsFromAYamlConfigAndServesHealthAndMetrics() throws Exception {
        Path deployment = dir.resolve("deployment.json");
        Files.writeString(deployment, "{\"chainId\": 31337, \"settlement\": \"" + Fixtures.SETTLEMENT
                + "\", \"relayer\": \"" + Fixtures.RELAYER + "\"}");
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             KafkaProducer<String, String> producer = Fixtures.producer(kafka.bootstrapServers());
             TestSolver honest = new TestSolver("honest", "s3cret-honest", payout(0x11), (req, s) -> TestSolver.Reply.signed(s,
                     WireJson.writeResponse(new SolveResponse(List.of(onIntent1("b1", 950))))));
             TestSolver other = new TestSolver("other", "s3cret-other", payout(0x12), (req, s) -> TestSolver.Reply.signed(s,
                     WireJson.writeResponse(new SolveResponse(List.of()))))) {
            String yaml = """
                    micronaut:
                      server:
                        port: -1
                    fair-auction:
                      kafka:
                        bootstrap-servers: %s
                      chain:
                        deployment-file: %s
                      gateway:
                        max-bids-per-solver: 5
                        deadline-margin-ms: 300
                        solvers:
                          - id: honest
                            endpoint: %s
                            secret: s3cret-honest
                            payout: "%s"
                          - id: other
                            endpoint: %s/
                            secret: s3cret-other
                            payout: "%s"
                    """.formatted(kafka.bootstrapServers(), deployment, honest.endpoint(), honest.payout,
                    other.endpoint(), other.payout);
            try (ApplicationContext ctx = run(yaml)) {
                Gateway gateway = ctx.getBean(Gateway.class);
                assertThat(gateway.config().solvers()).extracting(SolverEndpoint::id).containsExactly("honest", "other");
                assertThat(gateway.config().relayer()).isEqualTo(Fixtures.RELAYER);
                assertThat(gateway.config().maxBidsPerSolver()).isEqualTo(5);
                assertThat(gateway.config().maxResponseBytes()).isEqualTo(1 << 20);
                Fixtures.warmUp(gateway, producer, 500);

                long deadline = System.currentTimeMillis() + 5_000;
                Fixtures.publish(producer, Topics.AUCTIONS, Fixtures.opened(501, deadline));
                var records = Fixtures.read(kafka.bootstrapServers(), Topics.BIDS, r -> !r.isEmpty(), Duration.ofSeconds(20));
                assertThat(records).hasSize(1);
                BidAccepted bid = EventJson.read(records.get(0).value(), BidAccepted.class);
                assertThat(bid.bid().id()).isEqualTo("honest/b1");
                assertThat(bid.payout()).isEqualTo(payout(0x11));

                int port = ctx.getBean(EmbeddedServer.class).getPort();
                HttpClient http = HttpClient.newHttpClient();
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"status\":\"UP\"").contains("solver-gateway").contains("honest");
                assertThat(Fixtures.eventually(() -> gateway.metrics().count("gateway.answers", "solver", "other", "code", "ok") == 1,
                        Duration.ofSeconds(10))).isTrue();
                HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/prometheus")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(metrics.statusCode()).isEqualTo(200);
                assertThat(metrics.body()).containsPattern("gateway_bids_total\\{[^}]*code=\"accepted\"[^}]*solver=\"honest\"[^}]*} 1.0");
                assertThat(metrics.body()).containsPattern("gateway_answers_total\\{[^}]*code=\"ok\"[^}]*solver=\"other\"[^}]*} 1.0");
            }
        }
    }

    @Test
    void badSolverEntriesStopTheStartWithEveryProblemNamed() throws Exception {
        String yaml = """
                micronaut:
                  server:
                    port: -1
                fair-auction:
                  kafka:
                    bootstrap-servers: 127.0.0.1:1
                  gateway:
                    relayer: "%s"
                    solvers:
                      - id: twin
                        endpoint: http://127.0.0.1:9101
                        secret: a
                        payout: "%s"
                      - id: twin
                        endpoint: ftp://example.org
                        secret: ""
                        payout: "0x1234"
                      - id: "bad/id"
                        endpoint: "http://127.0.0.1:9102"
                        secret: c
                        payout: "%s"
                """.formatted(Fixtures.RELAYER, payout(1), payout(3));
        Throwable thrown = catchThrowable(() -> run(yaml).close());
        GatewayConfig.InvalidConfigException invalid = null;
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (t instanceof GatewayConfig.InvalidConfigException e) {
                invalid = e;
            }
        }
        assertThat(invalid).as("the start fails with the configuration's problems: %s", thrown).isNotNull();
        assertThat(invalid.problems()).anySatisfy(p -> assertThat(p).isEqualTo(
                        "fair-auction.gateway.solvers[1].id: \"twin\" is used by an earlier solver; ids must be unique"))
                .anySatisfy(p -> assertThat(p).startsWith("fair-auction.gateway.solvers[1].endpoint:"))
                .anySatisfy(p -> assertThat(p).startsWith("fair-auction.gateway.solvers[1].secret:"))
                .anySatisfy(p -> assertThat(p).startsWith("fair-auction.gateway.solvers[1].payout:"))
                .anySatisfy(p -> assertThat(p).startsWith("fair-auction.gateway.solvers[2].id:"));
    }
}
