package io.fairauction.devnet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What keeps a devnet from waiting forever on a service that never came up. */
class ServiceStartTest {

    /** A "service" that fails at once, the way one whose port is taken does. */
    public static final class FailsAtOnce {
        public static void main(String[] args) {
            System.out.println("Unable to start server. Port in use.");
            System.exit(3);
        }
    }

    @Test
    void portsHandedOutInOneJvmAreNeverTheSameTwice() {
        // The OS hands a just-closed ephemeral port out again; among 1,000 draws over ~28,000 ports repeats are
        // all but certain (the birthday bound), and two services given one port is what hung a CI run.
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            assertThat(seen.add(Devnet.freePort())).as("draw %d", i).isTrue();
        }
    }

    @Test
    void aServiceThatExitedFailsTheRunWithItsLog(@TempDir Path dir) throws Exception {
        ServiceProcess p = ServiceProcess.start(dir, "broken", FailsAtOnce.class.getName(), "", Devnet.freePort());
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertThatThrownBy(p::checkAlive).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("broken exited with code 3").hasMessageContaining("Port in use");
    }
}
