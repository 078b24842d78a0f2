package io.vigil.secrets.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.admin.AdminCommand;
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

    private int run(SecretCommand command, String stdin, String... args) {
        return command.execute(List.of(args), new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void setReadsTheValueFromStandardInputAndNothingPrintsIt() throws Exception {
        BcfksSecretStore store = new BcfksSecretStore(data, "", Map.of("VIGIL_SECRETS_PASSPHRASE", "p"),
                new RecordingLogger().logger());
        SecretCommand command = new SecretCommand(store);

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
        SecretCommand command = new SecretCommand(store);
        assertEquals(AdminCommand.USAGE, run(command, ""));
        assertEquals(AdminCommand.USAGE, run(command, "", "set"));
        assertEquals(AdminCommand.USAGE, run(command, "", "set", "empty"));
        assertEquals(AdminCommand.USAGE, run(command, "", "frobnicate"));
        assertEquals(AdminCommand.PROBLEM, run(command, "", "remove", "absent"));
        assertTrue(store.aliases().isEmpty());
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("usage: vigil secret"));
    }
}
