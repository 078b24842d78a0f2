package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameworkPropertiesTest {

    @TempDir
    Path home;

    private VigilPaths paths(String config) throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/config.properties"), config);
        return VigilPaths.fromEnvironment(Map.of("VIGIL_HOME", home.toString(), "VIGIL_DATA", home.resolve("d").toString()));
    }

    @Test
    void resolvesLauncherPathsOtherPropertiesAndNestedReferences() throws Exception {
        VigilPaths paths = paths("""
                felix.fileinstall.dir=${vigil.conf}
                cache.root=${vigil.data}/cache
                nested=${cache.root}/x
                escaped.regex=.*\\\\.(cfg|config)
                """);
        Map<String, String> p = FrameworkProperties.load(paths, "1.2.3", "service", home.resolve("s"), home.resolve("a.sock"));
        assertEquals(home.resolve("conf").toString(), p.get("felix.fileinstall.dir"));
        assertEquals(home.resolve("d") + "/cache/x", p.get("nested"));
        assertEquals(".*\\.(cfg|config)", p.get("escaped.regex"));
        assertEquals("1.2.3", p.get("vigil.version"));
        assertEquals(home.resolve("s").toString(), p.get("org.osgi.framework.storage"));
        assertEquals(home.resolve("a.sock").toString(), p.get("vigil.admin.socket"));
    }

    @Test
    void theLauncherDecidesItsOwnProperties() throws Exception {
        VigilPaths paths = paths("vigil.data=/somewhere/else\norg.osgi.framework.storage=/tmp/other\n");
        Map<String, String> p = FrameworkProperties.load(paths, "1", "service", home.resolve("s"), home.resolve("a"));
        assertEquals(home.resolve("d").toString(), p.get("vigil.data"));
        assertEquals(home.resolve("s").toString(), p.get("org.osgi.framework.storage"));
    }

    @Test
    void aNodeWithAClusterConfigurationIsAMemberFromTheStart() throws Exception {
        VigilPaths paths = paths("vigil.cluster.member=true\n");
        assertEquals("false", FrameworkProperties.load(paths, "1", "service", home.resolve("s"), home.resolve("a"))
                .get("vigil.cluster.member"), "the file cannot make a node a member");
        Files.writeString(home.resolve("conf/io.vigil.cluster.cfg"), "bootstrap.servers=127.0.0.1:9092\nnode.id=n1\n");
        assertEquals("true", FrameworkProperties.load(paths, "1", "service", home.resolve("s"), home.resolve("a"))
                .get("vigil.cluster.member"));
    }

    @Test
    void unknownOrLoopingReferencesAreErrorsNamingTheProperty() throws Exception {
        LauncherException unknown = assertThrows(LauncherException.class, () -> FrameworkProperties.load(
                paths("a=${no.such.thing}\n"), "1", "service", home, home));
        assertTrue(unknown.getMessage().contains("'a' uses ${no.such.thing}"), unknown.getMessage());

        LauncherException loop = assertThrows(LauncherException.class, () -> FrameworkProperties.load(
                paths("a=${b}\nb=${a}\n"), "1", "service", home, home));
        assertTrue(loop.getMessage().contains("loop"), loop.getMessage());
    }

    @Test
    void missingConfigurationFileSaysTheDistributionIsIncomplete() {
        VigilPaths paths = VigilPaths.fromEnvironment(Map.of("VIGIL_HOME", home.toString()));
        LauncherException e = assertThrows(LauncherException.class,
                () -> FrameworkProperties.load(paths, "1", "service", home, home));
        assertTrue(e.getMessage().contains("config.properties"), e.getMessage());
    }
}
