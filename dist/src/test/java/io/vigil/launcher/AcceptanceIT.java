package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product's acceptance, in one run of the real container: a VMS (npm {@code onvif@0.8.3})
 * subscribed to Vigil's ONVIF device before anything happens; a simulated camera shows a photo of
 * three people, one of them enrolled from a different photo. Then, all at once: she is recognised
 * with her pseudonym as EnrollmentID on that camera's video source; nobody else is (exactly one
 * alert); the VMS has the event within 2 s of the frame's capture; the facial-data ledger counts
 * exactly the one enrolled individual; the audit trail verifies; and nothing of the two strangers'
 * faces is on disk once the container has stopped.
 */
@LatencyBound
class AcceptanceIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void theEnrolledPersonAloneIsRecognisedTheVmsHearsItInTimeTheRecordsAddUpAndStrangersLeaveNoTrace() throws Exception {
        Path nodeModules = NpmOnvifClient.modules();
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            vigil.env("VIGIL_JAVA_OPTS", "-Djava.io.tmpdir=" + tmp);
            BufferedImage group = ImageIO.read(InstalledDistribution.samplePhoto("sample1.jpg").toFile());
            Path p03 = dir.resolve("p03.png");
            ImageIO.write(group.getSubimage(1460 - 112, 219 - 109, 225 + 224, 218 + 218), "png", p03.toFile());
            String vmsPassword = "vms-Onvif-7";
            vigil.start();
            assertOk(vigil.vigil("lobby-Pw-9\n", "secret", "set", "camera.lobby"));
            assertOk(vigil.vigil(vmsPassword + "\n", "secret", "set", "onvif.vms"));
            vigil.awaitStatus(r -> r.output().matches("(?s).*watchlist\\s+OK.*"), WAIT);
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

            InstalledDistribution.drop(vigil.deploy("io.vigil.onvif.device.cfg"), String.join("\n",
                    "accounts=vms-onvif=onvif.vms", "rtsp.base=rtsp://127.0.0.1:" + vigil.rtspPort, "").getBytes(StandardCharsets.UTF_8));
            NpmOnvifClient.awaitDeviceService(vigil, URI.create("http://127.0.0.1:" + vigil.httpPort + "/onvif/device_service"), WAIT);

            // the VMS subscribes before the camera exists
            Process vms = NpmOnvifClient.node(nodeModules, "onvif-recognition.js", "127.0.0.1", Integer.toString(vigil.httpPort),
                    "vms-onvif", vmsPassword, "120");
            List<String> said = new ArrayList<>();
            CompletableFuture<Void> subscribed = new CompletableFuture<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(vms.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        synchronized (said) {
                            said.add(line);
                        }
                        if (line.startsWith("subscribed ")) {
                            subscribed.complete(null);
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
                subscribed.complete(null);
            }, "acceptance-vms-stdout");
            reader.start();
            subscribed.get(60, TimeUnit.SECONDS);
            assertTrue(vms.isAlive(), "the VMS gave up before subscribing: " + said + " " + NpmOnvifClient.stderr(vms));
            vigil.addLobbyCamera(InstalledDistribution.samplePhoto("sample3.jpg"));

            if (!vms.waitFor(150, TimeUnit.SECONDS)) {
                vms.destroyForcibly();
                fail("the VMS received nothing within 150 s: " + said + "\n" + vigil.status().output());
            }
            reader.join(5_000);
            String result;
            synchronized (said) {
                result = said.stream().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("");
            }
            assertEquals(0, vms.exitValue(), result + " " + NpmOnvifClient.stderr(vms) + "\n" + vigil.status().output());

            // recognised: the right person on the right camera
            assertEquals(pseudonym.group(1), NpmOnvifClient.field(result, "EnrollmentID"), result);
            assertEquals("VS_lobby", NpmOnvifClient.field(result, "VideoSource"), result);
            assertTrue(!result.contains("Jane Roe"), result);
            // in time: capture to receipt at the VMS
            Instant captured = Instant.parse(NpmOnvifClient.field(result, "utcTime"));
            long latency = Long.parseLong(NpmOnvifClient.number(result, "received")) - captured.toEpochMilli();
            System.out.printf("acceptance: %s recognised on VS_lobby, at the VMS %d ms after capture%n", pseudonym.group(1), latency);
            assertTrue(latency >= -50 && latency < 2000, "capture to receipt " + latency + " ms; "
                    + vigil.status().output().lines().filter(l -> l.contains("face-analysis") || l.contains("recognition") || l.contains("ingest/")).toList());

            // nobody else: the photo stands still, three faces in view the whole time, one alert
            Thread.sleep(5_000);
            InstalledDistribution.JsonRun alerts = vigil.json("alerts", "list", "--json");
            assertEquals(0, alerts.exit(), alerts.err());
            assertEquals(1, alerts.list("alerts").size(), "exactly one alert:\n" + alerts.doc().toPrettyString());
            assertEquals(pseudonym.group(1), alerts.list("alerts").get(0).get("subject").asText());
            assertEquals("lobby", alerts.list("alerts").get(0).get("camera").asText());

            // the ledger holds exactly the one enrolled individual; the audit trail verifies
            InstalledDistribution.JsonRun ledger = vigil.json("compliance", "status", "--json");
            assertEquals(0, ledger.exit(), ledger.err());
            assertEquals(1, ledger.doc().get("individuals").asLong(), ledger.doc().toPrettyString());
            InstalledDistribution.Result audit = vigil.vigil("", "audit", "verify");
            assertEquals(0, audit.exit(), audit.output());

            // nothing of the two strangers on disk
            List<float[]> strangers = StrangerTraces.strangers(vigil, InstalledDistribution.samplePhoto("sample3.jpg"));
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
