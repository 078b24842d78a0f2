package io.vigil.secrets.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.admin.AdminCommand;
import io.vigil.testing.RecordingLogger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretCommandTest {

    @TempDir
    Path data;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** The audit trail as the compliance bundle offers it: what is recorded, in order; refusing on demand. */
    static final class RecordedTrail implements io.vigil.api.audit.AuditTrail {
        record Entry(String action, String actor, Map<String, String> details) {
        }

        final List<Entry> entries = new java.util.ArrayList<>();
        boolean refusing;

        @Override
        public synchronized long record(String action, String actor, Map<String, String> details)
                throws io.vigil.api.audit.AuditException {
            if (refusing) {
                throw new io.vigil.api.audit.AuditException("disk full (test)");
            }
            entries.add(new Entry(action, actor, Map.copyOf(details)));
            return entries.size();
        }
    }

    private final RecordedTrail audit = new RecordedTrail();

    private int run(SecretCommand command, String stdin, String... args) {
        return command.execute(new io.vigil.api.admin.AdminCaller("ops1"), List.of(args), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void setReadsTheValueFromStandardInputAndNothingPrintsIt() throws Exception {
        BcfksSecretStore store = new BcfksSecretStore(data, "", Map.of("VIGIL_SECRETS_PASSPHRASE", "p"),
                new RecordingLogger().logger());
        SecretCommand command = new SecretCommand(store, audit);

        assertEquals(AdminCommand.OK, run(command, "s3cret value\r\nignored", "set", "camera.lobby"));
        assertEquals(AdminCommand.OK, run(command, "", "generate-key", "watchlist.1"));
        assertEquals(AdminCommand.PROBLEM, run(command, "", "generate-key", "watchlist.1"));
        assertEquals(AdminCommand.OK, run(command, "", "list"));
        assertArrayEquals("s3cret value".toCharArray(), store.password("camera.lobby").orElseThrow());

        String printed = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("camera.lobby\tpassword"), printed);
        assertTrue(printed.contains("watchlist.1\tkey AES"), printed);
        assertFalse(printed.contains("s3cret"), printed);
    }

    @Test
    void misuseGetsUsageAndChangesNothing() throws Exception {
        BcfksSecretStore store = new BcfksSecretStore(data, "", Map.of("VIGIL_SECRETS_PASSPHRASE", "p"),
                new RecordingLogger().logger());
        SecretCommand command = new SecretCommand(store, audit);
        assertEquals(AdminCommand.USAGE, run(command, ""));
        assertEquals(AdminCommand.USAGE, run(command, "", "set"));
        assertEquals(AdminCommand.USAGE, run(command, "", "set", "empty"));
        assertEquals(AdminCommand.USAGE, run(command, "", "frobnicate"));
        assertEquals(AdminCommand.USAGE, run(command, "", "list", "camera.lobby"), "list takes no words; they were ignored");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("vigil secret list: unexpected argument 'camera.lobby'"));
        assertEquals(AdminCommand.USAGE, run(command, "", "remove", "a", "b"));
        assertEquals(AdminCommand.PROBLEM, run(command, "", "remove", "absent"));
        assertTrue(store.aliases().isEmpty());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: vigil secret"));
    }

    /** Issue 19.9: set, generate-key and remove are audited with alias and account, never the value. */
    @Test
    void changesAreAuditedWithAliasAndAccountNeverTheValue() throws Exception {
        BcfksSecretStore store = new BcfksSecretStore(data, "", Map.of("VIGIL_SECRETS_PASSPHRASE", "p"),
                new RecordingLogger().logger());
        SecretCommand command = new SecretCommand(store, audit);
        assertEquals(AdminCommand.OK, run(command, "s3cret value\n", "set", "camera.lobby"));
        assertEquals(AdminCommand.OK, run(command, "", "generate-key", "watchlist.1"));
        assertEquals(AdminCommand.OK, run(command, "", "remove", "camera.lobby"));
        assertEquals(AdminCommand.OK, run(command, "", "list"));
        assertEquals(List.of("secret.set", "secret.key-generated", "secret.removed"),
                audit.entries.stream().map(RecordedTrail.Entry::action).toList());
        assertTrue(audit.entries.stream().allMatch(e -> e.actor().equals("ops1")), audit.entries.toString());
        assertEquals("camera.lobby", audit.entries.get(0).details().get("alias"));
        assertEquals("password", audit.entries.get(0).details().get("kind"));
        assertFalse(audit.entries.toString().contains("s3cret"), audit.entries.toString());

        // a trail that refuses: nothing changes
        audit.refusing = true;
        assertEquals(AdminCommand.PROBLEM, run(command, "other\n", "set", "camera.gate"));
        assertEquals(AdminCommand.PROBLEM, run(command, "", "remove", "watchlist.1"));
        assertFalse(store.aliases().contains("camera.gate"));
        assertTrue(store.aliases().contains("watchlist.1"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("nothing was changed"), err.toString(StandardCharsets.UTF_8));
    }
}
