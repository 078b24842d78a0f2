package io.vigil.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.compliance.HistoryDay;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryChartTest {

    @Test
    void drawsTheDaysAsALineWithATitleAndTheThresholdOnlyWhenInSight() {
        List<HistoryDay> days = List.of(new HistoryDay(LocalDate.parse("2026-03-01"), 1, 1, 1, 1),
                new HistoryDay(LocalDate.parse("2026-03-02"), 3, 3, 3, 3));
        String far = HistoryChart.svg(days, 100_000);
        assertTrue(far.startsWith("<svg") && far.endsWith("</svg>"));
        assertTrue(far.contains("<polyline") && far.contains("3 individuals on 2026-03-02"), far);
        assertFalse(far.contains("threshold"), "a threshold far above the counts would flatten the line");
        assertTrue(HistoryChart.svg(days, 4).contains("threshold 4"));
        assertTrue(HistoryChart.svg(List.of(), 0).contains("no history yet"));
    }

    @Test
    void axisTopsAreRound() {
        assertEquals(1, HistoryChart.niceCeiling(1));
        assertEquals(5, HistoryChart.niceCeiling(3));
        assertEquals(200_000, HistoryChart.niceCeiling(100_001));
    }
}
