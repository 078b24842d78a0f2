package io.vigil.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.testing.GStreamerForTests;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.freedesktop.gstreamer.ElementFactory;
import org.freedesktop.gstreamer.PluginFeature;
import org.freedesktop.gstreamer.Registry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Real rtspsrc (GStreamer 1.22) against an RTSP server on 127.0.0.1 that wants a login: offered
 * only Basic over plain rtsp://, Vigil sends no password at all; offered Digest, it answers with
 * Digest; Basic goes out only where the camera's configuration allows it.
 */
@Timeout(60)
class RtspBasicRefusedTest {

    private static final String PASSWORD = "rtsp-Secret-77";
    private static DecoderSelector decoders;

    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private final List<CameraStream> streams = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> servers = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void gstreamer() {
        GStreamerForTests.init();
        decoders = new DecoderSelector(name -> {
            PluginFeature feature = Registry.get().lookupFeature(name);
            return feature instanceof ElementFactory ? OptionalInt.of(feature.getRank()) : OptionalInt.empty();
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        streams.forEach(CameraStream::close);
        for (AutoCloseable server : servers) {
            server.close();
        }
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }

    private ChallengingRtspServer server(String... challenges) throws Exception {
        ChallengingRtspServer server = new ChallengingRtspServer(List.of(challenges));
        servers.add(server);
        return server;
    }

    private CameraStream open(URI uri, boolean allowBasic, List<CameraStream.StreamState> states) {
        StreamSettings d = StreamSettings.defaults("cam", uri);
        StreamSettings settings = new StreamSettings("cam", uri, Optional.empty(), Optional.empty(), d.transport(), d.latency(),
                5, false, 0, 0, "auto", Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(4), allowBasic)
                .withCredentials("admin", PASSWORD.toCharArray());
        CameraStream stream = new CameraStream(settings, decoders, frame -> { }, states::add, scheduler);
        streams.add(stream);
        stream.start();
        return stream;
    }

    private static List<String> authorizations(ChallengingRtspServer server) {
        return server.requests().stream().flatMap(List::stream)
                .filter(line -> line.regionMatches(true, 0, "Authorization:", 0, 14)).toList();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    @Test
    void aCameraOfferingOnlyBasicOverPlainRtspNeverReceivesThePassword() throws Exception {
        ChallengingRtspServer camera = server("Basic realm=\"camera\"");
        List<CameraStream.StreamState> states = new CopyOnWriteArrayList<>();
        CameraStream stream = open(camera.uri("/stream1"), false, states);

        await("a reconnection that says why", () -> states.stream().filter(s -> s.phase() == CameraStream.Phase.RECONNECTING)
                .count() >= 2);
        assertEquals(List.of(), authorizations(camera), "no Authorization header at all: " + camera.requests());
        assertTrue(camera.requests().stream().flatMap(List::stream).noneMatch(line -> line.contains("YWRtaW46")),
                "not even the user name in Base64");
        CameraStream.StreamState reconnecting = states.stream().filter(s -> s.phase() == CameraStream.Phase.RECONNECTING)
                .findFirst().orElseThrow();
        assertTrue(reconnecting.detail().contains("Basic"), reconnecting.detail());
        assertFalse(reconnecting.detail().contains(PASSWORD));
        assertFalse(stream.state().phase() == CameraStream.Phase.STREAMING);
    }

    @Test
    void aCameraOfferingDigestGetsADigestAnswerAndNoBasic() throws Exception {
        ChallengingRtspServer camera = server("Digest realm=\"camera\", nonce=\"b3f1c0ffee\"", "Basic realm=\"camera\"");
        List<CameraStream.StreamState> states = new CopyOnWriteArrayList<>();
        open(camera.uri("/stream1"), false, states);

        await("rtspsrc's answer to the challenge", () -> !authorizations(camera).isEmpty());
        List<String> sent = authorizations(camera);
        assertTrue(sent.stream().allMatch(line -> line.substring(14).strip().startsWith("Digest ")), sent.toString());
        assertTrue(sent.stream().noneMatch(line -> line.contains(PASSWORD)), sent.toString());
    }

    @Test
    void basicGoesOutOnlyWhereTheCamerasConfigurationAllowsIt() throws Exception {
        ChallengingRtspServer camera = server("Basic realm=\"camera\"");
        open(camera.uri("/stream1"), true, new CopyOnWriteArrayList<>());

        await("rtspsrc's Basic answer", () -> !authorizations(camera).isEmpty());
        assertTrue(authorizations(camera).get(0).substring(14).strip().startsWith("Basic "), authorizations(camera).toString());
    }
}
