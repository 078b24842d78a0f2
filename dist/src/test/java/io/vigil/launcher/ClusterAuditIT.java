package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.cluster.testing.KafkaTestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Audit across nodes in the real container against a real broker: a single node answers that it is not a member;
 * once configured, node A sends its trail to the cluster's audit log; node B, started after A stopped, verifies A's
 * chain (a node that is down) and its own from the log with {@code vigil audit verify --cluster --json}. The two
 * nodes run one after the other, so they share no port.
 */
class ClusterAuditIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    static Path kafkaDir;
    private static KafkaTestCluster kafka;

    @TempDir
    Path dir;

    @BeforeAll
    static void broker() throws Exception {
        kafka = KafkaTestCluster.single(kafkaDir);
    }

    @AfterAll
    static void stopBroker() {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static String clusterConfiguration(String nodeId) {
        return String.join("\n", "bootstrap.servers=" + kafka.bootstrapServers(), "node.id=" + nodeId, "topic.prefix=audit-it.",
                "replication.factor=1", "camera.partitions=3", "failover.session.timeout.ms=3000",
                "failover.heartbeat.interval.ms=500", "");
    }

    /** The node's object in a verify --cluster document, or null. */
    private static JsonNode node(InstalledDistribution.JsonRun run, String id) {
        for (JsonNode n : run.doc().path("nodes")) {
            if (n.path("node").asText().equals(id)) {
                return n;
            }
        }
        return null;
    }

    /** The node's chain is in the log, sealed and intact. */
    private static boolean published(InstalledDistribution.JsonRun run, String id) {
        JsonNode n = node(run, id);
        return n != null && n.path("entries").asInt() > 0 && n.path("checkpoints").asInt() > 0 && n.path("intact").asBoolean();
    }

    @Test
    void everyNodesTrailVerifiesFromTheClusterAuditLogOnAnyNode() throws Exception {
        try (InstalledDistribution a = new InstalledDistribution(dir.resolve("a"))) {
            a.start();
            a.awaitStatus(r -> r.exit() == 0, WAIT);
            InstalledDistribution.JsonRun alone = a.json("audit", "verify", "--cluster", "--json");
            assertEquals(3, alone.exit(), alone.doc() + alone.err());
            assertFalse(alone.doc().get("member").asBoolean(), alone.doc().toString());

            Files.writeString(a.deploy("io.vigil.cluster.cfg"), clusterConfiguration("node-a"));
            // an audited decision (sealed by a checkpoint at once): the alias, never the value
            assertEquals(0, a.vigil("not-a-real-password\n", "secret", "set", "it.audit").exit());
            InstalledDistribution.JsonRun member = a.awaitJson(r -> r.exit() == 0 && published(r, "node-a"), WAIT,
                    "audit", "verify", "--cluster", "--json");
            assertEquals("node-a", member.doc().get("read_by").asText());
            assertFalse(member.doc().toString().contains("not-a-real-password"), "a secret's value reached the audit log");
            a.stop();
        }

        try (InstalledDistribution b = new InstalledDistribution(dir.resolve("b"))) {
            Files.writeString(b.deploy("io.vigil.cluster.cfg"), clusterConfiguration("node-b"));
            b.start();
            b.awaitStatus(r -> r.exit() == 0, WAIT);
            assertEquals(0, b.vigil("another-value\n", "secret", "set", "it.audit").exit());
            InstalledDistribution.JsonRun both = b.awaitJson(r -> published(r, "node-a") && published(r, "node-b"), WAIT,
                    "audit", "verify", "--cluster", "--json");
            assertEquals(0, both.exit(), both.doc().toPrettyString());
            assertTrue(both.doc().get("intact").asBoolean());
            assertEquals("node-b", both.doc().get("read_by").asText());
            assertTrue(node(both, "node-a").get("first_break").isNull());
            assertFalse(node(both, "node-a").get("keys").get(0).asText().equals(node(both, "node-b").get("keys").get(0).asText()),
                    "each node signs with its own key");
            b.stop();
        }
    }
}
