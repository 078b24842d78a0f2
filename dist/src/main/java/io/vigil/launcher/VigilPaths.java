package io.vigil.launcher;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Where a Vigil installation keeps things. The distribution folder ({@code VIGIL_HOME}) holds
 * the program, {@code conf/} and the {@code deploy/} hot folder; {@code VIGIL_DATA} (default
 * {@code data/} in the distribution) holds databases, keys and the framework cache, and
 * {@code VIGIL_LOGS} (default {@code logs/}) the rotating logs.
 */
record VigilPaths(Path home, Path data, Path logs) {

    /** Unix socket paths longer than this do not fit in sockaddr_un (108 bytes with the NUL). */
    static final int MAX_SOCKET_PATH = 100;

    static VigilPaths fromEnvironment(Map<String, String> env) {
        String homeValue = env.get("VIGIL_HOME");
        if (homeValue == null || homeValue.isBlank()) {
            throw new LauncherException("VIGIL_HOME is not set: start Vigil with bin/vigil.");
        }
        Path home = Path.of(homeValue).toAbsolutePath().normalize();
        return new VigilPaths(home, pathOr(env.get("VIGIL_DATA"), home.resolve("data")),
                pathOr(env.get("VIGIL_LOGS"), home.resolve("logs")));
    }

    private static Path pathOr(String value, Path fallback) {
        return (value == null || value.isBlank() ? fallback : Path.of(value)).toAbsolutePath().normalize();
    }

    Path conf() {
        return home.resolve("conf");
    }

    Path deploy() {
        return home.resolve("deploy");
    }

    Path system() {
        return home.resolve("system");
    }

    Path run() {
        return data.resolve("run");
    }

    Path lockFile() {
        return run().resolve("vigil.lock");
    }

    Path frameworkStorage() {
        return data.resolve("cache").resolve("felix");
    }

    /**
     * The admin socket of the container that owns this data folder: in its {@code run/}
     * directory, or, when that path is too long for a Unix socket, in a per-data-folder
     * directory under the system temporary folder.
     */
    Path adminSocket() {
        Path inData = run().resolve("admin.sock");
        if (inData.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH) {
            return inData;
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "vigil-" + shortHash(data.toString()), "admin.sock");
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
