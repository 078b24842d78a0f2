package io.vigil.inference.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * Frames flow one way: ingest, inference, recognition, alert store. The manifest bnd wrote for this
 * bundle (process-classes, before the tests) shows what it depends on: the face and media contracts,
 * never watchlists or alerts, so the analysis stage runs, and is replaced, without them.
 */
class StageImportsTest {

    @Test
    void inferenceImportsNeitherWatchlistNorAlertContracts() throws Exception {
        Path manifest = Path.of("target", "classes", "META-INF", "MANIFEST.MF");
        assertTrue(Files.isRegularFile(manifest), "bnd-process writes " + manifest.toAbsolutePath());
        String imports;
        try (InputStream in = Files.newInputStream(manifest)) {
            imports = new Manifest(in).getMainAttributes().getValue("Import-Package");
        }
        assertTrue(imports.contains("io.vigil.api.face;version=\"[2."), imports);
        assertFalse(imports.contains("io.vigil.api.watchlist"), imports);
        assertFalse(imports.contains("io.vigil.api.alert"), imports);
    }
}
