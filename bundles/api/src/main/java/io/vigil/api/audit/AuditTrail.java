package io.vigil.api.audit;

import java.util.Map;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The append-only, hash-chained audit trail. An entry is durable when {@link #record} returns; a
 * bundle that must not act without a record (deleting data, confirming an alert) records first.
 * Details never hold secrets, faces or names of people on watchlists: pseudonyms and ids only.
 */
@ProviderType
public interface AuditTrail {

    /**
     * @param action  what happened, from {@link AuditActions} or a bundle's own dotted name
     * @param actor   who did it: a user, "system" or a component
     * @param details what it was done to, as short key/value text
     * @return the entry's sequence number
     * @throws AuditException when the entry could not be made durable; the caller must not go on
     */
    long record(String action, String actor, Map<String, String> details) throws AuditException;
}
