package io.vigil.compliance.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.api.admin.AdminCommand;
import io.vigil.cluster.internal.SharedLogForTests;
import io.vigil.cluster.testing.KafkaTestCluster;
import io.vigil.support.json.Json;
import io.vigil.testing.Await;
import io.vigil.testing.MemorySecretStore;
import io.vigil.testing.RecordingLogger;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit across nodes on a real broker (a separate JVM) with real SQLite trails and real signatures: two nodes'
 * trails reach the cluster's audit log and verify there; a forged record is node A's first break at its sequence
 * while node B stays intact; with the broker killed the entries wait in the trail and arrive once it is back; a node
 * without the shared log answers that it is not a member and its own verification is unchanged.
 */
class ClusterAuditTest {

    private static final Duration BOUND = Duration.ofSeconds(90);

    private static KafkaTestCluster kafka;

    @TempDir
    Path dir;

    private final List<AutoCloseable> closing = new ArrayList<>();
    private final RecordingLogger logs = new RecordingLogger();

    @BeforeAll
    static void broker() throws Exception {
        kafka = KafkaTestCluster.single(Path.of(System.getProperty("vigil.kafka.work", "target/kafka")).resolve("audit"));
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

    /** One node: its own trail (own folder, own signing key) and its shared log. */
    private record Node(AuditTrailService trail, SharedLogForTests log, AuditPublisher publisher) {
    }

    private Node node(String prefix, String id) throws Exception {
        AuditTrailService trail = new AuditTrailService(AuditTrailService.Options.in(dir.resolve(id)).withCheckpointEntries(5),
                new MemorySecretStore(), Clock.systemUTC(), logs.logger());
        closing.add(trail::close);
        SharedLogForTests log = open(prefix, id);
        AuditPublisher publisher = new AuditPublisher(trail, log, logs.logger());
        closing.add(publisher);
        return new Node(trail, log, publisher);
    }

    private SharedLogForTests open(String prefix, String id) throws Exception {
        SharedLogForTests log = SharedLogForTests.open(kafka.bootstrapServers(), id, prefix, Duration.ofSeconds(6));
        closing.add(log);
        return log;
    }

    /** A node whose trail holds {@code entries} entries, the newest sealed. */
    private Node nodeWith(String prefix, String id, int entries) throws Exception {
        Node n = node(prefix, id);
        record(n.trail(), entries, "routine");
        n.trail().checkpoint();
        return n;
    }

    /** What a command run answered: its exit status and standard output. */
    private record Answer(int exit, String out) {
    }

    private static Answer run(AuditCommand command, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = command.execute(List.of(args), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream()));
        return new Answer(exit, out.toString(StandardCharsets.UTF_8));
    }

    private static void record(AuditTrailService trail, int count, String what) throws Exception {
        for (int i = 1; i <= count; i++) {
            trail.record("test." + what, "officer-" + i, Map.of("n", Integer.toString(i), "subject", "p-" + i));
        }
    }

    private static Map<String, NodeAudit> verify(SharedLogForTests reader) throws Exception {
        return new ClusterAuditVerifier(reader, BOUND).verify().nodes().stream()
                .collect(Collectors.toMap(NodeAudit::node, n -> n));
    }

    /** Verifies until every node's last published entry is its trail's tip (publishing runs on its own thread). */
    private static Map<String, NodeAudit> verifiedWhenPublished(SharedLogForTests reader, Map<String, Long> tips)
            throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, NodeAudit>[] last = new Map[] {Map.of()};
        Await.until(() -> {
            try {
                last[0] = verify(reader);
            } catch (Exception e) {
                return false;
            }
            return tips.entrySet().stream().allMatch(t -> last[0].containsKey(t.getKey())
                    && last[0].get(t.getKey()).last() == t.getValue() && last[0].get(t.getKey()).checkpoints() > 0);
        }, BOUND, () -> "published so far: " + last[0] + ", expected tips " + tips);
        return last[0];
    }

    @Test
    void twoNodesTrailsReachTheLogAndVerifyThereAndAsJson() throws Exception {
        Node a = nodeWith("both.", "node-a", 7);
        Node b = nodeWith("both.", "node-b", 3);
        Map<String, NodeAudit> nodes = verifiedWhenPublished(open("both.", "node-c"),
                Map.of("node-a", 7L, "node-b", 3L));
        assertTrue(nodes.get("node-a").intact(), nodes.get("node-a").findings().toString());
        assertTrue(nodes.get("node-b").intact(), nodes.get("node-b").findings().toString());
        assertEquals(List.of(a.trail().keyId()), nodes.get("node-a").keys());
        assertEquals(2, nodes.get("node-a").checkpoints(), "at 5 and at 7");

        AuditCommand command = new AuditCommand(b.trail());
        command.bindSharedLog(b.log());
        Answer answer = run(command, "verify", "--cluster", "--json");
        JsonNode doc = Json.read(answer.out());
        assertEquals(AdminCommand.OK, answer.exit(), doc.toString());
        assertEquals(1, doc.get("format").asInt());
        assertTrue(doc.get("member").asBoolean());
        assertEquals("node-b", doc.get("read_by").asText());
        assertTrue(doc.get("intact").asBoolean());
        assertEquals(2, doc.get("nodes").size());
        assertEquals("node-a", doc.get("nodes").get(0).get("node").asText());
        assertEquals(7, doc.get("nodes").get(0).get("last_sequence").asLong());
        assertTrue(doc.get("nodes").get(0).get("first_break").isNull());
    }

    @Test
    void aForgedRecordIsNodeAsFirstBreakAtItsSequenceAndARepeatIsNot() throws Exception {
        Node a = nodeWith("forged.", "node-a", 6);
        nodeWith("forged.", "node-b", 2);
        SharedLogForTests reader = open("forged.", "node-c");
        verifiedWhenPublished(reader, Map.of("node-a", 6L, "node-b", 2L));

        AuditEntry six = a.trail().last(1, Optional.empty()).get(0);
        AuditEntry forged = new AuditEntry(7, six.time(), "intruder", "alert.dismissed", "{\"alert\":\"42\"}", six.hash(),
                "0f".repeat(32));
        AuditEntry three = a.trail().entriesAfter(2, 1).get(0);
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
            String topic = "forged.log." + SharedAuditRecords.LOG.name();
            raw.send(new ProducerRecord<>(topic, "node-a", SharedAuditRecords.entry("node-a", forged))).get(60, TimeUnit.SECONDS);
            // entry 3 sent again exactly as it was: a repeat after a crash, not tampering
            raw.send(new ProducerRecord<>(topic, "node-a", SharedAuditRecords.entry("node-a", three))).get(60, TimeUnit.SECONDS);
        }

        Map<String, NodeAudit> nodes = verify(reader);
        NodeAudit na = nodes.get("node-a");
        assertFalse(na.intact());
        assertEquals(7, na.firstBreak().orElseThrow().sequence(), na.findings().toString());
        assertEquals(Finding.Kind.EDITED, na.firstBreak().orElseThrow().kind());
        assertEquals(1, na.findings().size(), na.findings().toString());
        assertEquals(1, na.duplicates());
        assertTrue(nodes.get("node-b").intact(), nodes.get("node-b").findings().toString());

        AuditCommand command = new AuditCommand(a.trail());
        command.bindSharedLog(a.log());
        Answer text = run(command, "verify", "--cluster");
        assertEquals(AdminCommand.PROBLEM, text.exit(), text.out());
        assertTrue(text.out().contains("first break at sequence 7"), text.out());
        // node A's own trail is untouched by what was forged in the log
        assertTrue(a.trail().verify(Optional.empty()).intact());
    }

    @Test
    void whileTheBrokerIsDownEntriesWaitInTheTrailAndArriveAfter() throws Exception {
        Node a = node("outage.", "node-a");
        record(a.trail(), 3, "routine");
        a.trail().checkpoint();
        verifiedWhenPublished(open("outage.", "node-c"), Map.of("node-a", 3L));
        Path position = PublishedPosition.beside(a.trail().options().database());
        assertEquals(3, PublishedPosition.read(position).entry());

        KafkaTestCluster.Node broker = kafka.nodes().get(0);
        kafka.kill(broker);
        try {
            record(a.trail(), 4, "while-away");
            a.trail().checkpoint();
            Await.until(() -> a.publisher().problem().isPresent(), BOUND, () -> "the publisher never noticed Kafka was gone");
            assertEquals(3, PublishedPosition.read(position).entry(), "nothing counted as published while Kafka is away");
            assertEquals(7, a.trail().entriesAfter(0, 100).size(), "the node keeps recording");
        } finally {
            kafka.restart(broker);
        }
        Map<String, NodeAudit> nodes = verifiedWhenPublished(open("outage.", "node-c2"), Map.of("node-a", 7L));
        assertTrue(nodes.get("node-a").intact(), nodes.get("node-a").findings().toString());
        assertEquals(7, nodes.get("node-a").entries());
        Await.until(() -> a.publisher().problem().isEmpty(), BOUND, () -> "still waiting: " + a.publisher().problem());
    }

    @Test
    void aNodeWithoutTheSharedLogIsNotAMemberAndVerifiesItsOwnTrailAsBefore() throws Exception {
        AuditTrailService trail = new AuditTrailService(AuditTrailService.Options.in(dir.resolve("single")),
                new MemorySecretStore(), Clock.systemUTC(), logs.logger());
        closing.add(trail::close);
        record(trail, 2, "routine");
        AuditCommand command = new AuditCommand(trail);
        Answer answer = run(command, "verify", "--cluster", "--json");
        assertEquals(AdminCommand.PROBLEM, answer.exit());
        JsonNode doc = Json.read(answer.out());
        assertFalse(doc.get("member").asBoolean());
        assertEquals(2, doc.size(), "format and member only: " + doc);

        Answer own = run(command, "verify");
        assertEquals(AdminCommand.OK, own.exit(), own.out());
        assertFalse(Files.exists(PublishedPosition.beside(trail.options().database())), "nothing published on a single node");
        assertEquals(AdminCommand.USAGE, run(command, "verify", "--json").exit());
    }
}
