package io.vigil.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.cluster.ClusterException;
import io.vigil.api.cluster.LogTopic;
import io.vigil.api.cluster.SharedLogListener;
import io.vigil.api.cluster.SharedRecord;
import io.vigil.cluster.testing.KafkaTestCluster;
import io.vigil.testing.Await;
import io.vigil.testing.RecordingLogger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shared logs on a real broker: what one node appends every other reads in order, from where it stopped; a
 * listener that fails is given the same record again; a follower outlives the broker's absence.
 */
class KafkaSharedLogTest {

    private static final Duration BOUND = Duration.ofSeconds(60);

    private static KafkaTestCluster kafka;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeAll
    static void broker() throws Exception {
        kafka = KafkaTestCluster.single(Path.of(System.getProperty("vigil.kafka.work", "target/kafka")).resolve("logs"));
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @AfterEach
    void close() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private KafkaSharedLog node(String prefix, String nodeId) throws Exception {
        ClusterOptions options = new ClusterOptions(kafka.bootstrapServers(), nodeId, prefix, 1, 4, 3000, 500, null, null);
        KafkaSharedLog log = new KafkaSharedLog(new KafkaClientSettings(options, alias -> Optional.empty()), RecordingLogger.quiet(),
                Duration.ofSeconds(6));
        closing.add(log::deactivate);
        return log;
    }

    /** Collects records; the positions it keeps are what a store would commit with each applied record. */
    static final class Collected implements SharedLogListener {
        final List<SharedRecord> records = new CopyOnWriteArrayList<>();
        final Map<Integer, Long> next = new HashMap<>();
        final AtomicInteger caughtUp = new AtomicInteger();

        @Override
        public synchronized void record(SharedRecord r) {
            records.add(r);
            next.put(r.partition(), r.offset() + 1);
        }

        @Override
        public void caughtUp() {
            caughtUp.incrementAndGet();
        }

        synchronized Map<Integer, Long> positions() {
            return Map.copyOf(next);
        }

        List<String> values(String key) {
            return records.stream().filter(r -> r.key().equals(key))
                    .map(r -> r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8)).toList();
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void whatOneNodeAppendsAnotherReadsInOrderPerKeyAndFromWhereItStopped() throws Exception {
        LogTopic alerts = new LogTopic("order", false, 3);
        KafkaSharedLog a = node("order.", "a");
        KafkaSharedLog b = node("order.", "b");
        assertEquals("a", a.nodeId());
        for (int i = 0; i < 20; i++) {
            a.append(alerts, "k" + (i % 4), utf8("v" + i));
        }
        Collected seen = new Collected();
        AutoCloseable following = b.follow(alerts, Map.of(), seen);
        Await.until(() -> seen.records.size() == 20, BOUND, () -> "read " + seen.records.size() + " of 20");
        Await.until(() -> seen.caughtUp.get() == 1, BOUND, () -> "never caught up");
        assertEquals(List.of("v1", "v5", "v9", "v13", "v17"), seen.values("k1"), "a key's records in the order appended");
        following.close();

        // two more while nobody follows; following again from the stored positions gives exactly those two
        a.append(alerts, "k1", utf8("v20"));
        a.append(alerts, "k2", utf8("v21"));
        Collected again = new Collected();
        closing.add(b.follow(alerts, seen.positions(), again));
        Await.until(() -> again.records.size() == 2, BOUND, () -> "read " + again.records.size() + " after restart");
        Thread.sleep(1000);
        assertEquals(2, again.records.size(), "nothing read twice: " + again.records);
        assertEquals(List.of("v20"), again.values("k1"));
    }

    @Test
    void aCompactedLogTakesTombstones() throws Exception {
        LogTopic nodes = new LogTopic("tombstones", true, 1);
        KafkaSharedLog a = node("tomb.", "a");
        a.append(nodes, "n1", utf8("here"));
        a.append(nodes, "n1", null);
        Collected seen = new Collected();
        closing.add(a.follow(nodes, Map.of(), seen));
        Await.until(() -> seen.records.size() == 2, BOUND, () -> "read " + seen.records);
        assertArrayEquals(utf8("here"), seen.records.get(0).value());
        assertNull(seen.records.get(1).value(), "a tombstone reads as null");
    }

    @Test
    void aListenerThatFailsIsGivenTheSameRecordAgainAndNothingOvertakesIt() throws Exception {
        LogTopic log = new LogTopic("retry", false, 1);
        KafkaSharedLog a = node("retry.", "a");
        for (int i = 0; i < 5; i++) {
            a.append(log, "k", utf8("v" + i));
        }
        List<String> applied = new CopyOnWriteArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        closing.add(a.follow(log, Map.of(), r -> {
            String v = new String(r.value(), StandardCharsets.UTF_8);
            if (v.equals("v2") && failures.getAndIncrement() < 2) {
                throw new IllegalStateException("store busy");
            }
            applied.add(v);
        }));
        Await.until(() -> applied.size() == 5, BOUND, () -> "applied " + applied);
        assertEquals(List.of("v0", "v1", "v2", "v3", "v4"), applied);
        assertEquals(3, failures.get(), "v2 offered three times");
    }

    @Test
    void appendRefusesClearlyWhileKafkaIsAwayAndTheFollowerResumesAfter() throws Exception {
        LogTopic log = new LogTopic("outage", false, 1);
        KafkaSharedLog a = node("outage.", "a");
        a.append(log, "k", utf8("before"));
        Collected seen = new Collected();
        closing.add(a.follow(log, Map.of(), seen));
        Await.until(() -> seen.records.size() == 1, BOUND, () -> "read " + seen.records.size());

        KafkaTestCluster.Node broker = kafka.nodes().get(0);
        kafka.kill(broker);
        try {
            ClusterException refused = assertThrows(ClusterException.class, () -> a.append(log, "k", utf8("during")));
            assertTrue(refused.getMessage().contains("outage"), refused.getMessage());
        } finally {
            kafka.restart(broker);
        }
        a.append(log, "k", utf8("after"));
        Await.until(() -> seen.records.size() == 2, Duration.ofSeconds(120), () -> "read " + seen.values("k"));
        assertEquals(List.of("before", "after"), seen.values("k"));
    }
}
