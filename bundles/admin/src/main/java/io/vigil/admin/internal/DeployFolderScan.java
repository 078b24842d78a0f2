package io.vigil.admin.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import org.osgi.framework.Bundle;

/** Jars in the hot folder that are not installed bundles, and why. */
final class DeployFolderScan {

    record Unused(Path file, String reason) {
    }

    private DeployFolderScan() {
    }

    static List<Unused> scan(Path deployDir, Bundle[] bundles) {
        Set<Path> installed = new HashSet<>();
        for (Bundle bundle : bundles) {
            locationPath(bundle.getLocation()).ifPresent(installed::add);
        }
        List<Unused> unused = new ArrayList<>();
        if (!Files.isDirectory(deployDir)) {
            return unused;
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(deployDir, "*.jar")) {
            for (Path jar : jars) {
                Path normal = jar.toAbsolutePath().normalize();
                if (!installed.contains(normal)) {
                    unused.add(new Unused(jar, reason(jar)));
                }
            }
        } catch (IOException e) {
            unused.add(new Unused(deployDir, "cannot list the folder: " + e.getMessage()));
        }
        unused.sort((a, b) -> a.file().compareTo(b.file()));
        return unused;
    }

    static java.util.Optional<Path> locationPath(String location) {
        try {
            if (location.startsWith("file:")) {
                return java.util.Optional.of(Path.of(URI.create(location)).toAbsolutePath().normalize());
            }
        } catch (IllegalArgumentException ignored) {
            // not a plain file location (e.g. reference: or a custom scheme): not from a folder
        }
        return java.util.Optional.empty();
    }

    private static String reason(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            if (manifest == null || manifest.getMainAttributes().getValue("Bundle-SymbolicName") == null) {
                return "not an OSGi bundle (no Bundle-SymbolicName in its manifest)";
            }
            return "not installed yet, or refused (same symbolic name and version as an installed bundle?); see the log";
        } catch (IOException e) {
            return "corrupt: not a readable jar (" + e.getMessage() + ")";
        }
    }
}
