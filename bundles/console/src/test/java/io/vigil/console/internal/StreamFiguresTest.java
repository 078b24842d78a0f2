package io.vigil.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StreamFiguresTest {

    @Test
    void readsTheIngestStatusLineAndDerivesFramesPerSecondFromTwoReadings() {
        StreamFigures figures = new StreamFigures();
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        String line = "STREAMING: receiving frames, H264 via avdec_h264; decoded %d, analysed 40, dropped 3, reconnects 1,"
                + " latency 80 ms";
        StreamFigures.Reading first = figures.read("lobby", String.format(line, 100), t).orElseThrow();
        assertEquals("STREAMING", first.phase());
        assertEquals(Optional.of("H264"), first.codec());
        assertEquals(Optional.of("avdec_h264"), first.decoder());
        assertEquals(100, first.decoded());
        assertEquals(40, first.analysed());
        assertEquals(3, first.dropped());
        assertEquals(1, first.reconnects());
        assertTrue(first.fps().isEmpty(), "one reading has no rate");
        StreamFigures.Reading second = figures.read("lobby", String.format(line, 200), t.plusSeconds(10)).orElseThrow();
        assertEquals(10.0, second.fps().orElseThrow(), 1e-9);
    }

    @Test
    void aLineWithoutFiguresIsNotRead() {
        assertTrue(new StreamFigures().read("x", "FAILED: connection refused", Instant.now()).isEmpty());
        StreamFigures.Reading r = new StreamFigures().read("x", "CONNECTING: rtsp://...; decoded 0, analysed 0, dropped 0,"
                + " reconnects 0, latency 0 ms", Instant.now()).orElseThrow();
        assertTrue(r.codec().isEmpty() && r.decoder().isEmpty());
    }
}
