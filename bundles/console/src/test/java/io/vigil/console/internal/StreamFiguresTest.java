package io.vigil.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.media.StreamStatus;
import io.vigil.api.media.VideoCodec;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamFiguresTest {

    private static StreamStatus streaming(String camera, long decoded, Instant at) {
        return new StreamStatus(camera, StreamStatus.Phase.STREAMING, "streaming", at, Optional.of(VideoCodec.H264),
                Optional.of("avdec_h264"), decoded, 40, 3, 1, 80);
    }

    @Test
    void derivesFramesPerSecondFromTwoReadingsAtLeastASecondApart() {
        StreamFigures figures = new StreamFigures();
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        StreamFigures.Reading first = figures.read(streaming("lobby", 100, t), t);
        assertEquals(100, first.status().decoded());
        assertTrue(first.fps().isEmpty(), "one reading has no rate");
        assertTrue(figures.read(streaming("lobby", 150, t), t.plusMillis(500)).fps().isEmpty(), "too soon after the first");
        StreamFigures.Reading second = figures.read(streaming("lobby", 200, t), t.plusSeconds(10));
        assertEquals(10.0, second.fps().orElseThrow(), 1e-9);
        assertEquals(10.0, figures.read(streaming("lobby", 205, t), t.plusSeconds(10).plusMillis(300)).fps().orElseThrow(),
                1e-9, "too soon: the previous rate stands");
        assertTrue(figures.read(streaming("gate", 5, t), t.plusSeconds(10)).fps().isEmpty(), "each camera has its own");
    }

    @Test
    void aRestartedStreamWhoseCountFellHasNoRateUntilTheNextReading() {
        StreamFigures figures = new StreamFigures();
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        figures.read(streaming("lobby", 500, t), t);
        assertTrue(figures.read(streaming("lobby", 20, t), t.plusSeconds(2)).fps().isEmpty());
        assertEquals(5.0, figures.read(streaming("lobby", 30, t), t.plusSeconds(4)).fps().orElseThrow(), 1e-9);
    }
}
