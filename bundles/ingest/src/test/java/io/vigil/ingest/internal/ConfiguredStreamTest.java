package io.vigil.ingest.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.media.StreamSpec;
import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import io.vigil.testing.MemorySecretStore;
import java.lang.annotation.Annotation;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A stream configuration, as fileinstall hands it over, turned into the spec it offers and the settings that run. */
class ConfiguredStreamTest {

    record Config(String camera_id, String uri, String user, String password_alias, String transport, int latency_ms,
            double max_fps, boolean keyframes_only, int max_width, int max_height, String decoder, boolean allow_basic)
            implements ConfiguredStream.Config {

        Config(String camera_id, String uri, String user, String password_alias, String transport, int latency_ms,
                double max_fps, boolean keyframes_only, int max_width, int max_height, String decoder) {
            this(camera_id, uri, user, password_alias, transport, latency_ms, max_fps, keyframes_only, max_width, max_height,
                    decoder, false);
        }

        @Override
        public Class<? extends Annotation> annotationType() {
            return ConfiguredStream.Config.class;
        }
    }

    /** The test-support secret store holding the given camera passwords. */
    private static MemorySecretStore secrets(Map<String, String> passwords) throws SecretStoreException {
        MemorySecretStore secrets = new MemorySecretStore();
        for (Map.Entry<String, String> p : passwords.entrySet()) {
            secrets.putPassword(p.getKey(), p.getValue().toCharArray());
        }
        return secrets;
    }

    @Test
    void everySettingIsTakenAndThePasswordComesFromTheStore() throws SecretStoreException {
        StreamSettings s = settings(new Config("lobby", "rtsp://10.0.0.5/1", "vigil", "camera.lobby", "udp",
                500, 2.5, true, 1920, 1080, "software"), secrets(Map.of("camera.lobby", "pw")));
        assertEquals("lobby", s.cameraId());
        assertEquals(StreamSettings.Transport.UDP, s.transport());
        assertEquals(Duration.ofMillis(500), s.latency());
        assertEquals(2.5, s.maxFps());
        assertTrue(s.keyframesOnly());
        assertEquals(1920, s.maxWidth());
        assertEquals("software", s.decoder());
        assertEquals(Optional.of("vigil"), s.user());
        assertArrayEquals("pw".toCharArray(), s.password().orElseThrow());
        assertFalse(s.toString().contains("pw\""), s.toString());
        assertFalse(s.allowBasic(), "RTSP Basic is off unless configured");
        assertTrue(s.needsDigest());
        assertTrue(settings(new Config("lobby", "rtsp://10.0.0.5/1", "vigil", "camera.lobby", "tcp", 200, 5,
                false, 0, 0, "auto", true), secrets(Map.of("camera.lobby", "pw"))).allowBasic());
    }

    @Test
    void aMissingPasswordNamesTheAliasToSet() throws SecretStoreException {
        MemorySecretStore none = secrets(Map.of());
        SecretStoreException e = assertThrows(SecretStoreException.class, () -> settings(
                new Config("gate", "rtsp://10.0.0.6/1", "vigil", "camera.gate", "tcp", 200, 5, false, 0, 0, "auto"),
                none));
        assertTrue(e.getMessage().contains("vigil secret set camera.gate"), e.getMessage());
    }

    @Test
    void badValuesAreRefusedWithTheCameraNamed() throws SecretStoreException {
        MemorySecretStore none = secrets(Map.of());
        IllegalArgumentException transport = assertThrows(IllegalArgumentException.class, () -> settings(
                new Config("c1", "rtsp://h/1", "", "", "carrier-pigeon", 200, 5, false, 0, 0, "auto"), none));
        assertTrue(transport.getMessage().contains("carrier-pigeon"), transport.getMessage());
        IllegalArgumentException fps = assertThrows(IllegalArgumentException.class, () -> settings(
                new Config("c2", "rtsp://h/1", "", "", "tcp", 200, 0, false, 0, 0, "auto"), none));
        assertTrue(fps.getMessage().contains("c2"), fps.getMessage());
    }

    private static StreamSettings settings(Config config, SecretStore secrets) throws SecretStoreException {
        ConfiguredStream offer = new ConfiguredStream(config);
        assertEquals(1, offer.streams().size());
        return StreamSettings.of(offer.streams().get(0), secrets);
    }

    @Test
    void theOfferIsTheConfigurationAsASpec() {
        StreamSpec spec = new ConfiguredStream(new Config("lobby", "rtsp://10.0.0.5/1", "vigil", "camera.lobby", "udp", 500,
                2.5, true, 1920, 1080, "software", true)).streams().get(0);
        assertEquals(new StreamSpec("lobby", URI.create("rtsp://10.0.0.5/1"), "vigil", "camera.lobby", StreamSpec.Transport.UDP,
                Duration.ofMillis(500), 2.5, true, 1920, 1080, "software", true), spec);
    }
}
