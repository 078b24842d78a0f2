package io.vigil.api.alert;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * How long the alert store keeps alerts: the policy in force, as the store applies it. Those who
 * must state it (the compliance filing pack) read it here rather than from the store's
 * configuration, so the store's default and its validation stay in the store.
 */
@ProviderType
public interface AlertRetention {

    /** The policy in force; empty when the store refused its configuration and keeps no policy (its status says why). */
    Optional<RetentionPolicy> retention();
}
