package io.vigil.admin.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;

class DeployFolderScanTest {

    @TempDir
    Path deploy;

    private void jar(String name, String symbolicName) throws Exception {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (symbolicName != null) {
            manifest.getMainAttributes().putValue("Bundle-SymbolicName", symbolicName);
        }
        try (OutputStream out = Files.newOutputStream(deploy.resolve(name)); JarOutputStream jar = new JarOutputStream(out, manifest)) {
            jar.flush();
        }
    }

    @Test
    void explainsEachJarThatIsNotAnInstalledBundle() throws Exception {
        Files.writeString(deploy.resolve("broken.jar"), "not a zip");
        jar("plain.jar", null);
        jar("waiting.jar", "com.example.waiting");
        Files.writeString(deploy.resolve("notes.txt"), "ignored: not a jar");

        List<DeployFolderScan.Unused> unused = DeployFolderScan.scan(deploy, new Bundle[0]);
        assertEquals(3, unused.size(), unused.toString());
        assertEquals("broken.jar", unused.get(0).file().getFileName().toString());
        assertTrue(unused.get(0).reason().startsWith("corrupt"), unused.get(0).reason());
        assertTrue(unused.get(1).reason().contains("not an OSGi bundle"), unused.get(1).reason());
        assertTrue(unused.get(2).reason().contains("not installed yet"), unused.get(2).reason());
    }

    @Test
    void fileLocationsMapToPathsAndOtherLocationsDoNot() {
        assertEquals(Path.of("/opt/vigil/deploy/a.jar"), DeployFolderScan.locationPath("file:/opt/vigil/deploy/a.jar").orElseThrow());
        assertTrue(DeployFolderScan.locationPath("System Bundle").isEmpty());
        assertTrue(DeployFolderScan.locationPath("reference:file:/x.jar").isEmpty());
    }
}
