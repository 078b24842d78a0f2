package io.vigil.compliance.internal.ledger;

import io.vigil.api.alert.AlertRetention;
import io.vigil.api.alert.RetentionPolicy;
import java.util.Optional;

/**
 * The alert retention the filing pack states: the policy the alert store has in force, read
 * through its contract ({@link AlertRetention}); the pack must state the value in force, not
 * point to where it is kept.
 */
final class AlertRetentionStatement {

    private AlertRetentionStatement() {
    }

    /** What the pack states about {@code policy}. */
    static String of(RetentionPolicy policy) {
        return policy.days() + " days (" + policy.setting()
                + (policy.days() == policy.defaultDays() ? ", the default" : "; default " + policy.defaultDays()) + ")";
    }

    /** What the pack states; {@code store} may be absent (then: unknown, said so). */
    static String read(Optional<AlertRetention> store) {
        if (store.isEmpty()) {
            return "unknown: the alert store is not running";
        }
        return store.get().retention().map(AlertRetentionStatement::of)
                .orElse("none in force: the alert store refused its configuration (bin/vigil status, module alerts, says why)");
    }
}
