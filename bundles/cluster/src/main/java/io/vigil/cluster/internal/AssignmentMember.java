package io.vigil.cluster.internal;

import io.vigil.api.cluster.CameraAssignmentListener;
import io.vigil.api.cluster.ClusterException;
import io.vigil.api.cluster.OwnedCamera;
import io.vigil.api.secret.SecretStoreException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * This node as a member of the camera-assignment group: one thread that makes sure the camera topic exists, sets
 * the group's session timeout (the failover bound), then polls the topic as a KIP-848 consumer-group member. The
 * partitions Kafka assigns are this node's cameras; each newly assigned partition is read from its beginning (the
 * compacted topic is the state), a revoked or lost one is dropped and the listeners told before the revocation
 * completes, so Kafka hands it to another node only once this one has let it go. A node that stalls (SIGSTOP, a
 * long pause) or is cut off hears nothing until it runs again, so ownership also ends with a local lease
 * ({@link MembershipLease}): once it runs out, {@link #owns} answers false at once, the listeners are told, and the
 * member leaves and re-joins the group to be given a fresh assignment.
 */
final class AssignmentMember implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(2);
    private static final long COMMIT_EVERY_NS = TimeUnit.SECONDS.toNanos(2);
    private static final Duration CLOSE_BOUND = Duration.ofSeconds(5);
    /** The first and the longest wait before a member that failed unexpectedly joins again (doubled each time). */
    private static final Duration RESTART_FIRST = Duration.ofSeconds(1);
    private static final Duration RESTART_LONGEST = Duration.ofSeconds(30);

    private final KafkaClientSettings settings;
    private final Consumer<String> warn;
    private final Function<Map<String, Object>, KafkaConsumer<String, String>> consumers;
    private final Ownership ownership = new Ownership();
    private final MembershipLease lease;
    private final List<CameraAssignmentListener> listeners = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private final java.util.concurrent.CountDownLatch stopping = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, String> consumer;
    private volatile KafkaProducer<String, String> producer;
    private volatile String state = "connecting to Kafka";

    AssignmentMember(KafkaClientSettings settings, Consumer<String> warn) {
        this(settings, warn, properties -> new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer()));
    }

    /** For tests: {@code consumers} makes each client of the group from its properties. */
    AssignmentMember(KafkaClientSettings settings, Consumer<String> warn,
            Function<Map<String, Object>, KafkaConsumer<String, String>> consumers) {
        this.settings = settings;
        this.warn = warn;
        this.consumers = consumers;
        this.lease = new MembershipLease(TimeUnit.MILLISECONDS.toNanos(settings.options().leaseMs()), System::nanoTime);
        this.thread = new Thread(this::run, "vigil-cluster-assignment");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** "member", "connecting to Kafka", or what went wrong last. */
    String state() {
        return state;
    }

    /** Empty once the lease ran out, before Kafka says anything. */
    Map<String, OwnedCamera> owned() {
        return lease.valid() ? ownership.snapshot() : Map.of();
    }

    /** False once the lease ran out: checked at call time, so a thread resumed after a stall sees it first. */
    boolean owns(String cameraId, long epoch) {
        return lease.valid() && ownership.owns(cameraId, epoch);
    }

    AutoCloseable subscribe(CameraAssignmentListener listener) {
        listeners.add(listener);
        tell(listener, owned());
        return () -> listeners.remove(listener);
    }

    void publish(String cameraId, String configuration) throws ClusterException {
        if (configuration == null) {
            throw new ClusterException("camera " + cameraId + ": a configuration is needed (withdraw removes a camera)");
        }
        write(cameraId, configuration);
    }

    /** A tombstone: compaction removes the camera, and its owner stops it. */
    void withdraw(String cameraId) throws ClusterException {
        write(cameraId, null);
    }

    private void write(String cameraId, String configuration) throws ClusterException {
        if (cameraId == null || cameraId.isBlank()) {
            throw new ClusterException("a camera id is needed");
        }
        KafkaProducer<String, String> p = producer;
        if (p == null) {
            throw new ClusterException("not connected to Kafka yet (" + state + ")");
        }
        try {
            p.send(new ProducerRecord<>(settings.options().cameraTopic(), cameraId, configuration)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new ClusterException("Kafka did not acknowledge camera " + cameraId + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while publishing camera " + cameraId, e);
        }
    }

    private void run() {
        try {
            while (running && !prepare()) {
                sleep(RETRY);
            }
            Duration backoff = RESTART_FIRST;
            while (running) {
                long since = System.nanoTime();
                try {
                    member();
                } catch (WakeupException e) {
                    throw e; // only close() wakes the client
                } catch (RuntimeException e) {
                    if (!running) {
                        break;
                    }
                    // a member that ran well for a while starts its back-off afresh
                    backoff = System.nanoTime() - since > RESTART_LONGEST.toNanos() ? RESTART_FIRST : backoff;
                    restart(e, backoff);
                    backoff = backoff.multipliedBy(2).compareTo(RESTART_LONGEST) > 0 ? RESTART_LONGEST : backoff.multipliedBy(2);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            state = "failed: " + e;
            warn.accept("cluster: camera assignment stopped: " + e);
        } finally {
            KafkaConsumer<String, String> c = consumer;
            if (c != null) {
                // a clean leave: the group reassigns this node's cameras at once instead of after the session timeout
                c.close(CloseOptions.timeout(CLOSE_BOUND));
            }
            if (ownership.clear()) {
                notifyListeners();
            }
        }
    }

    /**
     * The member failed in a way Kafka's client does not handle itself (a client in a state it cannot leave, a bug):
     * its cameras count as lost at once, the client is closed (bounded; its leave may not reach Kafka) and, after the
     * back-off, a new client joins the group for a fresh share, rather than this node holding no cameras for good.
     */
    private void restart(RuntimeException failure, Duration backoff) {
        state = "restarting after: " + failure;
        warn.accept("cluster: camera assignment failed (" + failure + "): its cameras count as lost; joining the group"
                + " again with a new client in " + backoff.toMillis() + " ms");
        if (ownership.clear()) {
            notifyListeners();
        }
        try {
            consumer.close(CloseOptions.timeout(CLOSE_BOUND));
        } catch (RuntimeException e) {
            warn.accept("cluster: closing the failed client failed: " + e.getMessage());
        }
        sleep(backoff);
        KafkaConsumer<String, String> fresh = newConsumer();
        consumer = fresh;
        if (!running) {
            fresh.wakeup(); // close() ran meanwhile and woke the old client
        }
    }

    private KafkaConsumer<String, String> newConsumer() {
        return KafkaClientSettings.withKafkaLoader(() -> consumers.apply(consumerProperties()));
    }

    /** Topic and group settings, then the clients; false (to retry) while Kafka cannot be reached. */
    private boolean prepare() {
        ClusterOptions options = settings.options();
        try (Admin admin = KafkaClientSettings.withKafkaLoader(() -> {
            try {
                Map<String, Object> p = settings.common("admin");
                p.put("default.api.timeout.ms", 15_000);
                p.put("request.timeout.ms", 10_000);
                return Admin.create(p);
            } catch (SecretStoreException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        })) {
            NewTopic topic = new NewTopic(options.cameraTopic(), options.cameraPartitions(), (short) options.replicationFactor())
                    .configs(Map.of("cleanup.policy", "compact",
                            "min.insync.replicas", Integer.toString(Math.min(2, options.replicationFactor()))));
            try {
                admin.createTopics(List.of(topic)).all().get(20, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            groupTimeouts(admin, options);
        } catch (ExecutionException | TimeoutException e) {
            state = "waiting for Kafka at " + options.bootstrapServers() + ": " + (e.getCause() != null ? e.getCause() : e);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        }
        consumer = newConsumer();
        producer = KafkaClientSettings.withKafkaLoader(() -> new KafkaProducer<>(producerProperties(),
                new StringSerializer(), new StringSerializer()));
        return true;
    }

    /**
     * The group's member session timeout and heartbeat: with the KIP-848 protocol these are the group's settings,
     * not the client's. Refused when outside the brokers' group.consumer.min/max bounds: the brokers' defaults
     * (45 s) then apply, and the failover takes that long.
     */
    private void groupTimeouts(Admin admin, ClusterOptions options) throws InterruptedException {
        ConfigResource group = new ConfigResource(ConfigResource.Type.GROUP, options.assignmentGroup());
        try {
            admin.incrementalAlterConfigs(Map.of(group, List.of(
                    new AlterConfigOp(new ConfigEntry("consumer.session.timeout.ms", Integer.toString(options.sessionTimeoutMs())), AlterConfigOp.OpType.SET),
                    new AlterConfigOp(new ConfigEntry("consumer.heartbeat.interval.ms", Integer.toString(options.heartbeatMs())), AlterConfigOp.OpType.SET))))
                    .all().get(20, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            warn.accept("cluster: Kafka refused the group's failover.session.timeout.ms=" + options.sessionTimeoutMs()
                    + "/failover.heartbeat.interval.ms=" + options.heartbeatMs() + " (" + (e.getCause() != null ? e.getCause().getMessage() : e)
                    + "); the brokers' group.consumer.session.timeout.ms applies: lower group.consumer.min.session.timeout.ms on the brokers");
        }
    }

    private Map<String, Object> consumerProperties() {
        try {
            // client.id is the node id itself: vigil cluster status names each member by it
            Map<String, Object> p = settings.common("");
            p.put("group.id", settings.options().assignmentGroup());
            p.put("group.protocol", "consumer");
            p.put("enable.auto.commit", false);
            p.put("auto.offset.reset", "earliest");
            return p;
        } catch (SecretStoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private Map<String, Object> producerProperties() {
        try {
            Map<String, Object> p = settings.common("cameras");
            p.put("acks", "all");
            p.put("enable.idempotence", true);
            p.put("delivery.timeout.ms", 30_000);
            p.put("request.timeout.ms", 10_000);
            return p;
        } catch (SecretStoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private void member() {
        join(consumer);
        state = "member of " + settings.options().assignmentGroup();
        long lastCommit = System.nanoTime();
        while (running) {
            KafkaConsumer<String, String> c = consumer;
            for (ConsumerRecord<String, String> r : c.poll(POLL)) {
                ownership.record(r.partition(), r.key(), r.value());
            }
            if (!lease.check(heartbeatAnswers(c)) && !ownership.snapshot().isEmpty()) {
                lapsed(c);
                continue; // c is closed: the next round polls the new client
            }
            if (ownership.refresh()) {
                notifyListeners();
            }
            if (System.nanoTime() - lastCommit > COMMIT_EVERY_NS && !c.assignment().isEmpty()) {
                // only for vigil cluster status's lag: a new owner reads its partitions from the beginning anyway
                c.commitAsync();
                lastCommit = System.nanoTime();
            }
        }
    }

    /**
     * The lease ran out while this node held cameras: it stalled or was cut off, and the group may have given them
     * away. Drop them, then leave and join again as a new member: if the group never noticed, the consumer would
     * otherwise keep the partitions without ever assigning them anew, and nobody would run those cameras. A new
     * client rather than unsubscribe and subscribe: on a consumer the group has just fenced, subscribe failed now
     * and then ("dynamically assign partitions while manual assignment in use") and ended the membership.
     */
    private void lapsed(KafkaConsumer<String, String> c) {
        warn.accept("cluster: no answer from Kafka for " + settings.options().leaseMs()
                + " ms (this node stalled or is cut off): its cameras count as lost; joining the group again");
        ownership.clear();
        notifyListeners();
        try {
            c.close(CloseOptions.timeout(CLOSE_BOUND));
        } catch (org.apache.kafka.common.KafkaException e) {
            // cut off: the leave could not be sent; the group drops this member when its session runs out
            warn.accept("cluster: leaving the group failed: " + e.getMessage());
        }
        KafkaConsumer<String, String> fresh = newConsumer();
        consumer = fresh;
        if (!running) {
            fresh.wakeup(); // close() ran meanwhile and woke the old client
        }
        join(fresh);
    }

    /** The consumer's count of heartbeat answers (any answer: fencing errors end the assignment by themselves). */
    private static double heartbeatAnswers(KafkaConsumer<String, String> c) {
        for (var m : c.metrics().entrySet()) {
            if (m.getKey().name().equals("heartbeat-total") && m.getKey().group().equals("consumer-coordinator-metrics")) {
                return ((Number) m.getValue().metricValue()).doubleValue();
            }
        }
        return Double.NaN;
    }

    private void join(KafkaConsumer<String, String> c) {
        c.subscribe(List.of(settings.options().cameraTopic()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                if (ownership.removed(numbers(partitions))) {
                    notifyListeners();
                }
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                onPartitionsRevoked(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                if (partitions.isEmpty()) {
                    return;
                }
                lease.granted();
                ownership.assigned(numbers(partitions), c.groupMetadata().generationId());
                c.seekToBeginning(partitions);
            }
        });
    }

    private static List<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).toList();
    }

    private void notifyListeners() {
        Map<String, OwnedCamera> now = owned();
        for (CameraAssignmentListener l : listeners) {
            tell(l, now);
        }
    }

    private void tell(CameraAssignmentListener listener, Map<String, OwnedCamera> owned) {
        try {
            listener.assignmentChanged(owned);
        } catch (RuntimeException e) {
            warn.accept("cluster: a camera assignment listener failed: " + e);
        }
    }

    private void sleep(Duration d) {
        try {
            stopping.await(d.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Leaves the group cleanly (bounded) and stops the thread; the cameras go to the other nodes at once. */
    @Override
    public void close() {
        running = false;
        stopping.countDown();
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(CLOSE_BOUND.toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        KafkaProducer<String, String> p = producer;
        if (p != null) {
            p.close(CLOSE_BOUND);
        }
    }
}
