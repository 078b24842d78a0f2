package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.support.json.Json;
import java.awt.image.BufferedImage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data folder across starts, kills and concurrent commands: one container owns it, a command
 * given while it starts waits for its service, state whose file is gone goes, and a one-shot
 * command always answers without opening ports or printing the framework's warnings.
 */
class DataFolderIT {

    @TempDir
    Path dir;

    /**
     * A camera (and its simulated camera) whose files were deleted while the container was killed
     * lived on in Config Admin's store and was analysed again at the next start.
     */
    @Test
    void aCameraWhoseFileWasDeletedWhileTheContainerWasKilledIsGoneAtTheNextStart() throws Exception {
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            assertEquals(0, vigil.vigil("lobby-secret\n", "secret", "set", "camera.lobby").exit());
            vigil.addLobbyCamera(InstalledDistribution.samplePhoto("sample3.jpg"));
            vigil.start();
            vigil.awaitJson(r -> r.list("cameras").stream().anyMatch(c -> c.get("id").asText().equals("lobby")
                    && c.get("state").asText().equals("STREAMING")), Duration.ofSeconds(90), "cameras", "--json");
            vigil.kill();
            Files.delete(vigil.deploy("io.vigil.onvif.camera-lobby.cfg"));
            Files.delete(vigil.deploy("io.vigil.simulator.camera-lobby.cfg"));

            vigil.start();
            InstalledDistribution.JsonRun cameras = vigil.json("cameras", "--json");
            assertEquals(0, cameras.exit(), cameras.err());
            assertEquals(List.of(), cameras.list("cameras"), "the camera whose file was deleted is back:\n" + cameras.doc());
            InstalledDistribution.JsonRun status = vigil.statusJson();
            String shown = status.doc().toPrettyString();
            assertTrue(InstalledDistribution.stream(status, "lobby").isEmpty(), "its stream is still pulled:\n" + shown);
            assertTrue(status.list("modules").stream().map(m -> m.get("module").asText())
                    .noneMatch(m -> m.equals("ingest/lobby") || m.equals("simulator/lobby")), "its stream or its simulated camera runs:\n" + shown);
            // the deletions are on the record: in the audit trail once the compliance bundle runs
            InstalledDistribution.Result audit = vigil.await(r -> r.output().contains("io.vigil.onvif.camera~lobby")
                    || r.output().contains("camera-lobby.cfg"), Duration.ofSeconds(30), "audit", "list", "--action",
                    "configuration.changed");
            assertTrue(audit.output().contains("was deleted while Vigil was stopped"), audit.output());
            assertTrue(vigil.logs().contains("its file was deleted while Vigil was stopped"), "and in the log");
        }
    }

    /**
     * A data folder from a version whose camera registry handed each camera's stream to ingest as a
     * stream configuration in Config Admin's store: the registry now offers its streams itself, so
     * that configuration is deleted at start (logged) and the camera runs once.
     */
    @Test
    void aStreamConfigurationTheRegistryMadeInAnEarlierVersionIsDeletedAndTheCameraRunsOnce() throws Exception {
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            assertEquals(0, vigil.vigil("lobby-secret\n", "secret", "set", "camera.lobby").exit());
            vigil.addLobbyCamera(InstalledDistribution.samplePhoto("sample3.jpg"));
            vigil.start();
            InstalledDistribution.JsonRun streaming = vigil.awaitJson(r -> r.list("cameras").stream()
                    .anyMatch(c -> c.get("state").asText().equals("STREAMING")), Duration.ofSeconds(90), "cameras", "--json");
            String stream = streaming.list("cameras").get(0).get("stream").asText();
            assertTrue(stream.startsWith("rtsp://"), streaming.doc().toPrettyString());
            vigil.stop();

            // what the registry wrote before: a named factory configuration of ingest, next to the camera's own
            Path camera;
            try (var files = Files.walk(vigil.data)) {
                camera = files.filter(f -> f.toString().endsWith(".config")).filter(f -> {
                    try {
                        return Files.readString(f).contains("service.factoryPid=\"io.vigil.onvif.camera\"");
                    } catch (java.io.IOException e) {
                        return false;
                    }
                }).findFirst().orElseThrow(() -> new AssertionError("no stored camera configuration in " + vigil.data));
            }
            Path old = camera.getParent().getParent().resolve("ingest")
                    .resolve(camera.getFileName().toString().replace("camera", "stream"));
            Files.createDirectories(old.getParent());
            Files.writeString(old, String.join("\n", "allow.basic=B\"false\"", "camera.id=\"lobby\"",
                    "password.alias=\"camera.lobby\"", "service.factoryPid=\"io.vigil.ingest.stream\"",
                    "service.pid=\"io.vigil.ingest.stream~lobby\"", "uri=\"" + stream + "\"", "user=\"admin\"", ""));

            try {
                vigil.start();
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\nlog:\n" + vigil.logs(), e);
            }
            InstalledDistribution.JsonRun status = vigil.awaitJson(r -> InstalledDistribution.stream(r, "lobby").isPresent(),
                    Duration.ofSeconds(90), "status", "--json");
            assertEquals(1, status.list("modules").stream()
                    .filter(m -> m.get("module").asText().equals("ingest/lobby")).count(), status.doc().toPrettyString());
            assertEquals(1, status.list("streams").stream().filter(x -> x.get("camera").asText().equals("lobby")).count(),
                    "the camera runs once:\n" + status.doc().toPrettyString());
            vigil.awaitJson(r -> r.list("cameras").stream().anyMatch(c -> c.get("state").asText().equals("STREAMING")),
                    Duration.ofSeconds(90), "cameras", "--json");
            assertTrue(vigil.logs().contains("the stream configuration the camera registry made for camera lobby"),
                    "the old configuration was deleted, and logged");
            assertFalse(Files.exists(old), old + " is still stored");
        }
    }

    /**
     * Commands given in the first seconds after {@code vigil run}: they were called unknown, or
     * served by a one-shot container on the same data folder whose list key the running container
     * then did not have. Now they wait for their service in the one container, a second container
     * refuses naming the owner, and after a restart the list and its key are intact.
     */
    @Test
    void commandsGivenWhileTheContainerStartsWaitForItAndOneContainerOwnsTheDataFolder() throws Exception {
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            Path face = crop("sample1.jpg", 1460, 219, 225, 218, "p03.png");
            Path other = crop("sample1.jpg", 402, 353, 196, 248, "p01.png");
            vigil.startNoWait();
            // the moment the container has taken the data folder, long before its bundles are up
            Path lock = vigil.data.resolve("run/vigil.lock");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!(Files.exists(lock) && Files.readString(lock).strip().equals(vigil.pid() + " service"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            InstalledDistribution.Result created = vigil.vigil("", "watchlist", "create", "early", "--category", "suspect",
                    "--legal-basis", "test", "--officer", "test");
            assertEquals(0, created.exit(), created.output());
            InstalledDistribution.Result enrolled = vigil.vigil("", "watchlist", "enrol", "early", "Jane Roe", face.toString());
            assertEquals(0, enrolled.exit(), enrolled.output());
            Matcher pseudonym = Pattern.compile("as (S-[A-Z0-9XY]+)").matcher(enrolled.output());
            assertTrue(pseudonym.find(), enrolled.output());
            assertTrue(vigil.running(), "the container that was starting still runs");
            // every container resolves the platform bundles as it starts: the service once since this
            // fresh start, and a one-shot container (whose framework cache is its own) again
            String logs = vigil.logs();
            assertEquals(1, logs.split(Pattern.quote("[io.vigil.admin] BundleEvent RESOLVED"), -1).length - 1,
                    "a one-shot container ran on the data folder of a starting one:\n" + logs);

            InstalledDistribution.Result second = vigil.vigil("", "run");
            assertTrue(second.exit() != 0, second.output());
            assertTrue(second.output().contains("already running") && second.output().contains("pid " + vigil.pid()),
                    "a second container refuses, naming the owner:\n" + second.output());

            vigil.stop();
            vigil.start();
            InstalledDistribution.Result listed = vigil.vigil("", "watchlist", "list", "early");
            assertEquals(0, listed.exit(), listed.output());
            assertTrue(listed.output().contains(pseudonym.group(1)), listed.output());
            // the list's data key survived: another enrolment seals with it
            InstalledDistribution.Result again = vigil.vigil("", "watchlist", "enrol", "early", "Joan Doe", other.toString());
            assertEquals(0, again.exit(), again.output());
        }
    }

    /**
     * One-shot {@code faces --json} (nothing running: each command starts a container of its own)
     * answered for fewer photos than against a running container; with another process on the
     * RTSP port it printed a GStreamer stack trace, and on stop the framework's warnings.
     */
    @Test
    void oneShotCommandsAlwaysAnswerOpenNoPortAndPrintNoFrameworkNoise() throws Exception {
        try (InstalledDistribution vigil = new InstalledDistribution(dir);
             ServerSocket rtsp = new ServerSocket(vigil.rtspPort, 50, InetAddress.getLoopbackAddress())) {
            // a simulated camera and a camera configured: a one-shot data command must start neither
            assertEquals(0, vigil.vigil("lobby-secret\n", "secret", "set", "camera.lobby").exit());
            vigil.addLobbyCamera(InstalledDistribution.samplePhoto("sample3.jpg"));
            List<Path> photos = new ArrayList<>();
            for (String name : List.of("sample1.jpg", "sample2.jpg", "sample4.jpg")) {
                photos.add(InstalledDistribution.samplePhoto(name));
            }
            Path blank = dir.resolve("wall.png");
            ImageIO.write(new BufferedImage(320, 240, BufferedImage.TYPE_INT_RGB), "png", blank.toFile());
            photos.add(blank);
            for (Path photo : photos) {
                InstalledDistribution.Result faces = vigil.vigil("", "faces", "--json", photo.toString());
                assertEquals(0, faces.exit(), photo + ":\n" + faces.output());
                // standard output and error together: the answer, one JSON document, and nothing else
                assertTrue(readsAsJson(faces.output()).isArray(), "no JSON for " + photo + ":\n" + faces.output());
            }
            // two at once: the second waits for the first one's lock (it has no admin channel in the
            // data folder to wait for) and then runs its own
            Process first = vigil.begin("faces", "--json", photos.get(0).toString());
            InstalledDistribution.Result second = vigil.vigil("", "faces", "--json", photos.get(1).toString());
            String firstSaid = new String(first.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(first.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(0, first.exitValue(), firstSaid);
            assertTrue(readsAsJson(firstSaid).isArray(), firstSaid);
            assertEquals(0, second.exit(), second.output());
            assertTrue(readsAsJson(second.output()).isArray(), second.output());
            String logs = vigil.logs();
            assertFalse(logs.contains("RTSP server listening"), "a one-shot data command started the RTSP server");
            assertFalse(logs.contains("Camera lobby: "), "a one-shot data command reached a camera");
            // a one-shot command that does read the media configuration, with the RTSP port taken
            // by another process: it answers, and the failure is in the log, not on the terminal
            InstalledDistribution.Result status = vigil.vigil("", "status", "--json");
            assertEquals("one-shot", readsAsJson(status.output()).get("vigil").get("mode").asText(),
                    "one JSON document and nothing else (no stack trace, no warning) on the terminal:\n" + status.output());
        }
    }

    /** The whole text as one JSON value; text around it (a warning, a stack trace) fails. */
    private static JsonNode readsAsJson(String text) {
        try {
            return Json.read(text);
        } catch (IllegalArgumentException e) {
            throw new AssertionError("not one JSON document: " + e.getMessage() + "\n" + text, e);
        }
    }

    private Path crop(String photo, int x, int y, int w, int h, String name) throws Exception {
        BufferedImage full = ImageIO.read(InstalledDistribution.samplePhoto(photo).toFile());
        int x0 = Math.max(0, x - w / 2);
        int y0 = Math.max(0, y - h / 2);
        int x1 = Math.min(full.getWidth(), x + w + w / 2);
        int y1 = Math.min(full.getHeight(), y + h + h / 2);
        Path out = dir.resolve(name);
        ImageIO.write(full.getSubimage(x0, y0, x1 - x0, y1 - y0), "png", out.toFile());
        return out;
    }
}
