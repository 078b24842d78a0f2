package io.vigil.watchlist.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    private static int run(WatchlistCommand command, AdminCaller caller, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        return command.execute(caller, List.of(args), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8));
    }

}
