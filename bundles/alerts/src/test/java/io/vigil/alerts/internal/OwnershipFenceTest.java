package io.vigil.alerts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.alert.AlertFencedException;
import io.vigil.api.media.Frame;
import io.vigil.cluster.internal.TestMember;
import io.vigil.cluster.testing.KafkaTestCluster;
import io.vigil.testing.Await;
import io.vigil.testing.RecordingLogger;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The alert store of a cluster member, bound to a real camera assignment on a real broker (one combined KRaft node):
 * a recognition commits only while its camera is this node's under the epoch its work started under; and issue 21's
 * stalled node: a node process ({@link AlertNodeProcess}: a real member and a real alert store) is stopped with
 * SIGSTOP while it stores alerts for its cameras, another node takes them, and after SIGCONT the stalled node stores
 * no alert under the ownership it had before the stall: what it had in flight is fenced.
 */
class OwnershipFenceTest {

    private static final int SESSION_MS = 3000;
    private static final int HEARTBEAT_MS = 500;
    private static final int PARTITIONS = 6;

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
        TestMember member = TestMember.join(kafka.bootstrapServers(), "n1", "fence.", 2, SESSION_MS, HEARTBEAT_MS);
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

    @Test
    void aNodeResumedAfterSigstopStoresNoAlertForTheCamerasItLost() throws Exception {
        String prefix = "stalled.";
        List<String> lines = new CopyOnWriteArrayList<>();
        Process node = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx160m",
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                AlertNodeProcess.class.getName(), kafka.bootstrapServers(), "n2", prefix, Integer.toString(PARTITIONS),
                Integer.toString(SESSION_MS), Integer.toString(HEARTBEAT_MS), data.toString())
                .redirectError(ProcessBuilder.Redirect.appendTo(Path.of("target", "alert-node-n2.err").toFile()))
                .start();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // the process died
            }
        }, "n2-output");
        reader.setDaemon(true);
        reader.start();
        try (TestMember n1 = TestMember.join(kafka.bootstrapServers(), "n1", prefix, PARTITIONS, SESSION_MS, HEARTBEAT_MS)) {
            Await.until(() -> n1.state().startsWith("member"), Duration.ofSeconds(120), n1::state);
            Set<String> all = new TreeSet<>();
            for (int i = 0; i < 12; i++) {
                all.add("cam-" + i);
                n1.publish("cam-" + i, "{}");
            }
            // n2 stores alerts for its share of the cameras
            Await.until(() -> !n1.owned().isEmpty() && stored(lines).size() >= 3
                    && n1.owned().size() + owned(lines).size() == all.size(), Duration.ofSeconds(120),
                    () -> "split: n1 " + n1.owned().keySet() + ", n2 " + owned(lines) + ", stored " + stored(lines).size());
            Set<String> n2Had = owned(lines);
            assertFalse(n2Had.isEmpty(), "n2 owns cameras before the stall");

            signal(node, "STOP");
            Await.until(() -> n1.owned().keySet().equals(all), Duration.ofSeconds(60),
                    () -> "n1 takes the stalled node's cameras: " + n1.owned().keySet());
            int before = lines.size();
            signal(node, "CONT");
            // the first resume after this stop (a loaded machine can pause the process for a second before it too)
            Await.until(() -> resumedAt(lines, before) >= 0, Duration.ofSeconds(30),
                    () -> "no RESUMED after line " + before + " in " + lines.subList(before, lines.size()));
            int resumed = resumedAt(lines, before);
            // some rounds after it resumed: time to store what it still held, and to join again
            Await.until(() -> lines.size() > resumed + 2 * n2Had.size(), Duration.ofSeconds(30),
                    () -> "rounds after resuming: " + lines.subList(resumed, lines.size()));
            TimeUnit.SECONDS.sleep(3);

            List<String> after = List.copyOf(lines.subList(resumed, lines.size()));
            Set<String> heldBefore = ownedWithEpochs(lines.subList(0, before));
            Set<String> storedAfter = new TreeSet<>();
            Set<String> fencedAfter = new TreeSet<>();
            for (String l : after) {
                String[] w = l.split(" ");
                if (l.startsWith("STORED ") && heldBefore.contains(w[1] + ":" + w[2])) {
                    storedAfter.add(w[1] + ":" + w[2]);
                } else if (l.startsWith("FENCED ")) {
                    fencedAfter.add(w[1] + ":" + w[2]);
                }
            }
            System.out.println("SIGSTOP/SIGCONT: n2 held " + heldBefore + "; after resuming fenced " + fencedAfter
                    + ", stored under the old ownership " + storedAfter);
            assertEquals(Set.of(), storedAfter, "alerts stored after the resume under an ownership lost in the stall: "
                    + lines.subList(Math.max(0, before - 20), Math.min(lines.size(), before + 60)));
            assertEquals(heldBefore, fencedAfter, "every camera it held was tried and fenced");
        } finally {
            node.destroyForcibly();
            node.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int resumedAt(List<String> lines, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).startsWith("RESUMED ")) {
                return i;
            }
        }
        return -1;
    }

    /** The cameras n2 stored an alert for, ever. */
    private static Set<String> stored(List<String> lines) {
        Set<String> s = new HashSet<>();
        lines.stream().filter(l -> l.startsWith("STORED ")).forEach(l -> s.add(l.split(" ")[1]));
        return s;
    }

    /** The cameras of the latest OWNED line. */
    private static Set<String> owned(List<String> lines) {
        Set<String> cameras = new TreeSet<>();
        ownedWithEpochs(lines).forEach(c -> cameras.add(c.substring(0, c.indexOf(':'))));
        return cameras;
    }

    /** camera:epoch of the latest OWNED line. */
    private static Set<String> ownedWithEpochs(List<String> lines) {
        for (int i = lines.size() - 1; i >= 0; i--) {
            String l = lines.get(i);
            if (l.startsWith("OWNED")) {
                String list = l.substring(5).trim();
                return list.isEmpty() ? Set.of() : new TreeSet<>(List.of(list.split(",")));
            }
        }
        return Set.of();
    }

    private static void signal(Process process, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + name);
        assertTrue(process.isAlive());
    }
}
