package io.vigil.cluster.testing;

import io.vigil.brokers.KraftBrokers;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Real Apache Kafka brokers for tests: {@link KraftBrokers} (separate broker JVMs in KRaft mode on loopback, the
 * same the cluster demo starts) with a 256 MB heap each, started until the cluster's metadata lists every broker,
 * and an admin client of them. One combined broker+controller for quick tests; three combined nodes (replication
 * factor 3, {@code min.insync.replicas=2}) for fault tests.
 *
 * <p>The brokers' class path is {@code kafka_2.13} with its dependencies and a log4j binding, copied by the
 * build into {@code bundles/kafka-broker/target/lib} (system property {@value #LIB_PROPERTY}).
 */
public final class KafkaTestCluster extends KraftBrokers {

    /** System property: the folder of the brokers' jars. */
    public static final String LIB_PROPERTY = "vigil.kafka.lib";

    private KafkaTestCluster(Path lib, Path work) throws IOException {
        super(lib, work, "256m");
    }

    /** One combined broker and controller, internal topics with replication factor 1; started. */
    public static KafkaTestCluster single(Path work) throws IOException, InterruptedException {
        return start(work, 1);
    }

    /** Three combined nodes, replication factor 3 and {@code min.insync.replicas=2}; started. */
    public static KafkaTestCluster three(Path work) throws IOException, InterruptedException {
        return start(work, 3);
    }

    private static KafkaTestCluster start(Path work, int size) throws IOException, InterruptedException {
        String libProperty = System.getProperty(LIB_PROPERTY);
        if (libProperty == null) {
            throw new IllegalStateException("system property " + LIB_PROPERTY + " names no folder of Kafka's jars"
                    + " (the build copies them into bundles/kafka-broker/target/lib)");
        }
        KafkaTestCluster cluster = new KafkaTestCluster(Path.of(libProperty), work);
        cluster.start(size);
        try {
            cluster.awaitBrokers(size, startBound());
            return cluster;
        } catch (InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Waits until the cluster's metadata lists {@code count} live brokers. */
    public void awaitBrokers(int count, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        try (Admin admin = admin()) {
            while (true) {
                try {
                    if (admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size() == count) {
                        return;
                    }
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    // not yet: the controller is still electing or the brokers registering
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(count + " brokers not registered within " + bound);
                }
                Thread.sleep(200);
            }
        }
    }

    /** An admin client of this cluster (the caller closes it). */
    public Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000));
    }
}
