package io.fairauction.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fairauction.chain.Anvil;
import io.fairauction.devnet.ServiceProcess;
import io.fairauction.kafka.EmbeddedKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml without Docker (there is no engine where this project is built): each container's command line
 * and mounted config, exactly as the compose file gives them, run here with the compose host names mapped to local
 * ports (kafka:9092 to an embedded broker, anvil:8545 to Anvil, /state to a temporary directory). The one-shots must
 * exit 0 (topics created, contracts deployed, deployment written), the three services must come up healthy on
 * their mounted configs, and each solver the gateway's config names must be a solver container with the same secret.
 */
class ComposeStackTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String SERVICE_MAIN = "io.fairauction.%s.%sApplication";

    @Test
    void imagesAreTheVersionsTheBuildUses() throws IOException {
        JsonNode services = compose().path("services");
        assertThat(services.path("kafka").path("image").asText()).isEqualTo("apache/kafka:" + AppInfoParser.getVersion());
        assertThat(services.path("anvil").path("image").asText()).isEqualTo("ghcr.io/foundry-rs/foundry:v" + Anvil.VERSION);
        for (String module : List.of("cli", "services/intent-collector", "services/solver-gateway", "services/auctioneer")) {
            String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
            String image = pom.replaceAll("(?s).*<to><image>([^<]+)</image></to>.*", "$1")
                    .replace("${project.version}", "0.1.0-SNAPSHOT");
            assertThat(services.findValuesAsText("image")).as("Jib image of %s used in compose", module).contains(image);
        }
    }

    @Test
    void everyContainerRunsOnItsComposeCommandLine(@TempDir Path state) throws Exception {
        JsonNode services = compose().path("services");
        List<AutoCloseable> started = new ArrayList<>();
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); Anvil anvil = Anvil.start()) {
            Map<String, String> hosts = new LinkedHashMap<>();
            hosts.put("kafka:9092", kafka.bootstrapServers());
            hosts.put("http://anvil:8545", anvil.rpcUrl());
            hosts.put("/state/", state.toAbsolutePath() + "/");

            // The one-shots, in their depends_on order.
            for (String oneShot : List.of("topics", "deployer")) {
                String[] args = mapped(strings(services.path(oneShot).path("command")), hosts).toArray(String[]::new);
                assertThat(AuctionCli.commandLine().execute(args)).as(oneShot + " exit code").isZero();
            }
            assertThat(state.resolve("deployment.json")).isRegularFile();

            // The solvers, as the gateway's mounted config reaches them.
            JsonNode gateway = YAML.readTree(ROOT.resolve("devnet/compose/solver-gateway.yml").toFile());
            for (JsonNode solver : gateway.path("fair-auction").path("gateway").path("solvers")) {
                String id = solver.path("id").asText();
                JsonNode container = services.path(id);
                assertThat(container.isObject()).as("a container for solver " + id).isTrue();
                String endpoint = solver.path("endpoint").asText();
                assertThat(endpoint).startsWith("http://" + id + ":");
                int port = freePort();
                hosts.put(endpoint, "http://127.0.0.1:" + port);
                List<String> args = strings(container.path("command"));
                args.set(args.indexOf("--port") + 1, String.valueOf(port));
                assertThat(container.path("environment").path("SOLVER_SECRET").asText())
                        .as("solver %s's secret in compose and in the gateway's config", id)
                        .isEqualTo(solver.path("secret").asText());
                started.add(solver(args, container.path("environment").path("SOLVER_SECRET").asText()));
                awaitListening(port);
            }

            // The three services on their mounted configs.
            for (String service : List.of("intent-collector", "solver-gateway", "auctioneer")) {
                List<String> command = strings(services.path(service).path("command"));
                assertThat(command).containsExactly("--config", "/config/" + service + ".yml");
                int port = freePort();
                String config = mapped(List.of(Files.readString(ROOT.resolve("devnet/compose/" + service + ".yml"))), hosts)
                        .get(0).replaceAll("micronaut.server.port: \\d+", "micronaut.server.port: " + port);
                String simple = service.substring(service.indexOf('-') + 1);
                String main = String.format(SERVICE_MAIN, simple, Character.toUpperCase(simple.charAt(0)) + simple.substring(1));
                ServiceProcess process = ServiceProcess.start(state.resolve("logs"), service, main, config, port);
                started.add(process);
                process.awaitHealthy(Duration.ofSeconds(120));
            }
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                started.get(i).close();
            }
        }
    }

    private static JsonNode compose() throws IOException {
        return YAML.readTree(ROOT.resolve("docker-compose.yml").toFile());
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> mapped(List<String> values, Map<String, String> hosts) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (Map.Entry<String, String> h : hosts.entrySet()) {
                v = v.replace(h.getKey(), h.getValue());
            }
            out.add(v);
        }
        return out;
    }

    /** A solver container's entrypoint (ExampleSolvers) and command as its own JVM, its secret in the environment. */
    private static AutoCloseable solver(List<String> args, String secret) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.fairauction.solvers.ExampleSolvers"));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("SOLVER_SECRET", secret);
        Process p = pb.start();
        return () -> {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        };
    }

    private static void awaitListening(int port) throws InterruptedException {
        long until = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < until) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("solver not listening on " + port + " after 60 s");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
