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
 * Vigil as the VMS sees it, in the real container: a VMS (npm {@code onvif@0.8.3}, a client
 * nobody here wrote) adds Vigil as an ONVIF device with a service account and subscribes by
 * PullPoint; a simulated camera then shows a photo with a person enrolled (from another photo) on a
 * watchlist of an active deployment. The VMS receives the recognition with the subject's
 * pseudonym as EnrollmentID and the video source of the profile that shows that camera, within
 * 2 s of the frame's capture time (the event's UtcTime); then it renews and unsubscribes.
 */
@LatencyBound
class OnvifDeviceIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private static Path sample(String name) {
        return InstalledDistribution.samplePhoto(name);
    }

    @Test
    void aVmsSubscribedByPullPointReceivesTheRecognitionWithinTwoSecondsOfTheFrame() throws Exception {
        Path nodeModules = NpmOnvifClient.modules();
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            BufferedImage group = ImageIO.read(sample("sample1.jpg").toFile());
            Path p03 = dir.resolve("p03.png");
            ImageIO.write(group.getSubimage(1460 - 112, 219 - 109, 225 + 224, 218 + 218), "png", p03.toFile());

            String cameraPassword = "lobby-Pw-9";
            String vmsPassword = "vms-Onvif-7";
            vigil.start();
            assertOk(vigil.vigil(cameraPassword + "\n", "secret", "set", "camera.lobby"));
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

            // the administrator turns the device on, as README says
            InstalledDistribution.drop(vigil.deploy("io.vigil.onvif.device.cfg"), String.join("\n",
                    "accounts=vms-onvif=onvif.vms", "rtsp.base=rtsp://127.0.0.1:" + vigil.rtspPort, "labels=wanted=suspect", "")
                    .getBytes(StandardCharsets.UTF_8));
            URI service = URI.create("http://127.0.0.1:" + vigil.httpPort + "/onvif/device_service");
            NpmOnvifClient.awaitDeviceService(vigil, service, WAIT);

            // the VMS adds the device and subscribes before anything happens
            Process vms = NpmOnvifClient.node(nodeModules, "onvif-recognition.js", "127.0.0.1", Integer.toString(vigil.httpPort), "vms-onvif",
                    vmsPassword, "120");
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
            }, "onvif-vms-stdout");
            reader.start();
            subscribed.get(60, TimeUnit.SECONDS);
            assertTrue(vms.isAlive(), "the VMS gave up before subscribing: " + said + " " + NpmOnvifClient.stderr(vms));

            // now the camera: the simulator, added to Vigil as an ONVIF camera (ingest follows)
            vigil.addLobbyCamera(sample("sample3.jpg"));

            if (!vms.waitFor(150, TimeUnit.SECONDS)) {
                vms.destroyForcibly();
                fail("the VMS received nothing within 150 s: " + said + "\n" + vigil.status().output());
            }
            reader.join(5_000);
            String result;
            synchronized (said) {
                result = said.stream().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElse("");
            }
            assertEquals(0, vms.exitValue(), result + " " + NpmOnvifClient.stderr(vms) + "\n" + vigil.status().output() + "\n" + vigil.logs());
            assertTrue(result.contains("\"ok\":true"), result);

            assertEquals("tns1:RuleEngine/Recognition/Face", NpmOnvifClient.field(result, "topic"), result);
            assertEquals(pseudonym.group(1), NpmOnvifClient.field(result, "EnrollmentID"), "EnrollmentID is the subject's pseudonym: " + result);
            assertTrue(!result.contains("Jane Roe"), result);
            assertEquals("VS_lobby", NpmOnvifClient.field(result, "VideoSource"), result);
            assertEquals("VS_lobby", NpmOnvifClient.field(result, "VideoSourceConfigurationToken"), result);
            assertEquals("Blacklisted", NpmOnvifClient.field(result, "Label"), "a suspects' watchlist: " + result);
            assertTrue(result.contains("\"P_lobby\":\"VS_lobby\""), "the profile that shows the camera: " + result);
            assertTrue(result.contains("\"sourceTokens\":[\"VS_lobby\"]"), result);
            assertTrue(result.matches(".*\"renewedUntil\":\"[0-9T:.Z-]+\".*"), "renewed: " + result);

            Instant captured = Instant.parse(NpmOnvifClient.field(result, "utcTime"));
            long received = Long.parseLong(NpmOnvifClient.number(result, "received"));
            long latency = received - captured.toEpochMilli();
            System.out.printf("onvif@0.8.3 in the container: recognition of %s on VS_lobby captured %s, received %d ms after"
                    + " capture (%s pulls, %s other messages skipped)%n", pseudonym.group(1), captured, latency,
                    NpmOnvifClient.number(result, "pulls"), NpmOnvifClient.number(result, "others"));
            assertTrue(latency >= -50, "received before it was captured? " + latency + " ms");
            assertTrue(latency < 2000, "capture to receipt " + latency + " ms");

            // the profile's stream plays: Vigil's restream of the camera, under the VMS's login only
            String streamUri = NpmOnvifClient.field(result, "streamUri");
            assertEquals("rtsp://127.0.0.1:" + vigil.rtspPort + "/vigil/lobby", streamUri, result);
            vigil.awaitStatus(r -> r.output().contains("restreams: 1 restream(s) and 1 metadata stream(s) mounted"), WAIT);
            assertTrue(!vigil.status().output().contains(cameraPassword), "the camera's password is nowhere in status");
            // vigil cameras says the restream is served (or, for one that cannot play, why not)
            InstalledDistribution.JsonRun listed = vigil.json("cameras", "--json");
            assertEquals("restream " + streamUri + " (serving)", listed.list("cameras").stream()
                    .filter(c -> c.get("id").asText().equals("lobby")).findFirst().orElseThrow().get("restream").asText(),
                    listed.doc().toPrettyString());
            long playStart = System.nanoTime();
            String played = gstPlay(streamUri, "vms-onvif", vmsPassword);
            long playMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - playStart);
            assertTrue(played.startsWith("played"), "the profile's stream with Vigil's login: " + played);
            System.out.printf("profile stream %s: 30 H.264 frames with the VMS login in %d ms%n", streamUri, playMillis);
            String anonymous = gstPlay(streamUri, null, null);
            assertTrue(!anonymous.startsWith("played") && anonymous.contains("Unauthorized"), "without a login: " + anonymous);
            String camerasLogin = gstPlay(streamUri, "admin", cameraPassword);
            assertTrue(!camerasLogin.startsWith("played") && camerasLogin.contains("Unauthorized"), "with the camera's login: " + camerasLogin);

            // the alert the VMS saw is the one in the store
            InstalledDistribution.JsonRun list = vigil.json("alerts", "list", "--json");
            assertTrue(list.list("alerts").stream().anyMatch(a -> a.get("subject").asText().equals(pseudonym.group(1))
                    && a.get("camera").asText().equals("lobby")), list.doc().toPrettyString());
        }
    }

    @Test
    void benchEventsMeasuresPublishToReceiptAndSustainedRateAtTheNpmClient() throws Exception {
        NpmOnvifClient.modules();
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            vigil.start();
            vigil.awaitStatus(r -> r.output().contains("io.vigil.bench.internal.events.BenchEventsCommand"), WAIT);
            InstalledDistribution.Result bench = vigil.vigil("", "bench", "events", "--quick");
            System.out.println(bench.output());
            assertEquals(0, bench.exit(), bench.output());
            Matcher latency = Pattern.compile("p50 (\\d+) ms, p95 (\\d+) ms, max (\\d+) ms \\((\\d+) recognitions\\)").matcher(bench.output());
            assertTrue(latency.find(), bench.output());
            assertEquals("50", latency.group(4), "every latency sample arrived");
            assertTrue(Long.parseLong(latency.group(2)) < 2000, "p95 " + latency.group(2) + " ms");
            Matcher sustained = Pattern.compile("sustained: (\\d+) recognitions/s received").matcher(bench.output());
            assertTrue(sustained.find(), bench.output());
            assertTrue(Long.parseLong(sustained.group(1)) > 0, bench.output());
        }
    }

    /**
     * Plays 30 frames of {@code uri} with gst-launch-1.0 (rtspsrc over TCP, parsed, not decoded):
     * "played" when all arrived (EOS; a teardown error after it is rtspsrc sending PAUSE on a
     * connection already closed, not a failure to play), else "exit N", and what it said.
     */
    private static String gstPlay(String uri, String user, String password) throws Exception {
        List<String> command = new ArrayList<>(List.of("gst-launch-1.0", "rtspsrc", "location=" + uri, "protocols=tcp",
                "latency=200"));
        if (user != null) {
            command.addAll(List.of("user-id=" + user, "user-pw=" + password));
        }
        command.addAll(List.of("!", "rtph264depay", "!", "h264parse", "!", "fakesink", "num-buffers=30"));
        Process gst = new ProcessBuilder(command).redirectErrorStream(true).start();
        gst.getOutputStream().close();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
            try {
                return new String(gst.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
        if (!gst.waitFor(40, TimeUnit.SECONDS)) {
            gst.destroyForcibly();
            return "timeout: " + out.getNow("");
        }
        String said = out.get(5, TimeUnit.SECONDS);
        return (said.contains("Got EOS from element \"pipeline0\"") ? "played" : "exit " + gst.exitValue()) + " " + said;
    }

    private static void assertOk(InstalledDistribution.Result r) {
        assertEquals(0, r.exit(), r.output());
    }
}
