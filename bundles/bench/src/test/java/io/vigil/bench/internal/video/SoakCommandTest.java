package io.vigil.bench.internal.video;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SoakCommandTest {

    @Test
    void defaultsAreTheIssuesEightCamerasForTenMinutes() {
        SoakRun.Options options = SoakCommand.parse(List.of("--photos", "a.jpg", "b.jpg"));
        assertEquals(8, options.cameras());
        assertEquals(List.of(1280, 720, 25), List.of(options.width(), options.height(), options.fps()));
        assertEquals(5.0, options.analysisFps());
        assertEquals(Duration.ofMinutes(10), options.measure());
        assertEquals(Duration.ofSeconds(30), options.warmup());
        assertEquals(List.of(Path.of("a.jpg"), Path.of("b.jpg")), options.photos());
    }

    @Test
    void quickIsOneMinuteAfterTenSeconds() {
        SoakRun.Options options = SoakCommand.parse(List.of("--quick", "--cameras", "2", "--photos", "a.jpg"));
        assertEquals(2, options.cameras());
        assertEquals(Duration.ofMinutes(1), options.measure());
        assertEquals(Duration.ofSeconds(10), options.warmup());
    }

    @Test
    void badArgumentsAreRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SoakCommand.parse(List.of())).getMessage()
                .contains("--photos"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SoakCommand.parse(List.of("--cameras", "many",
                "--photos", "a.jpg"))).getMessage().contains("--cameras needs a whole number, not 'many'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SoakCommand.parse(List.of("--cameras", "0",
                "--photos", "a.jpg"))).getMessage().contains("between 1 and 64"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SoakCommand.parse(List.of("--minutes"))).getMessage()
                .contains("--minutes needs a value"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SoakCommand.parse(List.of("--fast", "--photos", "a.jpg")))
                .getMessage().contains("unknown option --fast"));
    }
}
