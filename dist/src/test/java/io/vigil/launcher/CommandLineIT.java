package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** bin/vigil's own commands on a fresh copy of the distribution. */
class CommandLineIT {

    @TempDir
    Path dir;

    @Test
    void demoRecognisesThePersonOnTheSimulatedCameraAndStopsByItself() throws Exception {
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            long start = System.nanoTime();
            InstalledDistribution.Result run = vigil.vigil("", "demo");
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertEquals(0, run.exit(), run.output());
            assertTrue(seconds < 120, "the demo ends by itself within 2 minutes: " + seconds + " s");
            assertTrue(run.output().contains("2/6 found by a directed WS-Discovery probe"), run.output());
            assertTrue(run.output().matches("(?s).*6/6 recognised.*S-[A-Z0-9XY]+.*"), run.output());
            assertTrue(run.output().contains("audit trail: verified"), run.output());
            assertTrue(run.output().contains("CN: 1 of 100000 individuals"), "the ledger counts the one person enrolled:\n" + run.output());
            assertTrue(run.output().contains("Demo finished"), run.output());
            // the demo's camera and device configuration leave with it: a later `vigil run` starts no demo camera
            assertTrue(!java.nio.file.Files.exists(vigil.deploy("io.vigil.simulator.camera-demo.cfg")), "demo camera left in deploy/");
            assertTrue(!java.nio.file.Files.exists(vigil.deploy("io.vigil.onvif.device.cfg")), "demo device left in deploy/");
            // a second run on the same data folder works as well
            InstalledDistribution.Result again = vigil.vigil("", "demo");
            assertEquals(0, again.exit(), again.output());

            InstalledDistribution.Result demo = vigil.status();
            assertEquals(0, demo.exit(), demo.output());
            for (String bundle : List.of("io.vigil.api", "io.vigil.secrets", "io.vigil.admin", "io.vigil.logging",
                    "io.vigil.gstreamer", "io.vigil.ingest", "io.vigil.alerts", "io.vigil.simulator", "io.vigil.onvif",
                    "io.vigil.inference", "io.vigil.watchlist", "io.vigil.compliance")) {
                assertTrue(Pattern.compile("(?m)^\\s+\\d+ ACTIVE\\s+" + Pattern.quote(bundle) + "\\s").matcher(demo.output()).find(),
                        bundle + " not active:\n" + demo.output());
            }
            assertTrue(demo.output().contains("OK: everything installed is active."), demo.output());
        }
    }

    @Test
    void doctorReportsWhatTheMachineOffers() throws Exception {
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            InstalledDistribution.Result doctor = vigil.vigil("", "doctor");
            assertTrue(doctor.output().contains("GStreamer"), doctor.output());
            assertTrue(doctor.output().contains("Hardware video decode"), doctor.output());
            // no GPU here: the ingest bundle's choice from the live registry is software
            assertTrue(doctor.output().contains("H264   avdec_h264 (software)"), doctor.output());
            assertTrue(doctor.output().contains(dir.resolve("data").toString()), "VIGIL_DATA is honoured:\n" + doctor.output());
            // ./vigil installs the GStreamer set before the tests run, so this machine must pass
            assertEquals(0, doctor.exit(), doctor.output());
        }
    }

    @Test
    void versionHelpAndMisuse() throws Exception {
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            InstalledDistribution.Result version = vigil.vigil("", "version");
            assertEquals(0, version.exit());
            assertTrue(version.output().startsWith("Vigil 0.1.0"), version.output());

            InstalledDistribution.Result help = vigil.vigil("", "help");
            assertTrue(help.output().contains("usage: vigil COMMAND"), help.output());

            InstalledDistribution.Result unknown = vigil.vigil("", "frobnicate");
            assertEquals(2, unknown.exit(), unknown.output());
            assertTrue(unknown.output().contains("Unknown command 'frobnicate'"), unknown.output());

            InstalledDistribution.Result badSecret = vigil.vigil("", "secret", "set");
            assertEquals(2, badSecret.exit(), badSecret.output());
            assertTrue(badSecret.output().contains("usage: vigil secret"), badSecret.output());
        }
    }
}
