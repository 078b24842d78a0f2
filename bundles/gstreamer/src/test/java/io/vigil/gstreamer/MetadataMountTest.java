package io.vigil.gstreamer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.media.MediaException;
import io.vigil.api.media.MetadataKeepAlive;
import io.vigil.api.media.MetadataMount;
import io.vigil.api.media.RtspCredentials;
import io.vigil.gstreamer.internal.GStreamerInit;
import io.vigil.gstreamer.internal.RtspServerOptions;
import io.vigil.gstreamer.testing.GstRtspServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.freedesktop.gstreamer.Buffer;
import org.freedesktop.gstreamer.FlowReturn;
import org.freedesktop.gstreamer.Gst;
import org.freedesktop.gstreamer.Pipeline;
import org.freedesktop.gstreamer.Sample;
import org.freedesktop.gstreamer.State;
import org.freedesktop.gstreamer.elements.AppSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

/**
 * ONVIF metadata mounts on a real gst-rtsp-server on loopback, played by FFmpeg (as a VMS's
 * demuxer would) and by rtspsrc, over TCP.
 */
class MetadataMountTest {

    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration PLAYING = Duration.ofSeconds(20);
    /**
     * The session timeout of the servers whose tests watch it at work: the production one (20 s)
     * shortened, so that a session's expiry and a play past it take about 13 s rather than 28 s
     * each; the same gst-rtsp-server timeout and cleanup run either way. gst-rtsp-server lets a
     * session live 5 s past its timeout (its extra-timeout), so the 3 timeouts the killed client's
     * session is given to go stay well above its real expiry.
     */
    private static final int SESSION_TIMEOUT_SECONDS = 5;
    private static final RtspServerOptions SHORT_SESSIONS = RtspServerOptions.DEFAULTS.withSessionTimeout(SESSION_TIMEOUT_SECONDS);
    private static final String USER = "vms";
    private static final String PASSWORD = "meta-Pw-1";
    private static final String ONVIF = "http://www.onvif.org/ver10/schema";
    private static final MetadataKeepAlive EMPTY_FRAME = now -> document(now, -1);

    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void ffmpegReadsEveryDocumentInOrderAsADataStream(boolean withCredentials) throws Exception {
        Optional<RtspCredentials> credentials = withCredentials
                ? Optional.of(new RtspCredentials(USER, PASSWORD.toCharArray())) : Optional.empty();
        try (GstRtspServer server = new GstRtspServer(LOOPBACK, 0);
                MetadataMount mount = server.mountMetadata("/meta", credentials, EMPTY_FRAME);
                Sender sender = Sender.start(mount)) {
            assertEquals(URI.create("rtsp://127.0.0.1:" + server.port() + "/meta"), mount.uri());
            String url = withCredentials ? login(mount.uri()) : mount.uri().toString();

            Run probe = run(List.of("ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-show_streams", "-of", "json",
                    url));
            assertEquals(0, probe.exit(), probe::describe);
            String json = probe.stdout();
            assertTrue(json.matches("(?s).*\"index\": 0,.*") && !json.contains("\"index\": 1,"), json);
            assertTrue(json.contains("\"codec_type\": \"data\""), json);
            assertTrue(json.contains("\"time_base\": \"1/90000\""), json); // the 90 kHz RTP clock
            if (withCredentials) {
                Run refused = run(List.of("ffprobe", "-v", "error", "-rtsp_transport", "tcp", "-show_streams",
                        mount.uri().toString()));
                assertNotEquals(0, refused.exit(), refused::describe);
                assertTrue(refused.stderr().contains("401"), refused::describe);
            }

            Path dump = folder.resolve("metadata-" + withCredentials + ".bin");
            Run copy = run(ffmpegDump(url, dump, 3));
            assertEquals(0, copy.exit(), copy::describe);
            List<Element> frames = frames(Files.readAllBytes(dump));
            List<Integer> counters = counters(frames);
            assertTrue(counters.size() >= 5, "documents in 3 s: " + counters);
            for (int i = 1; i < counters.size(); i++) {
                assertTrue(counters.get(i) > counters.get(i - 1), "out of order: " + counters);
            }
            assertTrue(mount.sent() >= counters.size(), mount.sent() + " sent, " + counters.size() + " received");
            assertEquals(0, mount.dropped());
        }
    }

    @Test
    void rtspsrcReceivesTheStreamAsOnvifMetadata() throws Exception {
        GStreamerInit.ensureInitialised();
        try (GstRtspServer server = new GstRtspServer(LOOPBACK, 0);
                MetadataMount mount = server.mountMetadata("/meta", Optional.empty(), EMPTY_FRAME);
                Sender sender = Sender.start(mount)) {
            Pipeline client = (Pipeline) Gst.parseLaunch("rtspsrc name=src protocols=tcp latency=200"
                    + " ! application/x-rtp,media=application,encoding-name=VND.ONVIF.METADATA ! appsink name=sink");
            Set<String> caps = ConcurrentHashMap.newKeySet();
            AtomicInteger packets = new AtomicInteger();
            AtomicInteger markers = new AtomicInteger();
            try {
                client.getElementByName("src").set("location", mount.uri().toString());
                AppSink sink = (AppSink) client.getElementByName("sink");
                sink.set("emit-signals", true);
                sink.set("sync", false);
                sink.connect((AppSink.NEW_SAMPLE) appSink -> {
                    Sample sample = appSink.pullSample();
                    try {
                        var structure = sample.getCaps().getStructure(0);
                        caps.add(structure.getName() + " " + structure.getString("media") + " "
                                + structure.getString("encoding-name") + " " + structure.getInteger("clock-rate")
                                + " " + structure.getInteger("payload"));
                        Buffer buffer = sample.getBuffer();
                        try {
                            byte[] header = new byte[2];
                            buffer.map(false).get(header);
                            buffer.unmap();
                            if ((header[1] & 0x80) != 0) {
                                markers.incrementAndGet();
                            }
                        } finally {
                            buffer.dispose();
                        }
                        packets.incrementAndGet();
                    } finally {
                        sample.dispose();
                    }
                    return FlowReturn.OK;
                });
                client.play();
                assertTrue(await(() -> packets.get() >= 10, PLAYING), packets + " packets");
                assertEquals(Set.of("application/x-rtp application VND.ONVIF.METADATA 90000 107"), caps);
                assertEquals(packets.get(), markers.get(), "each document fits one packet, with the marker");
            } finally {
                client.setState(State.NULL);
                client.dispose();
            }
        }
    }

    @Test
    void aClientGetsTheKeepAliveAtOnceAndEverySecondWhenNothingIsSent() throws Exception {
        AtomicInteger keepAlives = new AtomicInteger();
        MetadataKeepAlive counted = now -> {
            keepAlives.incrementAndGet();
            return document(now, -1);
        };
        try (GstRtspServer server = new GstRtspServer(LOOPBACK, 0);
                MetadataMount mount = server.mountMetadata("/meta", Optional.empty(), counted)) {
            Thread.sleep(1500); // nobody plays it yet: nothing to keep alive
            assertEquals(0, keepAlives.get(), "keep-alives with nobody playing");
            Path dump = folder.resolve("keep-alive.bin");
            Run copy = run(ffmpegDump(mount.uri().toString(), dump, 3));
            assertEquals(0, copy.exit(), copy::describe);
            List<Element> frames = frames(Files.readAllBytes(dump));
            // the first at once, then one a second: 3 s of stream time ends after the fourth
            assertTrue(frames.size() >= 3 && frames.size() <= 5, frames.size() + " keep-alives");
            List<Instant> times = frames.stream().map(frame -> Instant.parse(frame.getAttribute("UtcTime"))).toList();
            for (int i = 1; i < times.size(); i++) {
                long gap = Duration.between(times.get(i - 1), times.get(i)).toMillis();
                assertTrue(gap >= 900 && gap < 2500, "keep-alives " + gap + " ms apart: " + times);
            }
            assertTrue(frames.stream().allMatch(frame -> frame.getAttribute("n").isEmpty()), "only keep-alives");
            assertEquals(0, mount.sent());
        }
    }

    @Test
    void aClientKilledWhilePlayingLeavesTheMountServingAndSendingNeverBlocks() throws Exception {
        try (GstRtspServer server = new GstRtspServer(LOOPBACK, 0, SHORT_SESSIONS);
                MetadataMount mount = server.mountMetadata("/meta", Optional.empty(), EMPTY_FRAME)) {
            try (Sender sender = Sender.start(mount)) {
                Path killedDump = folder.resolve("killed.bin");
                Process killed = new ProcessBuilder(ffmpegDump(mount.uri().toString(), killedDump, 60))
                        .redirectErrorStream(true).redirectOutput(folder.resolve("killed.log").toFile()).start();
                try {
                    assertTrue(await(() -> size(killedDump) > 2000, PLAYING), "the killed client got nothing");
                    assertEquals(1, server.sessions(), "the playing client's session");
                } finally {
                    killed.destroyForcibly();
                    assertTrue(killed.waitFor(10, TimeUnit.SECONDS));
                }
                // its connection closed without TEARDOWN: the server lets its session go after the session timeout
                long killedAt = System.nanoTime();
                assertTrue(await(() -> server.sessions() == 0, Duration.ofSeconds(3L * SESSION_TIMEOUT_SECONDS)),
                        "sessions left behind: " + server.sessions());
                System.out.printf("killed client's session gone after %d ms%n",
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
                long sentBefore = mount.sent();
                Path dump = folder.resolve("after.bin");
                Run copy = run(ffmpegDump(mount.uri().toString(), dump, 2));
                assertEquals(0, copy.exit(), copy::describe);
                assertTrue(counters(frames(Files.readAllBytes(dump))).size() >= 3, "documents after the kill");
                assertTrue(mount.sent() > sentBefore, "sending stopped after the kill");
                assertEquals(0, mount.dropped(), "dropped at 10 documents a second");
            }
            // far more than the queue holds, as fast as a caller can: each returns at once, the excess counted
            byte[] document = document(Instant.now(), 0);
            int sends = 10_000;
            int refused = 0;
            long start = System.nanoTime();
            for (int i = 0; i < sends; i++) {
                if (!mount.send(Instant.now(), document)) {
                    refused++;
                }
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis < 5000, sends + " sends took " + millis + " ms");
            assertTrue(refused > 0, "nothing dropped of " + sends);
            assertEquals(refused, mount.dropped());
        }
    }

    /** The short session timeout must not cut off a TCP client that plays longer and never sends a keep-alive request. */
    @Test
    void aTcpClientPlaysOnPastTheSessionTimeout() throws Exception {
        try (GstRtspServer server = new GstRtspServer(LOOPBACK, 0, SHORT_SESSIONS);
                MetadataMount mount = server.mountMetadata("/meta", Optional.empty(), EMPTY_FRAME);
                Sender sender = Sender.start(mount)) {
            Path dump = folder.resolve("long.bin");
            int seconds = SESSION_TIMEOUT_SECONDS + 8;
            Run copy = run(ffmpegDump(mount.uri().toString(), dump, seconds));
            assertEquals(0, copy.exit(), copy::describe);
            List<Integer> counters = counters(frames(Files.readAllBytes(dump)));
            // the sender sends one every 100 ms: the client still received near the end
            assertTrue(counters.get(counters.size() - 1) - counters.get(0) >= 10 * (SESSION_TIMEOUT_SECONDS + 4),
                    "played " + counters.get(0) + ".." + counters.get(counters.size() - 1));
        }
    }

    @Test
    void closingTheMountDisconnectsItsClientsAndFreesThePath() throws Exception {
        try (GstRtspServer server = new GstRtspServer(LOOPBACK, 0)) {
            MetadataMount mount = server.mountMetadata("/meta", Optional.empty(), EMPTY_FRAME);
            MediaException taken = assertThrows(MediaException.class,
                    () -> server.mountMetadata("/meta", Optional.empty(), EMPTY_FRAME));
            assertTrue(taken.getMessage().contains("already mounted"), taken::getMessage);
            assertThrows(MediaException.class, () -> server.mountMetadata("/meta/", Optional.empty(), EMPTY_FRAME));

            Path dump = folder.resolve("closed.bin");
            Process client = new ProcessBuilder(ffmpegDump(mount.uri().toString(), dump, 60))
                    .redirectErrorStream(true).redirectOutput(folder.resolve("closed.log").toFile()).start();
            try (Sender sender = Sender.start(mount)) {
                assertTrue(await(() -> size(dump) > 1000, PLAYING), "the client got nothing");
                mount.close();
                mount.close(); // harmless
                assertTrue(client.waitFor(20, TimeUnit.SECONDS), "the client still plays a closed mount");
                assertTrue(mount.send(Instant.now(), document(Instant.now(), 0))); // discarded: nobody plays it
            } finally {
                client.destroyForcibly();
            }

            try (MetadataMount again = server.mountMetadata("/meta", Optional.empty(), EMPTY_FRAME)) {
                Run copy = run(ffmpegDump(again.uri().toString(), folder.resolve("again.bin"), 1));
                assertEquals(0, copy.exit(), copy::describe);
                assertFalse(frames(Files.readAllBytes(folder.resolve("again.bin"))).isEmpty());
            }
        }
    }

    // --- FFmpeg, documents, waiting ---

    /** Copies {@code seconds} of the stream's payloads, as they are, to {@code file}, written as they come. */
    private static List<String> ffmpegDump(String url, Path file, int seconds) {
        return List.of("ffmpeg", "-nostdin", "-y", "-v", "error", "-rtsp_transport", "tcp", "-i", url, "-map", "0:0",
                "-c", "copy", "-f", "data", "-flush_packets", "1", "-t", Integer.toString(seconds), file.toString());
    }

    private static String login(URI uri) {
        return "rtsp://" + USER + ":" + PASSWORD + "@" + uri.getHost() + ":" + uri.getPort() + uri.getPath();
    }

    private record Run(int exit, String stdout, String stderr) {
        String describe() {
            return "exit " + exit + ", stdout " + stdout + ", stderr " + stderr;
        }
    }

    private Run run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile(folder, "out", ".txt");
        Path err = Files.createTempFile(folder, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
            return new Run(-1, Files.readString(out), Files.readString(err) + " (timed out)");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    static byte[] document(Instant time, int counter) {
        String number = counter < 0 ? "" : " n=\"" + counter + "\"";
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><tt:MetadataStream xmlns:tt=\"" + ONVIF + "\">"
                + "<tt:VideoAnalytics><tt:Frame UtcTime=\"" + time + "\"" + number + "/></tt:VideoAnalytics>"
                + "</tt:MetadataStream>").getBytes(StandardCharsets.UTF_8);
    }

    /** The tt:Frame of each document in {@code payloads}, which must all be well-formed. */
    private static List<Element> frames(byte[] payloads) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        DocumentBuilder builder = factory.newDocumentBuilder();
        String text = new String(payloads, StandardCharsets.UTF_8);
        List<Element> frames = new ArrayList<>();
        for (String document : text.split("(?=<\\?xml )")) {
            if (document.isEmpty()) {
                continue;
            }
            org.w3c.dom.Document parsed = builder.parse(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8)));
            assertEquals("MetadataStream", parsed.getDocumentElement().getLocalName());
            assertEquals(ONVIF, parsed.getDocumentElement().getNamespaceURI());
            var found = parsed.getElementsByTagNameNS(ONVIF, "Frame");
            assertEquals(1, found.getLength(), document);
            frames.add((Element) found.item(0));
        }
        return frames;
    }

    /** The counters of the documents the sender sent, leaving out keep-alives. */
    private static List<Integer> counters(List<Element> frames) {
        return frames.stream().map(frame -> frame.getAttribute("n")).filter(n -> !n.isEmpty())
                .map(Integer::valueOf).toList();
    }

    private static boolean await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Sends a numbered document every 100 ms, as a 10 fps analysis would. */
    private static final class Sender implements AutoCloseable {

        private final Thread thread;
        private final AtomicLong refused = new AtomicLong();
        private volatile boolean stopped;

        private Sender(MetadataMount mount) {
            thread = new Thread(() -> {
                int counter = 0;
                while (!stopped) {
                    Instant now = Instant.now();
                    if (!mount.send(now, document(now, counter++))) {
                        refused.incrementAndGet();
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "metadata-test-sender");
            thread.setDaemon(true);
        }

        static Sender start(MetadataMount mount) {
            Sender sender = new Sender(mount);
            sender.thread.start();
            return sender;
        }

        @Override
        public void close() throws InterruptedException {
            stopped = true;
            thread.interrupt();
            thread.join(5000);
            assertEquals(0, refused.get(), "documents dropped at 10 a second");
        }
    }
}
