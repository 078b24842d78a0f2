package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.cluster.testing.KafkaTestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster bundle in the real container: without conf/io.vigil.cluster.cfg nothing changes (the Kafka client
 * bundles resolve and stay idle, nothing joins anything); with it, against a real broker, the node joins the
 * camera-assignment group and vigil cluster status shows it owning the cameras published to the cluster; with a
 * wrong one vigil status names the setting; a one-shot container never joins. One broker for the class (each test
 * has its own topic prefix): starting one costs seconds to tens of seconds on a loaded machine.
 */
class ClusterIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

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

    private static boolean active(String status, String bundle) {
        return Pattern.compile("(?m)^\\s+\\d+ ACTIVE\\s+" + Pattern.quote(bundle) + "\\s").matcher(status).find();
    }

    @Test
    void aNodeWithoutClusterConfigurationRunsAloneAndOneWithItJoinsTheCluster() throws Exception {
        try (InstalledDistribution vigil = new InstalledDistribution(dir.resolve("node"))) {
            vigil.start();
            InstalledDistribution.Result status = vigil.awaitStatus(r -> r.exit() == 0, WAIT);
            // the wrapped Kafka client and its compression libraries resolve in Felix
            for (String bundle : List.of("io.vigil.kafka", "lz4-java", "com.github.luben.zstd-jni",
                    "org.xerial.snappy.snappy-java", "io.vigil.cluster")) {
                assertTrue(active(status.output(), bundle), bundle + " not active:\n" + status.output());
            }
            InstalledDistribution.JsonRun alone = vigil.json("cluster", "status", "--json");
            assertEquals(0, alone.exit(), alone.err());
            assertEquals(Map.of("member", false), new com.fasterxml.jackson.databind.ObjectMapper().convertValue(alone.doc(), Map.class));
            assertFalse(vigil.logs().contains("cluster: node"), "no Kafka client started without the configuration");

            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                    kafka.bootstrapServers(), "acks", "all"), new StringSerializer(), new StringSerializer())) {
                for (String camera : List.of("lobby", "gate", "garage")) {
                    producer.send(new ProducerRecord<>("it.cameras", camera, "{}")).get(60, TimeUnit.SECONDS);
                }
            }
            Files.writeString(vigil.deploy("io.vigil.cluster.cfg"), String.join("\n",
                    "bootstrap.servers=" + kafka.bootstrapServers(), "node.id=node-a", "topic.prefix=it.",
                    "replication.factor=1", "camera.partitions=6", "failover.session.timeout.ms=3000",
                    "failover.heartbeat.interval.ms=500", ""));
            InstalledDistribution.JsonRun member = vigil.awaitJson(r -> r.exit() == 0
                    && r.list("nodes").size() == 1 && r.list("nodes").get(0).get("node").asText().equals("node-a")
                    && r.list("cameras").stream().anyMatch(c -> c.get("camera").asText().equals("lobby") && c.has("partition"))
                    && r.list("cameras").stream().filter(c -> c.get("owner").asText().equals("node-a")).count() == 3,
                    WAIT, "cluster", "status", "--json");
            assertTrue(member.doc().get("member").asBoolean(), member.doc().toPrettyString());
            InstalledDistribution.Result text = vigil.vigil("", "cluster", "status");
            assertEquals(0, text.exit(), text.output());
            assertTrue(Pattern.compile("(?m)^node-a\\s+\\S+\\s+3\\s+\\d+$").matcher(text.output()).find(), text.output());

            // a configuration without a node id: the member stops, and vigil status says what is wrong
            Files.writeString(vigil.deploy("io.vigil.cluster.cfg"), "bootstrap.servers=" + kafka.bootstrapServers() + "\n");
            InstalledDistribution.Result wrong = vigil.awaitStatus(r -> r.output().contains("node.id"), WAIT);
            assertEquals(3, wrong.exit(), wrong.output());
        }
    }

    /**
     * A container made for one command (nothing running) has the cluster configuration too, but runs no camera:
     * had it joined, it would take cameras from the running nodes for the seconds it lives. Kafka is asked about
     * the group throughout the commands, and the one-shot cluster status itself lists no node.
     */
    @Test
    void aOneShotContainerNeverJoinsTheGroup() throws Exception {
        try (InstalledDistribution vigil = new InstalledDistribution(dir.resolve("node"));
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            Files.writeString(vigil.deploy("io.vigil.cluster.cfg"), String.join("\n",
                    "bootstrap.servers=" + kafka.bootstrapServers(), "node.id=node-b", "topic.prefix=oneshot.",
                    "replication.factor=1", "camera.partitions=3", "failover.session.timeout.ms=3000",
                    "failover.heartbeat.interval.ms=500", ""));
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger samples = new AtomicInteger();
            AtomicInteger mostMembers = new AtomicInteger();
            Thread sampler = new Thread(() -> {
                while (running.get()) {
                    mostMembers.accumulateAndGet(members(admin, "oneshot.camera-assignment"), Math::max);
                    samples.incrementAndGet();
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "group-sampler");
            sampler.start();
            InstalledDistribution.JsonRun status;
            InstalledDistribution.Result alerts;
            try {
                status = vigil.json("cluster", "status", "--json");
                alerts = vigil.vigil("", "alerts", "list");
            } finally {
                running.set(false);
                sampler.join(30_000);
            }
            assertEquals(0, status.exit(), status.err());
            assertTrue(status.doc().get("member").asBoolean() && status.list("nodes").isEmpty(),
                    "the one-shot container read the configuration and saw no node in the group:\n" + status.doc().toPrettyString());
            assertEquals(0, alerts.exit(), alerts.output());
            assertTrue(samples.get() > 3, "the group was sampled while the commands ran: " + samples.get());
            assertEquals(0, mostMembers.get(), "members of the camera-assignment group seen during the one-shot commands");
            assertEquals(0, members(admin, "oneshot.camera-assignment"), "members after");
            assertTrue(vigil.logs().contains("cluster: one-shot container, not joining oneshot.camera-assignment"),
                    "the cluster component ran in the one-shot container:\n" + vigil.logs());
        }
    }

    /** Members of a consumer group now: 0 when Kafka knows no such group. */
    private static int members(Admin admin, String group) {
        try {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group);
            return d.members().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return 0;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }
}
