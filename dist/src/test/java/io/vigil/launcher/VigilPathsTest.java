package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VigilPathsTest {

    @Test
    void dataAndLogsDefaultIntoTheDistributionAndFollowTheEnvironment() {
        VigilPaths defaults = VigilPaths.fromEnvironment(Map.of("VIGIL_HOME", "/opt/vigil"));
        assertEquals(Path.of("/opt/vigil/data"), defaults.data());
        assertEquals(Path.of("/opt/vigil/logs"), defaults.logs());
        assertEquals(Path.of("/opt/vigil/data/run/admin.sock"), defaults.adminSocket());

        VigilPaths moved = VigilPaths.fromEnvironment(Map.of("VIGIL_HOME", "/opt/vigil", "VIGIL_DATA", "/srv/vigil",
                "VIGIL_LOGS", "/var/log/vigil"));
        assertEquals(Path.of("/srv/vigil"), moved.data());
        assertEquals(Path.of("/var/log/vigil"), moved.logs());
        assertEquals(Path.of("/srv/vigil/cache/felix"), moved.frameworkStorage());
    }

    @Test
    void aDataFolderTooDeepForAUnixSocketGetsAStableShortSocketPath() {
        String deep = "/srv/" + "very-long-folder-name/".repeat(6);
        VigilPaths paths = VigilPaths.fromEnvironment(Map.of("VIGIL_HOME", "/opt/vigil", "VIGIL_DATA", deep));
        Path socket = paths.adminSocket();
        assertTrue(socket.toString().getBytes(StandardCharsets.UTF_8).length <= VigilPaths.MAX_SOCKET_PATH, socket.toString());
        assertEquals(socket, VigilPaths.fromEnvironment(Map.of("VIGIL_HOME", "/x", "VIGIL_DATA", deep)).adminSocket());
        assertNotEquals(socket, VigilPaths.fromEnvironment(Map.of("VIGIL_HOME", "/x", "VIGIL_DATA", deep + "2")).adminSocket());
    }

    @Test
    void withoutVigilHomeTheLauncherExplainsHowToStart() {
        LauncherException e = assertThrows(LauncherException.class, () -> VigilPaths.fromEnvironment(Map.of()));
        assertTrue(e.getMessage().contains("bin/vigil"));
    }
}
