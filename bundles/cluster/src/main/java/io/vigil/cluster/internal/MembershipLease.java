package io.vigil.cluster.internal;

import java.util.function.LongSupplier;

/**
 * How long this node may still act on its camera assignment without news from Kafka: a local lease, shorter than
 * the group's session timeout by one heartbeat interval, so it runs out before the group coordinator can give the
 * cameras to another node. Read at call time by any thread ({@link #valid()}); renewed only by the assignment
 * thread.
 *
 * <p>Why not the consumer's {@code last-heartbeat-seconds-ago} metric: it counts from the last heartbeat
 * <em>sent</em>, in whole seconds, and a client resumed after SIGSTOP sends one at once, before the coordinator's
 * "you were fenced" comes back. Renewal here needs two things instead: an answer to a heartbeat since the previous
 * check (the consumer's {@code heartbeat-total}, which counts answers, so a node cut off from Kafka renews nothing),
 * and an unbroken chain of checks: a check made after the lease ran out (the thread stood still, or answers stopped)
 * never renews it. Only a new assignment from Kafka does, so a node resumed after a stall cannot revive ownership
 * the group has already given away, whatever answers arrive after it resumed.
 */
final class MembershipLease {

    private final long lengthNanos;
    private final LongSupplier clock;
    private volatile long expiresAt;
    // assignment thread only
    private long lastCheck;
    private double lastAnswers = Double.NaN;

    MembershipLease(long lengthNanos, LongSupplier clock) {
        this.lengthNanos = lengthNanos;
        this.clock = clock;
        this.expiresAt = clock.getAsLong();
    }

    /** Whether the lease holds now. */
    boolean valid() {
        return clock.getAsLong() - expiresAt < 0;
    }

    /** Kafka has just assigned partitions: the coordinator heard from this node a moment ago. */
    void granted() {
        long now = clock.getAsLong();
        expiresAt = now + lengthNanos;
        lastCheck = now;
    }

    /**
     * Once per poll of the assignment thread, with the consumer's count of heartbeat answers (NaN when the client
     * has no such metric: then the chain of checks alone renews). Renews from the previous check, before which the
     * answered heartbeat may have been sent. Returns whether the lease still holds.
     */
    boolean check(double answers) {
        long now = clock.getAsLong();
        long previous = lastCheck;
        boolean answered = Double.isNaN(answers) || answers > lastAnswers;
        lastCheck = now;
        lastAnswers = answers;
        if (now - expiresAt >= 0) {
            return false;
        }
        if (answered && previous + lengthNanos - expiresAt > 0) {
            expiresAt = previous + lengthNanos;
        }
        return true;
    }
}
