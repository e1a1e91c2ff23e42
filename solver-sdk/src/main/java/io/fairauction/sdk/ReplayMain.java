package io.fairauction.sdk;

import io.fairauction.core.mechanism.MechanismOptions;
import io.fairauction.core.mechanism.Mechanisms;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Command line of the offline replay:
 * <pre>
 * java -cp my-solver.jar:solver-sdk.jar io.fairauction.sdk.ReplayMain --solver com.example.MySolver
 *      (--file auction.json | --collector http://127.0.0.1:8080 --auction 17)
 *      [--solver-id me] [--mechanism fair-combinatorial] [--budget-ms 2000]
 * </pre>
 * The solver class needs a public no-argument constructor. Exit code 0 after printing the report, 2 on bad input.
 */
public final class ReplayMain {
    private ReplayMain() {
    }

    public static void main(String[] args) {
        String solverClass = null;
        String file = null;
        String collector = null;
        String auction = null;
        String solverId = "me";
        String mechanism = Mechanisms.DEFAULT;
        long budget = 2000;
        try {
            for (int i = 0; i < args.length; i++) {
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--solver" -> solverClass = v;
                    case "--file" -> file = v;
                    case "--collector" -> collector = v;
                    case "--auction" -> auction = v;
                    case "--solver-id" -> solverId = v;
                    case "--mechanism" -> mechanism = v;
                    case "--budget-ms" -> budget = Long.parseLong(v);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (solverClass == null || (file == null) == (collector == null || auction == null)) {
                throw new IllegalArgumentException("usage: --solver CLASS (--file FILE | --collector URL --auction ID)"
                        + " [--solver-id ID] [--mechanism NAME] [--budget-ms N]");
            }
            Solver solver = (Solver) Class.forName(solverClass).getConstructor().newInstance();
            RecordedAuction recorded = file != null ? RecordedAuction.read(Path.of(file))
                    : RecordedAuction.fetch(URI.create(collector), auction);
            Replay.run(solver, solverId, recorded, mechanism, MechanismOptions.DEFAULT, Duration.ofMillis(budget),
                    LocalValidation.defaults()).print(System.out);
        } catch (Exception e) {
            System.err.println("replay: " + e.getMessage());
            System.exit(2);
        }
    }
}
