package io.vigil.bench.internal.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.admin.AdminCommand;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.Test;

/** The bench on tiny galleries: every figure is printed and sane. Speed is not asserted. */
class MatchBenchCommandTest {

    @Test
    void printsEveryFigureForTinyGalleries() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = new MatchBenchCommand().execute(List.of("--sizes", "500,3000", "--queries", "20"),
                new ByteArrayInputStream(new byte[0]), new PrintStream(bytes, true), new PrintStream(errors, true));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(AdminCommand.OK, status, errors.toString(StandardCharsets.UTF_8));
        for (String heading : List.of("p50 ms", "p99 ms", "scan GB/s", "read GB/s", "ratio", "top-1", "B/templ")) {
            assertTrue(out.contains(heading), heading + " missing:\n" + out);
        }
        assertTrue(out.contains("       500 "), out);
        assertTrue(out.contains("     3,000 "), out);
        assertTrue(out.contains("target >= 70%"), out);
    }

    @Test
    void figuresAreSane() {
        ForkJoinPool pool = ForkJoinPool.commonPool();
        List<MatchBench.Row> rows = new MatchBench(new PrintStream(new ByteArrayOutputStream()), pool,
                2, 20).run(List.of(2000, 5000));
        for (MatchBench.Row row : rows) {
            assertNull(row.skipped());
            assertEquals(1.0, row.top1Rate(), "noisy copies must find their own subject");
            assertTrue(row.p50Ms() > 0 && row.p99Ms() >= row.p50Ms(), row.toString());
            assertTrue(row.oneCoreP50Ms() > 0 && row.splitP50Ms() > 0, row.toString());
            assertEquals(4 * 512 + 20, row.bytesPerTemplate());
            assertTrue(row.scanBytesPerSecond() > 1e6 && row.readBytesPerSecond() > 1e6, row.toString());
            assertTrue(row.ratio() > 0, row.toString());
            assertTrue(row.subjects() < row.size(), "some subjects have several templates");
        }
    }

    @Test
    void aSizeTheHeapCannotHoldIsSkippedWithTheReason() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        long tooMany = Runtime.getRuntime().maxMemory() / 2048 + 1_000_000;
        List<MatchBench.Row> rows = new MatchBench(new PrintStream(bytes, true), ForkJoinPool.commonPool(), 2, 5)
                .run(List.of((int) Math.min(Integer.MAX_VALUE - 2048, tooMany)));
        assertTrue(rows.get(0).skipped().contains("heap"), rows.get(0).skipped());
        assertTrue(bytes.toString(StandardCharsets.UTF_8).contains("skipped: needs"));
    }

    @Test
    void wrongArgumentsPrintUsage() {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = new MatchBenchCommand().execute(List.of("--sizes", "x"), new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(errors, true));
        assertEquals(AdminCommand.USAGE, status);
        String said = errors.toString(StandardCharsets.UTF_8);
        assertTrue(said.startsWith("vigil bench match: --sizes needs whole numbers above 0 separated by commas, not 'x'"), said);
        assertTrue(said.contains("usage: vigil bench match"), said);
        errors.reset();
        assertEquals(AdminCommand.USAGE, new MatchBenchCommand().execute(List.of("--size", "5"),
                new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()), new PrintStream(errors, true)));
        assertTrue(errors.toString(StandardCharsets.UTF_8).startsWith("vigil bench match: unknown option --size"));
    }
}
