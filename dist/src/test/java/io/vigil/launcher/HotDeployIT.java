package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real distribution, started with its own launcher, administered only through
 * {@code bin/vigil} and its {@code deploy/} folder.
 */
class HotDeployIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final List<String> VIGIL_BUNDLES = List.of("io.vigil.api", "io.vigil.secrets", "io.vigil.admin",
            "io.vigil.logging", "io.vigil.gstreamer", "io.vigil.ingest", "io.vigil.alerts", "io.vigil.simulator",
            "io.vigil.onvif", "io.vigil.inference", "io.vigil.watchlist", "io.vigil.compliance", "io.vigil.bench");

    @TempDir
    Path dir;

    /** "  31 ACTIVE     name   version   origin" -> the bundle id, or -1 when the bundle is not listed. */
    private static long bundleId(String status, String symbolicName, String state, String version) {
        Matcher m = Pattern.compile("(?m)^\\s+(\\d+) " + state + "\\s+" + Pattern.quote(symbolicName) + "\\s+"
                + Pattern.quote(version)).matcher(status);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }

    private static boolean listed(String status, String symbolicName) {
        return Pattern.compile("(?m)^\\s+\\d+ \\S+\\s+" + Pattern.quote(symbolicName) + "\\s").matcher(status).find();
    }

    private static void assertAllVigilBundlesActive(String status) {
        assertActive(status, VIGIL_BUNDLES);
    }

    private static void assertActive(String status, List<String> names) {
        for (String name : names) {
            assertTrue(Pattern.compile("(?m)^\\s+\\d+ ACTIVE\\s+" + Pattern.quote(name) + "\\s").matcher(status).find(),
                    name + " is not active:\n" + status);
        }
    }

    @Test
    void bundlesAreInstalledUpdatedAndUninstalledByFileDropWithoutRestartingAnything() throws Exception {
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            vigil.start();
            long pid = vigil.pid();
            InstalledDistribution.Result first = vigil.awaitStatus(r -> r.exit() == 0, WAIT);
            assertAllVigilBundlesActive(first.output());
            long ingestId = bundleId(first.output(), "io.vigil.ingest", "ACTIVE", "0.1.0");

            // install
            Path dropin = vigil.deploy("dropin.jar");
            InstalledDistribution.drop(dropin, InstalledDistribution.bundle("io.vigil.test.dropin", "1.0.0", null));
            String installed = vigil.awaitStatus(
                    r -> bundleId(r.output(), "io.vigil.test.dropin", "ACTIVE", "1.0.0") > 0, WAIT).output();
            long dropinId = bundleId(installed, "io.vigil.test.dropin", "ACTIVE", "1.0.0");

            // update in place: same bundle, new version
            InstalledDistribution.drop(dropin, InstalledDistribution.bundle("io.vigil.test.dropin", "1.1.0", null));
            String updated = vigil.awaitStatus(
                    r -> bundleId(r.output(), "io.vigil.test.dropin", "ACTIVE", "1.1.0") > 0, WAIT).output();
            assertEquals(dropinId, bundleId(updated, "io.vigil.test.dropin", "ACTIVE", "1.1.0"), updated);

            // uninstall
            Files.delete(dropin);
            vigil.awaitStatus(r -> !listed(r.output(), "io.vigil.test.dropin") && r.exit() == 0, WAIT);

            // a Vigil feature bundle is hot-replaceable too: removing it runs its @Deactivate
            Path compliance = vigil.deploy("io.vigil.compliance.jar");
            byte[] complianceJar = Files.readAllBytes(compliance);
            Files.delete(compliance);
            vigil.awaitStatus(r -> !listed(r.output(), "io.vigil.compliance"), WAIT);
            assertTrue(vigil.logs().contains("Vigil compliance module stopped"), vigil.logs());
            InstalledDistribution.drop(compliance, complianceJar);
            String back = vigil.awaitStatus(r -> r.exit() == 0 && listed(r.output(), "io.vigil.compliance"), WAIT).output();
            assertAllVigilBundlesActive(back);

            // nothing else was restarted
            assertEquals(pid, vigil.pid());
            assertTrue(vigil.running());
            assertEquals(ingestId, bundleId(back, "io.vigil.ingest", "ACTIVE", "0.1.0"), back);
        }
    }

    @Test
    void aProductionInstallMayLeaveTheBenchBundleOut() throws Exception {
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            Files.delete(vigil.deploy("io.vigil.bench.jar"));
            vigil.start();
            List<String> others = VIGIL_BUNDLES.stream().filter(n -> !n.equals("io.vigil.bench")).toList();
            InstalledDistribution.Result status = vigil.awaitStatus(r -> r.exit() == 0
                    && others.stream().allMatch(n -> listed(r.output(), n)), WAIT);
            assertEquals(0, status.exit(), status.output());
            assertFalse(listed(status.output(), "io.vigil.bench"), status.output());
            assertActive(status.output(), others);
            // the benches are gone, and only they: bench inference too (the inference bundle only prepares its work)
            for (List<String> bench : List.of(List.of("bench", "match", "--sizes", "x"), List.of("bench", "inference", "--quick"))) {
                InstalledDistribution.Result gone = vigil.vigil("", bench.toArray(String[]::new));
                assertEquals(2, gone.exit(), gone.output());
                assertTrue(gone.output().contains("Unknown command 'bench'"), gone.output());
                assertFalse(gone.output().contains("failed to start"), gone.output());
            }
        }
    }

    @Test
    void aCorruptJarAndABundleWithMissingDependenciesAreReportedAndHarmless() throws Exception {
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            vigil.start();
            vigil.awaitStatus(r -> r.exit() == 0, WAIT);

            Path broken = vigil.deploy("broken.jar");
            InstalledDistribution.drop(broken, "this is not a zip file".getBytes(StandardCharsets.UTF_8));
            Path needy = vigil.deploy("needy.jar");
            InstalledDistribution.drop(needy,
                    InstalledDistribution.bundle("io.vigil.test.needy", "1.0.0", "com.example.missing;version=\"[1,2)\""));

            InstalledDistribution.Result reported = vigil.awaitStatus(r -> r.output().contains("broken.jar: corrupt")
                    && r.output().contains("com.example.missing"), WAIT);
            assertEquals(3, reported.exit(), reported.output());
            assertTrue(reported.output().contains("PROBLEMS (2)"), reported.output());
            assertTrue(reported.output().contains("io.vigil.test.needy (deploy/needy.jar): cannot resolve, missing package"),
                    reported.output());
            assertAllVigilBundlesActive(reported.output());

            Files.delete(broken);
            Files.delete(needy);
            vigil.awaitStatus(r -> r.exit() == 0, WAIT);
            assertTrue(vigil.running());
        }
    }

    @Test
    void secretsGoInThroughStandardInputAndNeverReachLogsOrConfiguration() throws Exception {
        String password = "Sup3r-secret-camera-pw";
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            // first through a one-shot container (nothing running), then through the running one
            InstalledDistribution.Result set = vigil.vigil(password + "\n", "secret", "set", "camera.lobby");
            assertEquals(0, set.exit(), set.output());
            vigil.start();
            InstalledDistribution.Result setAgain = vigil.vigil(password + "2\n", "secret", "set", "camera.gate");
            assertEquals(0, setAgain.exit(), setAgain.output());
            InstalledDistribution.Result list = vigil.vigil("", "secret", "list");
            assertTrue(list.output().contains("camera.lobby\tpassword"), list.output());
            assertTrue(list.output().contains("camera.gate\tpassword"), list.output());
            vigil.stop();

            assertFalse(set.output().contains(password) || setAgain.output().contains(password) || list.output().contains(password));
            assertNowhereUnder(vigil.home, password);
            assertNowhereUnder(vigil.data, password);
        }
    }

    @Test
    void aWrongPassphraseIsAClearErrorAndTheKeystoreIsLeftAsItWas() throws Exception {
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            vigil.env("VIGIL_SECRETS_PASSPHRASE", "the right one");
            assertEquals(0, vigil.vigil("pw\n", "secret", "set", "camera.lobby").exit());
            Path keystore = vigil.data.resolve("secrets/vigil.bcfks");
            byte[] before = Files.readAllBytes(keystore);

            vigil.env("VIGIL_SECRETS_PASSPHRASE", "a wrong one");
            InstalledDistribution.Result status = vigil.status();
            assertEquals(3, status.exit(), status.output());
            assertTrue(status.output().contains("wrong passphrase"), status.output());
            assertAllVigilBundlesActive(status.output());
            assertArrayEquals(before, Files.readAllBytes(keystore));
        }
    }

    private static void assertNowhereUnder(Path root, String secret) throws Exception {
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(text.contains(secret), "secret found in " + file);
            }
        }
    }
}
