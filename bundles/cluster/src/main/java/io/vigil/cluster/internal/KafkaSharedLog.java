package io.vigil.cluster.internal;

import io.vigil.api.cluster.ClusterException;
import io.vigil.api.cluster.LogTopic;
import io.vigil.api.cluster.SharedLog;
import io.vigil.api.cluster.SharedLogListener;
import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The cluster's shared logs on Kafka: one idempotent producer for every log this node appends to, one plain
 * consumer (no group) per follower. Exists only with {@code conf/io.vigil.cluster.cfg}; a one-shot command container
 * has it too, since reading or appending joins no group and takes nothing from the running nodes.
 */
@Component(configurationPid = KafkaCameraAssignment.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
public class KafkaSharedLog implements SharedLog {

    /** How long Kafka may take to acknowledge a record before the caller is told to keep it and try later. */
    static final java.time.Duration DELIVERY_BOUND = java.time.Duration.ofSeconds(30);

    private final KafkaClientSettings settings;
    private final Logger log;
    private final Admin admin;
    private final LogTopics topics;
    private final Set<LogFollower> followers = ConcurrentHashMap.newKeySet();
    private final java.util.concurrent.atomic.AtomicInteger readers = new java.util.concurrent.atomic.AtomicInteger();
    private final int deliveryMs;
    private KafkaProducer<String, byte[]> producer;

    @Activate
    public KafkaSharedLog(@Reference SecretStore secrets, @Reference(service = LoggerFactory.class) Logger log,
            KafkaCameraAssignment.Config config) throws SecretStoreException {
        this(new KafkaClientSettings(ClusterOptions.from(config), secrets::password), log, DELIVERY_BOUND);
    }

    KafkaSharedLog(KafkaClientSettings settings, Logger log, java.time.Duration deliveryBound) throws SecretStoreException {
        this.settings = settings;
        this.log = log;
        this.deliveryMs = (int) deliveryBound.toMillis();
        Map<String, Object> p = settings.common("logs-admin");
        p.put("default.api.timeout.ms", 15_000);
        p.put("request.timeout.ms", 10_000);
        this.admin = KafkaClientSettings.withKafkaLoader(() -> Admin.create(p));
        this.topics = new LogTopics(settings.options(), admin);
    }

    @Override
    public String nodeId() {
        return settings.options().nodeId();
    }

    @Override
    public void append(LogTopic logTopic, String key, byte[] value) throws ClusterException {
        Objects.requireNonNull(key, "key");
        String topic = topics.ensure(logTopic);
        try {
            producer().send(new ProducerRecord<>(topic, key, value)).get(deliveryMs + 15_000L, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ClusterException("Kafka did not take the record for " + topic + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ClusterException("Kafka at " + settings.options().bootstrapServers() + " did not acknowledge a record for "
                    + topic + " within " + (deliveryMs / 1000) + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while appending to " + topic, e);
        } catch (org.apache.kafka.common.KafkaException e) {
            // send() itself refuses when metadata does not arrive within max.block.ms
            throw new ClusterException("Kafka did not take the record for " + topic + ": " + e.getMessage(), e);
        }
    }

    private synchronized KafkaProducer<String, byte[]> producer() throws ClusterException {
        if (producer == null) {
            Map<String, Object> p;
            try {
                p = settings.common("logs");
            } catch (SecretStoreException e) {
                throw new ClusterException(e.getMessage(), e);
            }
            p.put("acks", "all");
            p.put("enable.idempotence", true);
            // the producer's own verdict (delivery.timeout.ms) comes before the wait in append gives up
            p.put("max.block.ms", deliveryMs / 3);
            p.put("request.timeout.ms", deliveryMs / 3);
            p.put("delivery.timeout.ms", deliveryMs);
            p.put("linger.ms", 5);
            producer = KafkaClientSettings.withKafkaLoader(() -> new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer()));
        }
        return producer;
    }

    @Override
    public AutoCloseable follow(LogTopic logTopic, Map<Integer, Long> from, SharedLogListener listener) {
        LogFollower follower = new LogFollower(logTopic, from, listener, topics,
                () -> consumer(logTopic.name()), log::warn);
        followers.add(follower);
        follower.start();
        return () -> {
            followers.remove(follower);
            follower.close();
        };
    }

    private KafkaConsumer<String, byte[]> consumer(String logName) {
        Map<String, Object> p;
        try {
            // one client id per reader: Kafka registers each client under its id
            p = settings.common("log-" + logName + "-" + readers.incrementAndGet());
        } catch (SecretStoreException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        p.put("enable.auto.commit", false);
        p.put("auto.offset.reset", "earliest");
        p.put("default.api.timeout.ms", 30_000);
        p.put("request.timeout.ms", 10_000);
        return KafkaClientSettings.withKafkaLoader(() -> new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer()));
    }

    @Deactivate
    void deactivate() {
        for (LogFollower f : followers) {
            f.close();
        }
        followers.clear();
        synchronized (this) {
            if (producer != null) {
                producer.close(java.time.Duration.ofSeconds(5));
            }
        }
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
