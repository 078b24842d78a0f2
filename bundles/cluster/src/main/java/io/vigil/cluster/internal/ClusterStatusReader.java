package io.vigil.cluster.internal;

import io.vigil.api.secret.SecretStoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@link ClusterStatus} from Kafka: the group's members and assignment (Admin), the committed positions
 * against the topic's end (lag), and the camera topic itself, read to its end by a consumer outside the group.
 */
final class ClusterStatusReader {

    private static final long BOUND_S = 20;

    private final KafkaClientSettings settings;

    ClusterStatusReader(KafkaClientSettings settings) {
        this.settings = settings;
    }

    ClusterStatus read() throws SecretStoreException, ExecutionException, TimeoutException, InterruptedException {
        ClusterOptions options = settings.options();
        String topic = options.cameraTopic();
        Map<String, Object> p = settings.common("status");
        p.put("default.api.timeout.ms", 15_000);
        p.put("request.timeout.ms", 10_000);
        try (Admin admin = KafkaClientSettings.withKafkaLoader(() -> Admin.create(p))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(options.assignmentGroup()))
                    .describedGroups().get(options.assignmentGroup()).get(BOUND_S, TimeUnit.SECONDS);
            TopicDescription described = admin.describeTopics(List.of(topic)).allTopicNames().get(BOUND_S, TimeUnit.SECONDS).get(topic);
            List<TopicPartition> partitions = described.partitions().stream().map(i -> new TopicPartition(topic, i.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(BOUND_S, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(options.assignmentGroup())
                    .partitionsToOffsetAndMetadata().get(BOUND_S, TimeUnit.SECONDS);

            Map<Integer, String> owners = new HashMap<>();
            for (MemberDescription m : group.members()) {
                m.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(topic))
                        .forEach(tp -> owners.put(tp.partition(), m.clientId()));
            }
            Map<String, Integer> cameraPartitions = cameras(partitions);
            List<ClusterStatus.Camera> cameras = new ArrayList<>();
            cameraPartitions.forEach((id, partition) -> cameras.add(new ClusterStatus.Camera(id, partition, owners.get(partition))));

            List<ClusterStatus.Node> nodes = new ArrayList<>();
            for (MemberDescription m : group.members()) {
                List<Integer> mine = m.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(topic))
                        .map(TopicPartition::partition).sorted().toList();
                long lag = 0;
                for (int partition : mine) {
                    TopicPartition tp = new TopicPartition(topic, partition);
                    OffsetAndMetadata at = committed.get(tp);
                    lag += Math.max(0, ends.get(tp).offset() - (at == null ? 0 : at.offset()));
                }
                List<String> theirs = cameras.stream().filter(c -> m.clientId().equals(c.owner())).map(ClusterStatus.Camera::camera).toList();
                nodes.add(new ClusterStatus.Node(m.clientId(), m.host(), mine, theirs, lag));
            }
            nodes.sort(Comparator.comparing(ClusterStatus.Node::node));
            return new ClusterStatus(options.assignmentGroup(), group.groupState().toString(), nodes, cameras);
        }
    }

    /** Every camera on the topic (latest record per id; a tombstone removes it) and its partition. */
    private Map<String, Integer> cameras(List<TopicPartition> partitions) throws SecretStoreException {
        Map<String, Object> p = settings.common("status");
        Map<String, Integer> cameras = new TreeMap<>();
        try (KafkaConsumer<String, String> consumer = KafkaClientSettings.withKafkaLoader(
                () -> new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer()))) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(BOUND_S));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BOUND_S);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() == null) {
                        continue;
                    }
                    if (r.value() == null) {
                        cameras.remove(r.key());
                    } else {
                        cameras.put(r.key(), r.partition());
                    }
                }
            }
        }
        return cameras;
    }
}
