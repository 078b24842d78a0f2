package io.vigil.cluster.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The harness itself: real brokers start, carry records, survive a killed node, and stop completely. */
class KafkaTestClusterTest {

    private static Path work() {
        return Path.of(System.getProperty("vigil.kafka.work", "target/kafka"));
    }

    @Test
    void oneCombinedNodeCarriesRecordsAndStopsCleanly() throws Exception {
        KafkaTestCluster.Node node;
        try (KafkaTestCluster kafka = KafkaTestCluster.single(work())) {
            node = kafka.nodes().get(0);
            try (Admin admin = kafka.admin()) {
                admin.createTopics(List.of(new NewTopic("harness", 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
            }
            send(kafka, "harness", 20);
            assertEquals(20, readAll(kafka, "harness", 3).size());
            assertTrue(Files.readString(node.log()).contains("Kafka Server started"), "the broker logs through log4j");
        }
        assertFalse(node.alive(), "closed: the broker JVM is gone");
    }

    @Test
    void threeNodesLoseNoAcknowledgedRecordWhenOneIsKilled() throws Exception {
        try (KafkaTestCluster kafka = KafkaTestCluster.three(work())) {
            try (Admin admin = kafka.admin()) {
                admin.createTopics(List.of(new NewTopic("replicated", 2, (short) 3)
                        .configs(Map.of("min.insync.replicas", "2")))).all().get(30, TimeUnit.SECONDS);
            }
            send(kafka, "replicated", 50);
            KafkaTestCluster.Node victim = kafka.nodes().get(0);
            long killed = System.nanoTime();
            kafka.kill(victim);
            assertFalse(victim.alive());
            // acks=all with two of three replicas in sync: writes go on after the dead broker is fenced
            send(kafka, "replicated", 50);
            long stalledMs = (System.nanoTime() - killed) / 1_000_000;
            assertEquals(100, readAll(kafka, "replicated", 2).size());
            assertTrue(stalledMs < 30_000, "writes resumed " + stalledMs + " ms after the kill");
            kafka.awaitBrokers(2, Duration.ofSeconds(30));
        }
    }

    private static void send(KafkaTestCluster kafka, String topic, int count) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000), new StringSerializer(), new StringSerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                sent.add(producer.send(new ProducerRecord<>(topic, "k" + i, "v" + i)));
            }
            for (var f : sent) {
                f.get(90, TimeUnit.SECONDS);
            }
        }
    }

    private static List<ConsumerRecord<String, String>> readAll(KafkaTestCluster kafka, String topic, int partitions) {
        List<TopicPartition> all = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            all.add(new TopicPartition(topic, p));
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(all);
            consumer.seekToBeginning(all);
            Map<TopicPartition, Long> end = consumer.endOffsets(all);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (all.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            assertEquals(Set.copyOf(all), end.keySet());
            return records;
        }
    }
}
