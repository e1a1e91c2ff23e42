package io.fairauction.solvers;

import io.fairauction.sdk.LocalValidation;
import io.fairauction.sdk.Solver;
import io.fairauction.sdk.SolverServer;
import io.fairauction.solvers.amm.AmmRouter;
import io.fairauction.solvers.cow.CowBatcher;
import io.fairauction.solvers.parametric.ParametricSolver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;

/**
 * The example solvers by name, to start in process (the devnet) or as a process:
 *
 * <pre>
 * java -cp ... io.fairauction.solvers.ExampleSolvers --solver amm-router --port 8091 --id amm --secret S
 *      [--secret-env VAR] [--safety-margin-ms 200] [--max-bids 100]
 *      [--slippage-bps 10] (amm-router, cow-batcher, parametric)
 *      [--beta-ppm 998000] [--beta USDC/WETH=999000]... [--g-ppm 1010000] [--mode executable|simulation] (parametric)
 * </pre>
 *
 * or the same options (without {@code --solver}) to each solver's own {@code main}. Names: {@code amm-router},
 * {@code cow-batcher}, {@code parametric}.
 */
public final class ExampleSolvers {
    /** The solvers this module ships, by name. */
    public static final List<String> NAMES = List.of("amm-router", "cow-batcher", "parametric");

    private ExampleSolvers() {
    }

    /** A solver by name with its default parameters. */
    public static Solver solver(String name) {
        return solver(name, Map.of());
    }

    /**
     * A solver by name with parameters (the main's option names without dashes): {@code slippage-bps} for all,
     * and for {@code parametric} {@code beta-ppm}, {@code beta.<TRADE/TYPE>} ({@code beta.USDC/WETH}),
     * {@code g-ppm}, {@code mode}.
     */
    public static Solver solver(String name, Map<String, String> params) {
        int slippage = Integer.parseInt(params.getOrDefault("slippage-bps", Integer.toString(AmmRouter.DEFAULT.slippageBps())));
        return switch (name) {
            case "amm-router" -> new AmmRouter(slippage, false);
            case "cow-batcher" -> new CowBatcher(slippage);
            case "parametric" -> {
                Map<String, Long> betas = new TreeMap<>();
                params.forEach((k, v) -> {
                    if (k.startsWith("beta.")) {
                        betas.put(k.substring("beta.".length()), Long.parseLong(v));
                    }
                });
                ParametricSolver d = ParametricSolver.DEFAULT;
                yield new ParametricSolver(betas,
                        Long.parseLong(params.getOrDefault("beta-ppm", Long.toString(d.defaultSpecialisationPpm()))),
                        Long.parseLong(params.getOrDefault("g-ppm", Long.toString(d.batchingFactorPpm()))),
                        ParametricSolver.Mode.valueOf(params.getOrDefault("mode", d.mode().name()).toUpperCase(Locale.ROOT)),
                        slippage);
            }
            default -> throw new IllegalArgumentException("no example solver " + name + "; one of " + NAMES);
        };
    }

    /**
     * Starts solver {@code name} in process, serving on {@code port} (0: a free one) as {@code id} with
     * {@code secret}; close the returned server to stop it.
     */
    public static SolverServer create(String name, String id, String secret, int port) {
        return create(name, id, secret, port, Duration.ofMillis(200), LocalValidation.DEFAULT_MAX_BIDS);
    }

    /** {@link #create(String, String, String, int)} with the safety margin and the bid cap of local validation. */
    public static SolverServer create(String name, String id, String secret, int port, Duration safetyMargin, int maxBids) {
        return serve(solver(name), id, secret, port, safetyMargin, maxBids);
    }

    /** Serves any solver (e.g. a parametric solver with its own parameters) as the examples are served. */
    public static SolverServer serve(Solver solver, String id, String secret, int port, Duration safetyMargin, int maxBids) {
        return SolverServer.builder(id, secret, solver)
                .safetyMargin(safetyMargin)
                .validation(new LocalValidation(maxBids, Set.of()))
                .start(port);
    }

    /** Serves an example solver until the process is stopped. */
    public static void main(String[] args) throws Exception {
        String name = null;
        String id = null;
        String secret = null;
        int port = 0;
        long margin = 200;
        int maxBids = LocalValidation.DEFAULT_MAX_BIDS;
        Map<String, String> params = new LinkedHashMap<>();
        Solver solver;
        try {
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                String v = args[i + 1];
                switch (args[i]) {
                    case "--solver" -> name = v;
                    case "--id" -> id = v;
                    case "--secret" -> secret = v;
                    case "--secret-env" -> secret = System.getenv(v);
                    case "--port" -> port = Integer.parseInt(v);
                    case "--safety-margin-ms" -> margin = Long.parseLong(v);
                    case "--max-bids" -> maxBids = Integer.parseInt(v);
                    case "--slippage-bps", "--beta-ppm", "--g-ppm", "--mode" -> params.put(args[i].substring(2), v);
                    case "--beta" -> {
                        String[] kv = v.split("=", 2);
                        if (kv.length != 2) {
                            throw new IllegalArgumentException("--beta takes TYPE=PPM, e.g. USDC/WETH=999000");
                        }
                        params.put("beta." + kv[0], kv[1]);
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (name == null || id == null || secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("--solver, --id and --secret (or --secret-env) are required");
            }
            solver = solver(name, params);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println("usage: --solver " + String.join("|", NAMES)
                    + " --port N --id ID (--secret S | --secret-env VAR) [--safety-margin-ms N] [--max-bids N]"
                    + " [--slippage-bps N] [--beta-ppm N] [--beta TYPE=PPM]... [--g-ppm N] [--mode executable|simulation]");
            System.exit(2);
            return;
        }
        SolverServer server = serve(solver, id, secret, port, Duration.ofMillis(margin), maxBids);
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "solver-shutdown"));
        System.out.println(name + " serving as " + id + " on " + server.endpoint());
        server.awaitClose();
    }

    /** {@code --solver name} prepended to {@code args}, for the solvers' own mains. */
    public static String[] withName(String name, String[] args) {
        List<String> all = new ArrayList<>(List.of("--solver", name));
        all.addAll(Arrays.asList(args));
        return all.toArray(String[]::new);
    }
}
