package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short soak in the real container (two cameras for a minute instead of eight for ten): the
 * figures are there and sane, and the soak leaves no camera, stream or mount behind.
 */
@LatencyBound
class BenchSoakIT {

    @TempDir
    Path dir;

    @Test
    void aShortSoakReportsRatesLatencyAndMemoryAndCleansUp() throws Exception {
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            vigil.start();
            // the soak command and the face analysis it drives, both active
            vigil.awaitStatus(r -> r.output().matches("(?s).*(ACTIVE|SATISFIED)\\s+io\\.vigil\\.bench\\.internal\\.video\\.SoakCommand.*")
                    && r.output().matches("(?s).*face-analysis\\s+OK.*"), Duration.ofSeconds(90));
            InstalledDistribution.Result soak = vigil.vigil("", "bench", "soak", "--cameras", "2", "--minutes", "1", "--warmup",
                    "10", "--photos", InstalledDistribution.samplePhoto("sample1.jpg").toString(),
                    InstalledDistribution.samplePhoto("sample3.jpg").toString());
            System.out.println(soak.output());
            assertEquals(0, soak.exit(), soak.output());
            Matcher rate = Pattern.compile("analysed frames/s\\s+([0-9.]+) of 10\\.0 asked").matcher(soak.output());
            assertTrue(rate.find(), soak.output());
            assertTrue(Double.parseDouble(rate.group(1)) > 2, "two 5 fps cameras analysed at " + rate.group(1) + "/s");
            Matcher latency = Pattern.compile("capture to analysed\\s+p50 (\\d+) ms, p95 (\\d+) ms").matcher(soak.output());
            assertTrue(latency.find(), soak.output());
            assertTrue(Long.parseLong(latency.group(1)) > 0 && Long.parseLong(latency.group(1)) <= Long.parseLong(latency.group(2)));
            assertTrue(soak.output().matches("(?s).*resident memory\\s+[0-9,]+ MiB -> [0-9,]+ MiB.*"), soak.output());
            assertEquals(3, soak.output().lines().filter(l -> l.startsWith("SUMMARY|soak|")).count(), soak.output());
            // each stream reports itself as ingest/<camera> while it exists
            InstalledDistribution.Result gone = vigil.awaitStatus(r -> !r.output().contains("ingest/soak-"), Duration.ofSeconds(30));
            assertFalse(gone.output().contains("ingest/soak-"), "the soak's streams are gone: " + gone.output());
        }
    }
}
