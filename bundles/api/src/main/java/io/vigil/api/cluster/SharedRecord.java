package io.vigil.api.cluster;

import java.time.Instant;
import java.util.Objects;

/**
 * One record of a {@link SharedLog}.
 *
 * @param partition the log's partition it was read from
 * @param offset    its position in that partition: store {@code offset + 1} as where to follow from next time
 * @param key       its key (records with one key are in one partition, in order)
 * @param value     its bytes, or {@code null} for a tombstone
 * @param appended  when Kafka appended it (the producer's time)
 */
public record SharedRecord(int partition, long offset, String key, byte[] value, Instant appended) {

    public SharedRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(appended, "appended");
    }
}
