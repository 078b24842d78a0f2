package io.vigil.watchlist.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.admin.AdminCaller;
import io.vigil.api.admin.AdminCommand;
import io.vigil.api.audit.AuditActions;
import io.vigil.testing.MemorySecretStore;
import io.vigil.testing.RecordingLogger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19 (3 and 10): what {@code vigil watchlist} changes is recorded under the operating-system
 * account the admin channel reports, not under a fixed "administrator".
 */
class WatchlistCommandActorTest {

    @TempDir
    Path dir;

    private WatchlistService watchlists;
    private final List<String> recorded = new ArrayList<>();

    @BeforeEach
    void open() {
        Path file = dir.resolve("watchlists.db");
        watchlists = new WatchlistService(null, new WatchlistService.Config() {
            @Override
            public String database_path() {
                return file.toString();
            }

            @Override
            public Class<? extends Annotation> annotationType() {
                return WatchlistService.Config.class;
            }
        }, RecordingLogger.quiet(), new MemorySecretStore());
        watchlists.setAudit((action, actor, details) -> {
            recorded.add(action + " by " + actor);
            return recorded.size();
        });
    }

    @AfterEach
    void close() {
        watchlists.deactivate();
    }

    @Test
    void changesAreRecordedUnderTheCallersAccount() {
        WatchlistCommand command = new WatchlistCommand(watchlists);
        AdminCaller alice = new AdminCaller("alice");
        assertEquals(AdminCommand.OK, run(command, alice, "create", "suspects"));
        assertEquals(AdminCommand.OK, run(command, new AdminCaller("bob"), "rotate-key", "suspects"));
        assertEquals(AdminCommand.OK, run(command, alice, "delete", "suspects"));
        assertEquals(List.of(AuditActions.WATCHLIST_CREATED + " by alice", AuditActions.WATCHLIST_KEY_ROTATED + " by bob",
                AuditActions.WATCHLIST_DELETED + " by alice"), recorded);
    }

    /** A misspelt option of enrol was taken for a photo; the others' bad values said only "bad value". */
    @Test
    void wrongWordsAreRefusedNamingThemAndChangeNothing() {
        WatchlistCommand command = new WatchlistCommand(watchlists);
        AdminCaller alice = new AdminCaller("alice");
        assertEquals(AdminCommand.OK, run(command, alice, "create", "suspects"));
        recorded.clear();
        for (List<String> line : List.of(
                List.of("enrol", "suspects", "Jane Doe", "jane.jpg", "--jsn", "vigil watchlist enrol: unknown option --jsn"),
                List.of("enrol", "suspects", "Jane Doe", "vigil watchlist enrol: missing IMAGE"),
                List.of("enrol", "suspects", "Jane Doe", "jane.jpg", "--expires", "next-week",
                        "vigil watchlist enrol: --expires needs a date (YYYY-MM-DD), not 'next-week'"),
                List.of("create", "others", "--category", "alien",
                        "vigil watchlist create: --category needs suspect, missing-person or other, not 'alien'"),
                List.of("create", "others", "--threshold", "2", "vigil watchlist create: --threshold is a cosine similarity"),
                List.of("create", "others", "--priority", "--officer", "vigil watchlist create: --priority needs a value"),
                List.of("delete", "suspects", "others", "vigil watchlist delete: unexpected argument 'others'"))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
            List<String> words = line.subList(0, line.size() - 1);
            assertEquals(AdminCommand.USAGE, command.execute(alice, words, new ByteArrayInputStream(new byte[0]), print, print),
                    words.toString());
            String said = out.toString(StandardCharsets.UTF_8);
            assertTrue(said.startsWith(line.get(line.size() - 1)) && said.contains("usage: vigil watchlist"), said);
        }
        assertEquals(List.of(), recorded, "nothing was done");
    }

    private static int run(WatchlistCommand command, AdminCaller caller, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return command.execute(caller, List.of(args), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
    }

}
