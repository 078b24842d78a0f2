package io.vigil.bench.internal.video;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CpuTimeTest {

    @Test
    void busyWorkShowsUpAsCpuTimeOfThisProcess() throws Exception {
        double before = CpuTime.self();
        long end = System.nanoTime() + 300_000_000L;
        long sink = 0;
        while (System.nanoTime() < end) {
            sink += Long.numberOfTrailingZeros(sink + System.nanoTime());
        }
        double spent = CpuTime.self() - before;
        assertTrue(spent >= 0.2 && spent < 5, "spent " + spent + " s of CPU in 0.3 s of busy work (" + sink + ")");
    }
}
