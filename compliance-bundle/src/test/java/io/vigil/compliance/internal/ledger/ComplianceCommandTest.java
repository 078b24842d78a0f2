package io.vigil.compliance.internal.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.admin.AdminCaller;
import io.vigil.api.inventory.InventorySnapshot;
import io.vigil.testing.MemorySecretStore;
import io.vigil.testing.RecordingLogger;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil compliance}'s words, on a real ledger database. */
class ComplianceCommandTest {

    private static final Instant NOW = Instant.parse("2026-03-02T04:05:06Z");

    @TempDir
    Path data;

    private LedgerService ledger;
    private ComplianceCommand command;

    @BeforeEach
    void open() throws Exception {
        ledger = new LedgerService(data, LedgerServiceReportTest.defaults(), new RecordingLogger().logger(),
                new MemorySecretStore(), Clock.fixed(NOW, ZoneOffset.UTC));
        ledger.setInventory(() -> new InventorySnapshot(NOW, List.of(), "sha256 of the reference", "watchlists.db"));
        command = new ComplianceCommand(ledger);
    }

    @AfterEach
    void close() throws Exception {
        ledger.deactivate();
    }

    private record Run(int exit, String text) {
    }

    private Run run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = command.execute(new AdminCaller("root"), List.of(args), InputStream.nullInputStream(), out, out);
        return new Run(exit, bytes.toString(StandardCharsets.UTF_8));
    }

    /**
     * Each subcommand looked up the options it wanted and ignored every other word: a misspelt
     * {@code --reference} recorded a filing without its reference, {@code status --jsno} printed text.
     */
    @Test
    void wordsTheSubcommandDoesNotKnowAreRefusedNamingThem() {
        Run filed = run("filed", "initial", "--date", "2026-03-02", "--refrence", "CAC-1");
        assertEquals(2, filed.exit(), filed.text());
        assertTrue(filed.text().startsWith("vigil compliance filed: unknown option --refrence\nusage: vigil compliance"),
                filed.text());
        Run status = run("status", "--jsno");
        assertEquals(2, status.exit(), status.text());
        assertTrue(status.text().startsWith("vigil compliance status: unknown option --jsno"), status.text());
        Run verify = run("verify", "pack-a", "pack-b");
        assertEquals(2, verify.exit(), verify.text());
        assertTrue(verify.text().startsWith("vigil compliance verify: unexpected argument 'pack-b'"), verify.text());
    }

    @Test
    void requiredOptionsAndDatesAreCheckedBeforeAnythingIsDone() {
        Run deadline = run("deadline", "--crossed", "2026-02-30");
        assertEquals(2, deadline.exit(), deadline.text());
        assertTrue(deadline.text().startsWith("vigil compliance deadline: --crossed needs a date (YYYY-MM-DD), not '2026-02-30'"),
                deadline.text());
        Run noTo = run("report", "--profile", "CN");
        assertEquals(2, noTo.exit(), noTo.text());
        assertTrue(noTo.text().startsWith("vigil compliance report: --to is required"), noTo.text());
        Run noReason = run("stopped");
        assertEquals(2, noReason.exit(), noReason.text());
        assertTrue(noReason.text().contains("stopped needs --reason TEXT"), noReason.text());
        Run kind = run("filed", "final", "--date", "2026-03-02");
        assertEquals(2, kind.exit(), kind.text());
        assertTrue(kind.text().contains("a filing is initial, change or cancellation, not 'final'"), kind.text());
    }

    @Test
    void theDeadlineIsPrintedForAGoodLine() {
        Run deadline = run("deadline", "--crossed=2026-03-02", "--profile", "CN");
        assertEquals(0, deadline.exit(), deadline.text());
        assertTrue(deadline.text().strip().matches("\\d{4}-\\d{2}-\\d{2}"), deadline.text());
    }
}
