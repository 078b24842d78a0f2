package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The conf/ folder the distribution ships (felix-config), as the launcher reads it. */
class ShippedConfigurationTest {

    private static final Path SHIPPED = Path.of("../felix-config/src/main/resources/conf");

    @TempDir
    Path home;

    private Map<String, String> load() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        try (Stream<Path> files = Files.list(SHIPPED)) {
            for (Path file : files.toList()) {
                Files.copy(file, home.resolve("conf").resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        VigilPaths paths = VigilPaths.fromEnvironment(Map.of("VIGIL_HOME", home.toString()));
        return FrameworkProperties.load(paths, "1", "service", paths.frameworkStorage(), paths.adminSocket());
    }

    @Test
    void everyPropertyResolvesAndPointsIntoThisInstallation() throws Exception {
        Map<String, String> p = load();
        assertEquals(home.resolve("conf").toString(), p.get("felix.fileinstall.dir"));
        assertEquals(".*\\.(cfg|config)", p.get("felix.fileinstall.filter"));
        assertEquals("3", p.get("org.osgi.framework.startlevel.beginning"));
        assertTrue(p.get(Container.EARLY_PROPERTY).contains("org.apache.aries.spifly.dynamic.bundle"));
        p.values().forEach(v -> assertFalse(v.contains("${"), v));
    }

    @Test
    void configurationIsNeverWrittenBackAndHttpStaysOnLoopback() throws Exception {
        Map<String, String> p = load();
        assertEquals("false", p.get("felix.fileinstall.enableConfigSave"));
        assertEquals("127.0.0.1", p.get("org.apache.felix.http.host"));
        String deployWatcher = Files.readString(SHIPPED.resolve("org.apache.felix.fileinstall-deploy.cfg"));
        assertTrue(deployWatcher.contains("felix.fileinstall.enableConfigSave=false"), deployWatcher);
        assertTrue(deployWatcher.contains("felix.fileinstall.dir=${vigil.deploy}"), deployWatcher);
    }

    @Test
    void aDataCommandsOneShotContainerReadsNoConfigurationThatOpensAPort() throws Exception {
        Map<String, String> p = load();
        Pattern all = Pattern.compile(p.get("vigil.deploy.filter"));
        for (String name : List.of("a.jar", "io.vigil.simulator.camera-demo.cfg", "io.vigil.onvif.device.cfg", "x.config")) {
            assertTrue(all.matcher(name).matches(), "the running container reads " + name);
        }
        Main.withoutMedia(p);
        Pattern deploy = Pattern.compile(p.get("vigil.deploy.filter"));
        Pattern conf = Pattern.compile(p.get("felix.fileinstall.filter"));
        assertEquals("off", p.get("vigil.media"));
        for (String read : List.of("io.vigil.onvif.camera-lobby.cfg", "io.vigil.compliance.ledger.cfg", "io.vigil.watchlist.cfg",
                "io.vigil.inference.cfg", "org.apache.felix.fileinstall-deploy.cfg", "io.vigil.onvif.devices.cfg")) {
            assertTrue(deploy.matcher(read).matches() && conf.matcher(read).matches(), read + " must be read");
        }
        assertTrue(deploy.matcher("io.vigil.watchlist-bundle.jar").matches());
        for (String left : List.of("io.vigil.simulator.camera-demo.cfg", "io.vigil.onvif.device.cfg", "io.vigil.onvif.discovery.cfg",
                "io.vigil.ingest.stream-lobby.cfg", "io.vigil.gstreamer.rtsp.cfg", "io.vigil.console.cfg", "io.vigil.console.config")) {
            assertFalse(deploy.matcher(left).matches() || conf.matcher(left).matches(), left + " opens a port or pulls a stream");
        }
    }

    @Test
    void noShippedFileHoldsASecret() throws Exception {
        Pattern secretKey = Pattern.compile("(?im)^\\s*[^#\\s]*(password|passphrase|secret|credential)[^=\\s]*\\s*=\\s*\\S");
        try (Stream<Path> files = Files.list(SHIPPED)) {
            for (Path file : files.toList()) {
                assertFalse(secretKey.matcher(Files.readString(file)).find(), file + " sets a secret-looking property");
            }
        }
    }

    @Test
    void logFilesRotate() throws Exception {
        String logging = Files.readString(SHIPPED.resolve("logging.properties"));
        assertTrue(logging.contains("FileHandler.pattern=${vigil.logs}/vigil.%g.log"), logging);
        assertTrue(logging.contains("FileHandler.count=10"), logging);
    }
}
