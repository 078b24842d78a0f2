package io.vigil.api.cluster;

import org.osgi.annotation.versioning.ConsumerType;

/** Told each record of a followed {@link SharedLog}. */
@ConsumerType
public interface SharedLogListener {

    /**
     * One record, on the follower's own thread, in offset order per partition. Throwing makes the follower pause and
     * call again with the same record.
     */
    void record(SharedRecord record) throws Exception;

    /**
     * The follower has read every record that was in the log when it started (or when Kafka was reached again): what
     * the listener built is as complete as the cluster knows. Called once per start of the follower.
     */
    default void caughtUp() {
    }
}
