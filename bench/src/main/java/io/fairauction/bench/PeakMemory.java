package io.fairauction.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak resident memory (VmHWM) from Linux's /proc: of a child process, by watching it while it runs, and of this
 * process, whose peak can be reset before each measured run (writing 5 to /proc/self/clear_refs). Elsewhere the
 * figures are reported as unknown (0).
 */
final class PeakMemory {
    private final Thread watcher;
    private volatile long peakKb;
    private volatile boolean done;

    private PeakMemory(long pid) {
        watcher = new Thread(() -> {
            Path status = Path.of("/proc", String.valueOf(pid), "status");
            while (!done) {
                long kb = read(status);
                if (kb > peakKb) {
                    peakKb = kb;
                }
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "peak-memory");
        watcher.setDaemon(true);
        watcher.start();
    }

    static PeakMemory watch(long pid) {
        return new PeakMemory(pid);
    }

    long stop() throws InterruptedException {
        done = true;
        watcher.join();
        return peakKb;
    }

    /** Resets this process's peak; false where the kernel does not allow it. */
    static boolean resetSelf() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    static long self() {
        return read(Path.of("/proc/self/status"));
    }

    private static long read(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // The process is gone, or no /proc: nothing to add.
        }
        return 0;
    }
}
