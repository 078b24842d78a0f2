package io.vigil.bench.internal.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SoakFiguresTest {

    @Test
    void percentilesAreNearestRankOverEveryAnalysedFrame() {
        SoakFigures figures = new SoakFigures();
        assertTrue(Double.isNaN(figures.latencyMillis(50)), "no frames, no latency");
        for (int i = 100; i >= 1; i--) { // 1..100 ms, recorded out of order, more than the first array holds x50
            for (int k = 0; k < 50; k++) {
                figures.analysed(i * 1000L);
            }
        }
        assertEquals(5000, figures.analysedCount());
        assertEquals(50.0, figures.latencyMillis(50));
        assertEquals(95.0, figures.latencyMillis(95));
        assertEquals(100.0, figures.latencyMillis(100));
        assertEquals(1.0, figures.latencyMillis(0));
    }

    @Test
    void memoryTrendIsTheLeastSquaresSlopeInMibPerMinute() {
        long mib = 1024 * 1024;
        List<SoakFigures.MemorySample> growing = List.of(new SoakFigures.MemorySample(0, 100 * mib, 50 * mib),
                new SoakFigures.MemorySample(1, 102 * mib, 50 * mib), new SoakFigures.MemorySample(2, 104 * mib, 50 * mib));
        assertEquals(2.0, SoakFigures.mibPerMinute(growing, SoakFigures.MemorySample::residentBytes), 1e-9);
        assertEquals(0.0, SoakFigures.mibPerMinute(growing, SoakFigures.MemorySample::heapAfterGcBytes), 1e-9);
        assertEquals(0.0, SoakFigures.mibPerMinute(growing.subList(0, 1), SoakFigures.MemorySample::residentBytes));
        assertEquals("1,024 MiB", SoakFigures.mib(1024 * mib));
    }
}
