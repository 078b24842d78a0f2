package io.vigil.api.cluster;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One log of the cluster, as its users declare it (the same declaration on every node).
 *
 * @param name       the log's name without the cluster's topic prefix, e.g. {@code alerts}
 * @param compacted  true: Kafka keeps the latest record of each key (a {@code null} value removes the key); false:
 *                   every record is kept for good (retention by time is the reader's business, not Kafka's)
 * @param partitions how many partitions a new log gets: the most nodes that can read its parts in parallel; one
 *                   partition gives a single total order
 */
public record LogTopic(String name, boolean compacted, int partitions) {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,100}");

    public LogTopic {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("log name '" + name + "' is not a-z 0-9 . _ -");
        }
        if (partitions < 1 || partitions > 10_000) {
            throw new IllegalArgumentException("partitions must be 1 to 10000");
        }
    }
}
