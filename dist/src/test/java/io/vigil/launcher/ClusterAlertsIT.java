package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.cluster.testing.KafkaTestCluster;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts and reviews cluster-wide in the real container: node A recognises an enrolled person on its simulated camera
 * and stores the alert; node B, another Vigil with its own data folder and the same cluster evidence key, lists it,
 * shows it and confirms it; node A refuses the same account's confirmation (the two-person rule across nodes) and
 * takes a second person's; both nodes end with the same decision.
 */
class ClusterAlertsIT {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Pattern DEVICE = Pattern.compile("simulator/lobby\\s+OK\\s+ONVIF (\\S+), video");
    private static final String KEK = "it-cluster-evidence-kek-0123456789-abcdefghij";

    @TempDir
    Path dir;

    private static String clusterConfig(KafkaTestCluster kafka, String node) {
        return String.join("\n", "bootstrap.servers=" + kafka.bootstrapServers(), "node.id=" + node, "topic.prefix=alerts-it.",
                "replication.factor=1", "camera.partitions=6", "failover.session.timeout.ms=3000",
                "failover.heartbeat.interval.ms=500", "");
    }

    @Test
    void anAlertOfNodeAIsListedShownAndReviewedOnNodeB() throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.single(dir.resolve("kafka"));
             InstalledDistribution a = new InstalledDistribution(dir.resolve("a"));
             InstalledDistribution b = new InstalledDistribution(dir.resolve("b"))) {
            BufferedImage group = ImageIO.read(InstalledDistribution.samplePhoto("sample1.jpg").toFile());
            Path p03 = dir.resolve("p03.png");
            ImageIO.write(group.getSubimage(1460 - 112, 219 - 109, 225 + 224, 218 + 218), "png", p03.toFile());
            String password = "lobby-Pw-9";
            assertOk(a.vigil(password + "\n", "secret", "set", "camera.lobby"));
            for (InstalledDistribution node : new InstalledDistribution[] {a, b}) {
                assertOk(node.vigil(KEK + "\n", "secret", "set", "cluster.evidence-kek"));
            }
            Files.writeString(a.deploy("io.vigil.cluster.cfg"), clusterConfig(kafka, "node-a"));
            a.start();
            a.awaitStatus(r -> r.output().matches("(?s).*inference\\s+OK.*") && r.output().matches("(?s).*watchlist\\s+OK.*")
                    && r.output().matches("(?s).*alerts\\s+OK.*cluster node node-a.*"), WAIT);
            assertOk(a.vigil("", "watchlist", "create", "wanted", "--category", "suspect",
                    "--legal-basis", "PACE 1984 s.32", "--officer", "Insp. Wood"));
            assertOk(a.vigil("", "watchlist", "enrol", "wanted", "Jane Roe", p03.toString()));
            assertOk(a.vigil("", "deployment", "create", "lobby-watch", "--cameras", "lobby", "--watchlists", "wanted",
                    "--threshold", "0.51", "--location", "Lobby", "--purpose", "cluster test",
                    "--legal-basis", "PACE 1984 s.32", "--authorisation", "AUTH-2026-21", "--hours", "2"));
            assertOk(a.vigil("", "deployment", "start", "lobby-watch"));
            InstalledDistribution.drop(a.deploy("io.vigil.simulator.camera-lobby.cfg"), String.join("\n",
                    "name=lobby", "user=admin", "password.alias=camera.lobby", "codec=H264", "width=1280", "height=720",
                    "fps=10", "photos=" + InstalledDistribution.samplePhoto("sample3.jpg"), "").getBytes());
            Matcher device = DEVICE.matcher(a.awaitStatus(r -> DEVICE.matcher(r.output()).find(), WAIT).output());
            assertTrue(device.find());
            URI stream = new OnvifCamera(new DeviceClient(new SoapClient(SoapClientOptions.DEFAULTS), URI.create(device.group(1)),
                    ClientAuthentication.of(new Credentials("admin", password.toCharArray())), Clock.systemUTC()),
                    ProfilePolicy.DEFAULT).connect().streamUri();
            InstalledDistribution.drop(a.deploy("io.vigil.ingest.stream-lobby.cfg"), String.join("\n",
                    "camera.id=lobby", "uri=" + stream, "user=admin", "password.alias=camera.lobby", "").getBytes());
            InstalledDistribution.JsonRun onA = a.awaitJson(r -> !r.list("alerts").isEmpty(), WAIT, "alerts", "list", "--json");
            String alert = onA.list("alerts").get(0).get("id").asText();

            // node B joins after the alert was stored (so the camera stays with node A, the only node with its settings)
            Files.writeString(b.deploy("io.vigil.cluster.cfg"), clusterConfig(kafka, "node-b"));
            b.start();
            InstalledDistribution.JsonRun onB = b.awaitJson(r -> r.list("alerts").stream()
                    .anyMatch(x -> x.get("id").asText().equals(alert)), WAIT, "alerts", "list", "--json");
            com.fasterxml.jackson.databind.JsonNode seen = onB.list("alerts").stream()
                    .filter(x -> x.get("id").asText().equals(alert)).findFirst().orElseThrow();
            assertEquals("lobby", seen.get("camera").asText());
            assertEquals(onA.list("alerts").get(0).get("subject").asText(), seen.get("subject").asText());
            InstalledDistribution.Result shown = b.vigil("", "alerts", "show", alert);
            assertOk(shown);
            assertTrue(shown.output().contains("camera       lobby") && shown.output().contains("evidence     face crop"),
                    shown.output());

            // root confirms on node B; root again on node A is the same person: refused; daemon on node A completes it
            InstalledDistribution.Result first = b.vigil("", "alerts", "confirm", alert);
            assertOk(first);
            assertTrue(first.output().contains("CONFIRMED_ONCE"), first.output());
            InstalledDistribution.Result again = a.vigil("", "alerts", "confirm", alert);
            assertTrue(again.exit() != 0 && again.output().contains("root already confirmed"), again.output());
            assertOk(a.vigilAs("daemon", "", "alerts", "confirm", alert));
            InstalledDistribution.Result final_ = b.await(r -> r.output().contains("state        CONFIRMED\n"), WAIT,
                    "alerts", "show", alert);
            assertTrue(final_.output().contains("confirmed by root") && final_.output().contains("confirmed by daemon"),
                    final_.output());

            // the evidence of node A, exported on node B (sealed under node A's key, opened with the cluster's)
            Path pack = dir.resolve("evidence.zip");
            assertOk(b.vigil("", "alerts", "export", alert, "--to", pack.toString()));
            assertTrue(Files.size(pack) > 0);
        }
    }

    private static void assertOk(InstalledDistribution.Result r) {
        assertEquals(0, r.exit(), r.output());
    }
}
