package io.fairauction.core.wdp;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping a CP-SAT search from another thread at any moment, the way a race stops its loser, leaves the process
 * intact and the answer sound. Stopped while the solve was still setting up, CP-SAT 9.12 corrupted the native heap
 * (the JVM aborted: "corrupted double-linked list"), which a racer that wins within microseconds made routine.
 */
class CpSatStopTest {

    @Test
    void stopsAtEveryMomentOfASolveLeaveASoundAnswer() throws Exception {
        WdpProblem p = RandomProblems.generate(3, 160, 40, Constraints.NONE, RandomProblems.Magnitude.WEI);
        Part part = RandomProblems.whole(p);
        long far = Duration.ofSeconds(60).toNanos();
        List<Integer> canonical = CpSatSolver.solve(part, List.of(), System.nanoTime() + far, CpSatTuning.LP).chosen();
        // A race returns as soon as its winner does, so the loser is still stopping when the next search starts.
        ExecutorService threads = Executors.newCachedThreadPool();
        List<Future<CpSatSolver.Result>> runs = new ArrayList<>();
        try {
            for (int i = 0; i < 600; i++) {
                CpSatSolver.Stop stop = new CpSatSolver.Stop();
                CountDownLatch started = new CountDownLatch(1);
                runs.add(threads.submit(() -> {
                    started.countDown();
                    return CpSatSolver.solve(part, List.of(), System.nanoTime() + far, CpSatTuning.LP, stop);
                }));
                started.await();
                // From at once to 3 ms in, 5 µs apart: building the model, setting up the solve, searching.
                long until = System.nanoTime() + i * 5_000L;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
                stop.stop();
            }
            for (int i = 0; i < runs.size(); i++) {
                CpSatSolver.Result r = runs.get(i).get(120, TimeUnit.SECONDS);
                assertThat(part.packs(r.chosen())).as("stop %d", i).isTrue();
                if (r.optimal()) {
                    assertThat(r.chosen()).as("stop %d", i).isEqualTo(canonical);
                } else {
                    assertThat(r.upperBound()).as("stop %d", i).isGreaterThanOrEqualTo(part.z(canonical));
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
