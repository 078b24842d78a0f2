package io.vigil.bench.internal.video;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

class CpuTimeTest {

    @Test
    void busyWorkShowsUpAsCpuTimeOfThisProcess() throws Exception {
        // busy until this thread has had 0.3 s of CPU by the JVM's own count, however long that
        // takes in wall time: on a loaded machine 0.3 s of wall time held a few hundredths of CPU
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double before = CpuTime.self();
        long threadStart = threads.getCurrentThreadCpuTime();
        long sink = 0;
        while (threads.getCurrentThreadCpuTime() - threadStart < 300_000_000L) {
            sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
        }
        double spent = CpuTime.self() - before;
        assertTrue(spent >= 0.2 && spent < 30, "spent " + spent + " s of CPU in 0.3 s of busy work (" + sink + ")");
    }
}
