package io.vigil.cluster.internal;

import io.vigil.api.cluster.ClusterException;
import io.vigil.api.cluster.LogTopic;
import io.vigil.api.cluster.SharedLogListener;
import io.vigil.api.cluster.SharedRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Reads one shared log on a thread of its own and hands each record to a listener. It is no group member: every
 * node reads every partition, from the positions the listener stored, so that what each node builds from the log is
 * the same and survives a restart without Kafka keeping anything per node.
 */
final class LogFollower implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final long FIRST_PAUSE_MS = 500;
    private static final long LONGEST_PAUSE_MS = 10_000;

    private final LogTopic log;
    private final Map<Integer, Long> from;
    private final SharedLogListener listener;
    private final LogTopics topics;
    private final Supplier<KafkaConsumer<String, byte[]>> consumers;
    private final Consumer<String> warn;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private final Object pauses = new Object();
    private long retryPause = FIRST_PAUSE_MS;

    LogFollower(LogTopic log, Map<Integer, Long> from, SharedLogListener listener, LogTopics topics,
            Supplier<KafkaConsumer<String, byte[]>> consumers, Consumer<String> warn) {
        this.log = log;
        this.from = Map.copyOf(from);
        this.listener = listener;
        this.topics = topics;
        this.consumers = consumers;
        this.warn = warn;
        this.thread = new Thread(this::run, "vigil-log-" + log.name());
        thread.setDaemon(true);
    }

    LogFollower start() {
        thread.start();
        return this;
    }

    private void run() {
        Map<Integer, Long> next = new HashMap<>(from);
        while (running) {
            String topic = topicUntilReady();
            if (topic == null) {
                return;
            }
            try (KafkaConsumer<String, byte[]> c = consumers.get()) {
                consumer = c;
                if (running) {
                    follow(c, topic, next);
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                // Kafka gone for longer than a request's bound: start again from the last record handed over
                if (running) {
                    warn.accept("cluster: following the log " + log.name() + " interrupted (again in " + retryPause
                            + " ms): " + e);
                    pause(retryPause);
                    retryPause = Math.min(LONGEST_PAUSE_MS, retryPause * 2);
                }
            } finally {
                consumer = null;
            }
        }
    }

    /** One session with Kafka: from {@code next} (updated as records are handed over) until closed or failed. */
    private void follow(KafkaConsumer<String, byte[]> c, String topic, Map<Integer, Long> next) {
        List<TopicPartition> partitions = partitions(c, topic);
        c.assign(partitions);
        for (TopicPartition p : partitions) {
            Long position = next.get(p.partition());
            if (position == null) {
                c.seekToBeginning(List.of(p));
            } else {
                c.seek(p, position);
            }
        }
        Map<TopicPartition, Long> end = new HashMap<>(c.endOffsets(partitions, Duration.ofSeconds(30)));
        boolean caughtUp = false;
        while (running) {
            if (!caughtUp && reached(c, end)) {
                caughtUp = true;
                listener.caughtUp();
            }
            for (ConsumerRecord<String, byte[]> r : c.poll(POLL)) {
                if (!deliver(c, r)) {
                    break;
                }
                next.put(r.partition(), r.offset() + 1);
            }
        }
    }

    /**
     * Hands one record to the listener; false when it threw: the follower then goes back to that record and reads it
     * again after a pause that doubles up to ten seconds, so nothing is skipped and nothing overtakes it.
     */
    private boolean deliver(KafkaConsumer<String, byte[]> c, ConsumerRecord<String, byte[]> r) {
        SharedRecord record = new SharedRecord(r.partition(), r.offset(), r.key() == null ? "" : r.key(), r.value(),
                Instant.ofEpochMilli(r.timestamp()));
        try {
            listener.record(record);
            retryPause = FIRST_PAUSE_MS;
            return true;
        } catch (Exception e) {
            warn.accept("cluster: log " + log.name() + " record " + r.partition() + "/" + r.offset()
                    + " not applied (trying again in " + retryPause + " ms): " + e);
            // the records polled after this one are dropped with the seek and read again in order
            c.seek(new TopicPartition(r.topic(), r.partition()), r.offset());
            pause(retryPause);
            retryPause = Math.min(LONGEST_PAUSE_MS, retryPause * 2);
            return false;
        }
    }

    private static boolean reached(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (c.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> c, String topic) {
        List<TopicPartition> out = new ArrayList<>();
        for (PartitionInfo info : c.partitionsFor(topic, Duration.ofSeconds(30))) {
            out.add(new TopicPartition(topic, info.partition()));
        }
        return out;
    }

    /** The log's topic, waiting (with back-off) while Kafka cannot be reached; null once closed. */
    private String topicUntilReady() {
        long pause = FIRST_PAUSE_MS;
        while (running) {
            try {
                return topics.ensure(log);
            } catch (ClusterException e) {
                warn.accept("cluster: cannot follow the log " + log.name() + " yet: " + e.getMessage());
                if (!pause(pause)) {
                    return null;
                }
                pause = Math.min(LONGEST_PAUSE_MS, pause * 2);
            }
        }
        return null;
    }

    /** Waits, or less when the follower is closed meanwhile (the listener's thread is never interrupted). */
    private boolean pause(long ms) {
        synchronized (pauses) {
            if (running) {
                try {
                    pauses.wait(ms);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
        }
        return running;
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        synchronized (pauses) {
            pauses.notifyAll();
        }
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
