package io.vigil.alerts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.alert.AlertFencedException;
import io.vigil.api.media.Frame;
import io.vigil.cluster.internal.TestMember;
import io.vigil.cluster.testing.KafkaTestCluster;
import io.vigil.testing.Await;
import io.vigil.testing.RecordingLogger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert store of a cluster member, bound to a real camera assignment on a real broker (one combined KRaft node):
 * a recognition commits only while its camera is this node's under the epoch its work started under.
 */
class OwnershipFenceTest {

    private static KafkaTestCluster kafka;

    @TempDir
    Path data;

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

    @Test
    void aRecognitionCommitsOnlyForACameraOwnedUnderTheEpochItsWorkStartedUnder() throws Exception {
        AlertFixture f = new AlertFixture(data);
        RecordingLogger log = new RecordingLogger();
        AlertService store = f.start(log.logger());
        TestMember member = TestMember.join(kafka.bootstrapServers(), "n1", "fence.", 2, 3000, 500);
        try {
            Await.until(() -> member.state().startsWith("member"), Duration.ofSeconds(120), member::state);
            member.publish("cam-1", "{\"camera\":\"cam-1\"}");
            Await.until(() -> member.owned().containsKey("cam-1"), Duration.ofSeconds(60), () -> "owned " + member.owned());
            long epoch = member.owned().get("cam-1").epoch();
            store.setCameraAssignment(member);

            store.store(AlertFixture.recognition("cam-1", 1, "subj-1", 0.8f, 0.7f, AlertFixture.T0, epoch),
                    AlertFixture.evidence(1));
            // a stream started under an earlier ownership, a stream started before the node was a member, a camera
            // this node never owned: none of them commits, and each camera is logged once
            for (long stale : new long[] {epoch - 1, epoch - 1, Frame.NO_EPOCH}) {
                assertThrows(AlertFencedException.class, () -> store.store(AlertFixture.recognition("cam-1", 2, "subj-1",
                        0.8f, 0.7f, AlertFixture.T0, stale), AlertFixture.evidence(2)));
            }
            assertThrows(AlertFencedException.class, () -> store.store(AlertFixture.recognition("cam-9", 3, "subj-1",
                    0.8f, 0.7f, AlertFixture.T0, epoch), AlertFixture.evidence(3)));
            assertEquals(1, store.since(Optional.empty(), 100).size(), "only the owned camera's alert is stored");
            assertEquals(3, log.lines.stream().filter(l -> l.startsWith("warn") && l.contains("no longer this node's")).count(),
                    "one warning per camera and epoch, not one per face: " + log.all());
            assertTrue(store.status().detail().contains("4 recognitions not stored"), store.status().detail());

            // the member leaves the group (as a stalled node's lease lapses): its cameras are no longer its own
            member.close();
            assertThrows(AlertFencedException.class, () -> store.store(AlertFixture.recognition("cam-1", 1, "subj-1",
                    0.9f, 0.9f, AlertFixture.T0.plusSeconds(1), epoch), AlertFixture.evidence(4)));
            assertEquals(1, store.since(Optional.empty(), 100).size());
        } finally {
            member.close();
        }

        // the cluster configuration removed: a single node again, storing everything
        store.unsetCameraAssignment(member);
        store.store(AlertFixture.recognition("cam-1", 5, "subj-1", 0.8f, 0.7f, AlertFixture.T0.plusSeconds(2)),
                AlertFixture.evidence(5));
        assertEquals(2, store.since(Optional.empty(), 100).size());
        store.deactivate();
    }
}
