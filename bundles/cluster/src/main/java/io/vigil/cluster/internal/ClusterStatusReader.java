package io.vigil.cluster.internal;

import io.vigil.api.secret.SecretStoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
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
            // before any node has joined (or created the camera topic) Kafka knows neither: an empty cluster
            Optional<ConsumerGroupDescription> group = absentAs(Optional.empty(), () -> Optional.of(admin
                    .describeConsumerGroups(List.of(options.assignmentGroup())).describedGroups()
                    .get(options.assignmentGroup()).get(BOUND_S, TimeUnit.SECONDS)));
            Optional<TopicDescription> described = absentAs(Optional.empty(), () -> Optional.of(admin
                    .describeTopics(List.of(topic)).allTopicNames().get(BOUND_S, TimeUnit.SECONDS).get(topic)));
            List<TopicPartition> partitions = described.map(d -> d.partitions().stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList()).orElse(List.of());
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = partitions.isEmpty() ? Map.of()
                    : admin.listOffsets(latest).all().get(BOUND_S, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> committed = absentAs(Map.of(), () -> admin
                    .listConsumerGroupOffsets(options.assignmentGroup()).partitionsToOffsetAndMetadata().get(BOUND_S, TimeUnit.SECONDS));
            List<MemberDescription> members = group.map(g -> List.copyOf(g.members())).orElse(List.of());

            Map<Integer, String> owners = new HashMap<>();
            for (MemberDescription m : members) {
                m.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(topic))
                        .forEach(tp -> owners.put(tp.partition(), m.clientId()));
            }
            Map<String, Integer> cameraPartitions = partitions.isEmpty() ? Map.of() : cameras(partitions);
            List<ClusterStatus.Camera> cameras = new ArrayList<>();
            cameraPartitions.forEach((id, partition) -> cameras.add(new ClusterStatus.Camera(id, partition, owners.get(partition))));

            List<ClusterStatus.Node> nodes = new ArrayList<>();
            for (MemberDescription m : members) {
                List<Integer> mine = m.assignment().topicPartitions().stream().filter(tp -> tp.topic().equals(topic))
                        .map(TopicPartition::partition).sorted().toList();
                long lag = 0;
                for (int partition : mine) {
                    TopicPartition tp = new TopicPartition(topic, partition);
                    OffsetAndMetadata at = committed.get(tp);
                    ListOffsetsResult.ListOffsetsResultInfo end = ends.get(tp);
                    lag += end == null ? 0 : Math.max(0, end.offset() - (at == null ? 0 : at.offset()));
                }
                List<String> theirs = cameras.stream().filter(c -> m.clientId().equals(c.owner())).map(ClusterStatus.Camera::camera).toList();
                nodes.add(new ClusterStatus.Node(m.clientId(), m.host(), mine, theirs, lag));
            }
            nodes.sort(Comparator.comparing(ClusterStatus.Node::node));
            return new ClusterStatus(options.assignmentGroup(), group.map(g -> g.groupState().toString())
                    .orElse("NONE (no node has joined)"), nodes, cameras);
        }
    }

    /** A Kafka query whose group or topic may not exist yet. */
    @FunctionalInterface
    private interface Query<T> {
        T get() throws ExecutionException, TimeoutException, InterruptedException;
    }

    private static <T> T absentAs(T absent, Query<T> query) throws ExecutionException, TimeoutException, InterruptedException {
        try {
            return query.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException || e.getCause() instanceof UnknownTopicOrPartitionException) {
                return absent;
            }
            throw e;
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
