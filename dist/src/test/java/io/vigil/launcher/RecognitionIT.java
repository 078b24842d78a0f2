package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.onvif.internal.client.DeviceClient;
import io.vigil.onvif.internal.client.OnvifCamera;
import io.vigil.onvif.internal.client.ProfilePolicy;
import io.vigil.onvif.security.Credentials;
import io.vigil.onvif.transport.ClientAuthentication;
import io.vigil.onvif.transport.SoapClient;
import io.vigil.onvif.transport.SoapClientOptions;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The recognition path in the real container: a simulated ONVIF camera shows a photo of three
 * people, one of them enrolled (from another photo) on a watchlist of an active deployment. The
 * match becomes one stored alert that two different reviewers must confirm; the two strangers
 * leave no template anywhere on disk: not in the data folder (databases and their -wal files),
 * the logs or the container's temporary files ({@link StrangerTraces}).
 */
class RecognitionIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern DEVICE = Pattern.compile("simulator/lobby\\s+OK\\s+ONVIF (\\S+), video");

    @TempDir
    Path dir;

    private static Path sample(String name) {
        return InstalledDistribution.samplePhoto(name);
    }

    @Test
    void aWatchlistMatchIsStoredReviewedByTwoPeopleAndStrangersLeaveNoTrace() throws Exception {
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            // the container's temporary files land where the test can search them
            vigil.env("VIGIL_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp);
            BufferedImage group = ImageIO.read(sample("sample1.jpg").toFile());
            Path p03 = dir.resolve("p03.png");
            ImageIO.write(group.getSubimage(1460 - 112, 219 - 109, 225 + 224, 218 + 218), "png", p03.toFile());

            String password = "lobby-Pw-9";
            vigil.start();
            assertEquals(0, vigil.vigil(password + "\n", "secret", "set", "camera.lobby").exit());
            vigil.awaitStatus(r -> r.output().matches("(?s).*inference\\s+OK.*") && r.output().matches("(?s).*watchlist\\s+OK.*"), WAIT);
            assertOk(vigil.vigil("", "watchlist", "create", "wanted", "--category", "suspect",
                    "--legal-basis", "PACE 1984 s.32", "--officer", "Insp. Wood"));
            InstalledDistribution.Result enrolled = vigil.vigil("", "watchlist", "enrol", "wanted", "Jane Roe", p03.toString());
            assertOk(enrolled);
            Matcher pseudonym = Pattern.compile("as (S-[A-Z0-9XY]+)").matcher(enrolled.output());
            assertTrue(pseudonym.find(), enrolled.output());

            assertOk(vigil.vigil("", "deployment", "create", "lobby-watch", "--cameras", "lobby", "--watchlists", "wanted",
                    "--threshold", "0.51", "--location", "Lobby", "--purpose", "acceptance test",
                    "--legal-basis", "PACE 1984 s.32", "--authorisation", "AUTH-2026-17", "--hours", "2"));
            assertOk(vigil.vigil("", "deployment", "start", "lobby-watch"));

            InstalledDistribution.drop(vigil.deploy("io.vigil.simulator.camera-lobby.cfg"), String.join("\n",
                    "name=lobby", "user=admin", "password.alias=camera.lobby", "codec=H264", "width=1280", "height=720",
                    "fps=10", "photos=" + sample("sample3.jpg"), "").getBytes());
            Matcher device = DEVICE.matcher(vigil.awaitStatus(r -> DEVICE.matcher(r.output()).find(), WAIT).output());
            assertTrue(device.find());
            URI stream = new OnvifCamera(new DeviceClient(new SoapClient(SoapClientOptions.DEFAULTS), URI.create(device.group(1)),
                    ClientAuthentication.of(new Credentials("admin", password.toCharArray())), Clock.systemUTC()),
                    ProfilePolicy.DEFAULT).connect().streamUri();
            InstalledDistribution.drop(vigil.deploy("io.vigil.ingest.stream-lobby.cfg"), String.join("\n",
                    "camera.id=lobby", "uri=" + stream, "user=admin", "password.alias=camera.lobby", "").getBytes());

            vigil.awaitJson(r -> !r.list("alerts").isEmpty(), WAIT, "alerts", "list", "--json");
            // the photo stands still for the whole run: one person, one track, one alert
            Thread.sleep(3000);
            System.out.println(vigil.statusJson().list("modules").stream()
                    .filter(m -> m.get("module").asText().equals("face-analysis") || m.get("module").asText().equals("recognition")).toList());
            InstalledDistribution.JsonRun list = vigil.json("alerts", "list", "--json");
            assertEquals(0, list.exit(), list.err());
            assertEquals(1, list.list("alerts").size(), list.doc().toPrettyString());
            com.fasterxml.jackson.databind.JsonNode stored = list.list("alerts").get(0);
            assertEquals(pseudonym.group(1), stored.get("subject").asText());
            assertEquals("lobby", stored.get("camera").asText());
            assertTrue(!list.doc().toString().contains("Jane Roe"), "names never leave the watchlist bundle:\n" + list.doc());
            String alert = stored.get("id").asText();

            // reviews are the accounts that run bin/vigil: root confirms once, under no other name
            assertOk(vigil.vigil("", "alerts", "confirm", alert));
            InstalledDistribution.Result twice = vigil.vigil("", "alerts", "confirm", alert);
            assertTrue(twice.exit() != 0 && twice.output().contains("root already confirmed"), twice.output());
            InstalledDistribution.Result renamed = vigil.vigil("", "alerts", "confirm", alert, "--reviewer", "bob");
            assertTrue(renamed.exit() != 0 && renamed.output().contains("not your account"), renamed.output());
            // a second person with an account of their own
            assertOk(vigil.vigilAs("daemon", "", "alerts", "confirm", alert));
            String shown = vigil.vigil("", "alerts", "show", alert).output();
            assertTrue(shown.contains("CONFIRMED") && shown.contains("confirmed by root") && shown.contains("confirmed by daemon"),
                    shown);
            assertEquals(0, vigil.vigil("", "audit", "verify").exit());

            // the evidence package carries the photo the subject was enrolled from
            Path pack = dir.resolve("evidence.zip");
            assertOk(vigil.vigil("", "alerts", "export", alert, "--to", pack.toString()));
            try (var zip = new java.util.zip.ZipFile(pack.toFile())) {
                var photo = zip.getEntry("enrolled-photo");
                assertTrue(photo != null, "no enrolled photo in the package");
                assertTrue(java.util.Arrays.equals(Files.readAllBytes(p03), zip.getInputStream(photo).readAllBytes()),
                        "the enrolled photo is the file enrolled");
                String manifest = new String(zip.getInputStream(zip.getEntry("manifest.sha256")).readAllBytes());
                assertTrue(manifest.contains("  enrolled-photo"), manifest);
            }

            // configuration changes are audited, secrets never with their values
            InstalledDistribution.Result changes = vigil.vigil("", "audit", "list", "--action", "configuration.changed");
            assertOk(changes);
            assertTrue(changes.output().contains("io.vigil.ingest.stream") && changes.output().contains("camera.lobby"),
                    changes.output());
            assertTrue(!changes.output().contains(password), changes.output());

            // the two strangers of the photo: their templates as a photo gives them
            List<float[]> strangers = StrangerTraces.strangers(vigil, sample("sample3.jpg"));
            assertEquals(2, strangers.size());
            vigil.stop();
            StrangerTraces.Report traces = StrangerTraces.scan(vigil, tmp, strangers, dir);
            assertTrue(traces.hits().isEmpty(), "a stranger's template is on disk: " + traces.hits());
        }
    }

    private static void assertOk(InstalledDistribution.Result r) {
        assertEquals(0, r.exit(), r.output());
    }
}
