package io.vigil.gstreamer.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.media.MetadataMount;
import io.vigil.api.media.RtspCredentials;
import io.vigil.api.media.RtspMount;
import io.vigil.api.media.StreamSource;
import io.vigil.api.media.VideoCodec;
import io.vigil.gstreamer.RtspTestClient;
import io.vigil.testing.RecordingLogger;
import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RtspServerComponentTest {

    private final RecordingLogger log = new RecordingLogger();

    @Test
    void servesAsConfiguredLogsNoSecretAndFreesItsPortWhenDeactivated() throws Exception {
        RtspServerComponent component = new RtspServerComponent(config("127.0.0.1", 0),
                new GStreamerPlatform(log.logger()), log.logger());
        int port = component.port();
        try {
            RtspMount mount = component.mount("/cam", new StreamSource.TestPattern(VideoCodec.MJPEG, 160, 120, 10),
                    Optional.of(new RtspCredentials("viewer", "hunter2-secret".toCharArray())));
            try (RtspTestClient client = RtspTestClient.play(mount.uri(), "viewer", "hunter2-secret")) {
                assertTrue(client.awaitFrames(3, Duration.ofSeconds(15)), client::describe);
            }
            MetadataMount metadata = component.mountMetadata("/cam/metadata",
                    Optional.of(new RtspCredentials("viewer", "hunter2-secret".toCharArray())), now -> new byte[0]);
            assertTrue(metadata.uri().toString().endsWith("/cam/metadata"), metadata.uri()::toString);
            RtspMount open = component.mountMetadata("/open/metadata", Optional.empty(), now -> new byte[0]);
            assertTrue(open.uri().toString().endsWith("/open/metadata"), open.uri()::toString);
        } finally {
            component.deactivate();
        }
        // the logger gets the format and its arguments
        assertTrue(log.all().contains("RTSP server listening on {} port {} ({}), [127.0.0.1, " + port), log.all());
        assertTrue(log.all().contains("rtsp://127.0.0.1:" + port + "/cam, credentials required"), log.all());
        assertTrue(log.all().contains("rtsp://127.0.0.1:" + port + "/cam/metadata, credentials required"), log.all());
        assertTrue(log.all().contains("rtsp://127.0.0.1:" + port + "/open/metadata, open"), log.all());
        assertFalse(log.all().contains("hunter2"), log.all());
        try (ServerSocket rebound = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertTrue(rebound.isBound());
        }
    }

    private static RtspServerComponent.Config config(String address, int port) {
        return new RtspServerComponent.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return RtspServerComponent.Config.class;
            }

            @Override
            public String address() {
                return address;
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public boolean allow_basic() {
                return false;
            }

            @Override
            public int max_sessions() {
                return 64;
            }
        };
    }
}
