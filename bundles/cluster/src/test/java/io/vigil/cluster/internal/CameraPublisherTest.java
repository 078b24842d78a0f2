package io.vigil.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.media.CameraStreams;
import io.vigil.api.media.StreamSpec;
import io.vigil.cluster.testing.KafkaTestCluster;
import io.vigil.testing.Await;
import io.vigil.testing.RecordingLogger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cameras offered on a node reach the cluster's camera topic (a real broker, a real member reading it back):
 * each offered camera published once with its stream spec as JSON, republished when its spec changes, withdrawn when
 * its offer goes away, and kept when the offer goes because its bundle or the node is stopping.
 */
class CameraPublisherTest {

    private static KafkaTestCluster kafka;

    @BeforeAll
    static void broker() throws Exception {
        kafka = KafkaTestCluster.single(Path.of(System.getProperty("vigil.kafka.work", "target/kafka")));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    /** Stands in for the camera registry's offer (another bundle). */
    static final class ChangingOffer implements CameraStreams {
        volatile List<StreamSpec> specs;

        ChangingOffer(StreamSpec... specs) {
            this.specs = List.of(specs);
        }

        public List<StreamSpec> streams() {
            return specs;
        }
    }

    private static StreamSpec spec(String camera, String path) {
        return StreamSpec.of(camera, URI.create("rtsp://127.0.0.1:8554/" + path), "viewer", "camera." + camera, false);
    }

    @Test
    void offeredCamerasArePublishedOnceChangedWithdrawnAndKeptWhenTheirBundleStops() throws Exception {
        try (TestMember member = TestMember.join(kafka.bootstrapServers(), "n1", "publish.", 4, 3000, 500)) {
            Await.until(() -> member.state().startsWith("member"), Duration.ofSeconds(120), member::state);
            RecordingLogger log = new RecordingLogger();
            CameraPublisher publisher = new CameraPublisher(member, log.logger(), () -> false);
            try {
                ChangingOffer registry = new ChangingOffer(spec("gate", "a"), spec("porch", "b"));
                ChangingOffer configured = new ChangingOffer(spec("gate", "other"), spec("yard", "d"));
                publisher.addOffer(10, registry, () -> false);
                publisher.addOffer(11, configured, () -> false);
                Await.until(() -> member.owned().keySet().equals(Set.of("gate", "porch", "yard")), Duration.ofSeconds(30),
                        () -> "owned " + member.owned().keySet());
                JsonNode gate = new ObjectMapper().readTree(member.owned().get("gate").configuration());
                assertEquals(1, gate.get("version").asInt());
                assertEquals("rtsp://127.0.0.1:8554/a", gate.get("uri").asText(), "the earliest offer of a camera wins");
                assertEquals("camera.gate", gate.get("passwordAlias").asText());
                assertEquals("viewer", gate.get("user").asText());
                assertFalse(gate.has("password"), "only the alias of a password travels");

                // a spec that changes is published again
                registry.specs = List.of(spec("gate", "a"), spec("porch", "b2"));
                publisher.streamsChanged(registry);
                Await.until(() -> member.owned().get("porch").configuration().contains("/b2"), Duration.ofSeconds(30),
                        () -> "porch " + member.owned().get("porch"));

                // an offer removed (its cameras deleted on this node): withdrawn, unless another offer still has them
                publisher.removeOffer(11);
                Await.until(() -> !member.owned().containsKey("yard"), Duration.ofSeconds(30), () -> "owned " + member.owned().keySet());
                assertTrue(member.owned().containsKey("gate"), "gate is still offered by the registry");

                // an offer whose bundle is stopping goes, its camera stays on the topic for the other nodes
                publisher.addOffer(12, new ChangingOffer(spec("lobby", "e")), () -> true);
                Await.until(() -> member.owned().containsKey("lobby"), Duration.ofSeconds(30), () -> "owned " + member.owned().keySet());
                publisher.removeOffer(12);
                registry.specs = List.of(spec("gate", "a3"), spec("porch", "b2"));
                publisher.streamsChanged(registry);
                Await.until(() -> member.owned().get("gate").configuration().contains("/a3"), Duration.ofSeconds(30),
                        () -> "gate " + member.owned().get("gate"));
                assertTrue(member.owned().containsKey("lobby"), "a stopping bundle's camera is not withdrawn");
            } finally {
                publisher.deactivate();
            }
            assertEquals(Set.of("gate", "porch", "lobby"), member.owned().keySet(), "a publisher stopping withdraws nothing");
        }
    }
}
