package io.fairauction.gateway;

import static io.fairauction.gateway.Fixtures.RELAYER;
import static io.fairauction.gateway.Fixtures.payout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Configuration is checked once, at start, with a message naming each bad entry and field. */
class GatewayConfigTest {
    private static SolverEndpoint solver(String id) {
        return GatewayConfig.solver(0, id, "http://127.0.0.1:9000", "secret", payout(1));
    }

    @Test
    void aValidSolverEntryKeepsItsValues() {
        SolverEndpoint s = GatewayConfig.solver(3, "amm-router.v2", "https://solver.example.org/api", "k", payout(7));
        assertThat(s.endpoint()).isEqualTo(URI.create("https://solver.example.org/api"));
        assertThat(s.solveUri()).isEqualTo(URI.create("https://solver.example.org/api/solve"));
        assertThat(s.notifyUri()).isEqualTo(URI.create("https://solver.example.org/api/notify"));
        assertThat(s.toString()).doesNotContain("k,").contains("amm-router.v2");
    }

    @Test
    void eachBadFieldOfAnEntryIsNamed() {
        assertThatThrownBy(() -> GatewayConfig.solver(2, "a/b", "not a url", "", "0xZZ"))
                .isInstanceOf(GatewayConfig.InvalidConfigException.class)
                .satisfies(e -> assertThat(((GatewayConfig.InvalidConfigException) e).problems()).containsExactly(
                        "fair-auction.gateway.solvers[2].id: \"a/b\" is not 1-64 of [A-Za-z0-9._-] starting with a letter or digit",
                        "fair-auction.gateway.solvers[2].endpoint: \"not a url\" is not a URL: Illegal character in path",
                        "fair-auction.gateway.solvers[2].secret: missing or empty",
                        "fair-auction.gateway.solvers[2].payout: \"0xZZ\" is not a 20-byte 0x address"));
        assertThatThrownBy(() -> GatewayConfig.solver(0, "s", "ftp://host", "x", payout(1)))
                .hasMessageContaining("solvers[0].endpoint: \"ftp://host\" is not an http(s) base URL");
        assertThatThrownBy(() -> GatewayConfig.solver(0, "s", "http://host/?q=1", "x", payout(1)))
                .hasMessageContaining("solvers[0].endpoint");
        assertThatThrownBy(() -> GatewayConfig.solver(0, "s", "http://host", "x", "0x" + "1".repeat(39)))
                .hasMessageContaining("solvers[0].payout");
    }

    @Test
    void solverIdsMustBeUniqueAndTheRelayerKnown() {
        assertThatThrownBy(() -> GatewayConfig.of(List.of(solver("a"), solver("b"), solver("a")), RELAYER))
                .hasMessageContaining("fair-auction.gateway.solvers[2].id: \"a\" is used by an earlier solver");
        assertThatThrownBy(() -> GatewayConfig.of(List.of(solver("a")), null))
                .hasMessageContaining("relayer: unknown");
        assertThatThrownBy(() -> GatewayConfig.of(List.of(), RELAYER))
                .hasMessageContaining("no solver configured");
    }

    @Test
    void limitsMustBePositive() {
        GatewayConfig ok = GatewayConfig.of(List.of(solver("a")), RELAYER);
        assertThat(ok.maxBidsPerSolver()).isEqualTo(20);
        assertThat(ok.maxResponseBytes()).isEqualTo(1_048_576);
        assertThat(ok.deadlineMarginMillis()).isEqualTo(50);
        assertThatThrownBy(() -> ok.withLimits(0, 10)).hasMessageContaining("max-bids-per-solver: must be at least 1");
        assertThatThrownBy(() -> ok.withDeadlineMargin(-1)).hasMessageContaining("deadline-margin-ms: must not be negative");
    }
}
