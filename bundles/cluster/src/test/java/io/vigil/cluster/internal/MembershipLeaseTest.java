package io.vigil.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The local lease on a clock the test moves (nanoseconds; the length is 1000). */
class MembershipLeaseTest {

    private final AtomicLong now = new AtomicLong(Long.MAX_VALUE - 5_000); // nanoTime may wrap: compare by difference
    private final MembershipLease lease = new MembershipLease(1000, now::get);

    @Test
    void noLeaseBeforeAnAssignment() {
        assertFalse(lease.valid());
        assertFalse(lease.check(1));
    }

    @Test
    void heartbeatAnswersRenewItFromThePreviousCheck() {
        lease.granted();
        double answers = 0;
        for (int i = 0; i < 20; i++) {
            now.addAndGet(400);
            assertTrue(lease.check(++answers), "check " + i);
            assertTrue(lease.valid());
        }
        now.addAndGet(599); // 999 after the previous check, from which the last renewal counts
        assertTrue(lease.valid());
        now.addAndGet(1);
        assertFalse(lease.valid());
    }

    @Test
    void withoutAnswersItRunsOutThoughTheThreadKeepsChecking() {
        lease.granted();
        for (int i = 0; i < 2; i++) {
            now.addAndGet(400);
            assertTrue(lease.check(7));
        }
        now.addAndGet(200);
        assertFalse(lease.check(7));
        assertFalse(lease.valid());
    }

    @Test
    void aCheckAfterAStallNeverRevivesItOnlyANewAssignmentDoes() {
        lease.granted();
        lease.check(1);
        now.addAndGet(5_000); // stopped
        assertFalse(lease.valid(), "seen by any thread before the assignment thread runs");
        assertFalse(lease.check(2), "answers after the stall do not renew");
        now.addAndGet(100);
        assertFalse(lease.check(3));
        assertFalse(lease.valid());
        lease.granted();
        assertTrue(lease.valid());
    }

    @Test
    void withoutTheMetricTheChainOfChecksAloneRenews() {
        lease.granted();
        for (int i = 0; i < 5; i++) {
            now.addAndGet(400);
            assertTrue(lease.check(Double.NaN));
        }
        now.addAndGet(1_500);
        assertFalse(lease.check(Double.NaN));
    }
}
