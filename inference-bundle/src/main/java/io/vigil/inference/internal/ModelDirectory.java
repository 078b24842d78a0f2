package io.vigil.inference.internal;

import io.vigil.api.face.FaceAnalysisException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Where the model files are and proof that they are the pinned ones. By default the folder
 * {@code ./vigil} set-up unpacks the npm package into: {@code $VIGIL_CACHE}, else
 * {@code $XDG_CACHE_HOME/vigil}, else {@code ~/.cache/vigil}, then
 * {@code models/faceplugin-face-recognition-js-0.0.1/model}.
 */
final class ModelDirectory {

    static final String FIX = "run './vigil setup' (or './vigil test') to fetch and verify the pinned model package,"
            + " or set models.directory (PID io.vigil.inference) to a folder holding the pinned files";

    private final Path directory;

    private ModelDirectory(Path directory) {
        this.directory = directory;
    }

    /** The configured folder, or the default cache location from the environment. */
    static ModelDirectory of(String configured, Map<String, String> environment) {
        if (configured != null && !configured.isBlank()) {
            return new ModelDirectory(Path.of(configured));
        }
        return new ModelDirectory(defaultCache(environment)
                .resolve("models")
                .resolve(FaceModelFile.PACKAGE + "-" + FaceModelFile.PACKAGE_VERSION)
                .resolve("model"));
    }

    static Path defaultCache(Map<String, String> environment) {
        String cache = environment.get("VIGIL_CACHE");
        if (cache != null && !cache.isBlank()) {
            return Path.of(cache);
        }
        String xdg = environment.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "vigil");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "vigil");
    }

    Path path() {
        return directory;
    }

    /**
     * The verified file, or a {@link FaceAnalysisException} naming it and the fix.
     */
    Path verified(FaceModelFile model) {
        Path file = directory.resolve(model.fileName());
        if (!Files.isRegularFile(file)) {
            throw new FaceAnalysisException("face model " + file + " is missing: " + FIX);
        }
        String actual;
        try {
            actual = sha256(file);
        } catch (IOException e) {
            throw new FaceAnalysisException("face model " + file + " cannot be read (" + e.getMessage() + "): " + FIX, e);
        }
        if (!actual.equals(model.sha256())) {
            throw new FaceAnalysisException("face model " + file + " is not the pinned file (SHA-256 " + actual
                    + ", expected " + model.sha256() + "): it is corrupt or was replaced; " + FIX);
        }
        return file;
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        byte[] buffer = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
