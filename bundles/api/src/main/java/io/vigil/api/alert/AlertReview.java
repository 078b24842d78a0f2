package io.vigil.api.alert;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The review of alerts by people: what a reviewer sees (the decrypted evidence, the decisions so
 * far) and what they decide. Every call is audited by the store, under the name given, before it
 * takes effect. The reviewer is the person logged in (never a name typed into a form), so with
 * two-person confirmation the second confirmation must come from a different person: the same
 * reviewer twice is refused.
 */
@ProviderType
public interface AlertReview {

    /**
     * One reviewer's decision.
     *
     * @param reviewer  who decided
     * @param confirmed true when confirmed, false when dismissed
     * @param reason    why it was dismissed
     * @param at        when
     */
    record Decision(String reviewer, boolean confirmed, Optional<String> reason, Instant at) {
        public Decision {
            Objects.requireNonNull(reviewer, "reviewer");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(at, "at");
        }
    }

    /**
     * Confirms the alert as {@code reviewer}.
     *
     * @return the alert after the confirmation (CONFIRMED_ONCE or CONFIRMED)
     * @throws AlertStoreException when refused (the same reviewer twice, already decided, no audit
     *                             trail) or the store failed; the message says which, for a person
     */
    Alert confirm(String alertId, String reviewer) throws AlertStoreException;

    /**
     * Dismisses the alert as {@code reviewer}; {@code reason} is "false-alert", "not-actionable"
     * or a text of at most 500 characters.
     */
    Alert dismiss(String alertId, String reviewer, String reason) throws AlertStoreException;

    /**
     * The alert's evidence decrypted, for {@code viewer} to judge; the view is audited
     * ({@code alert.viewed}) first. Empty when the alert has no stored evidence. The caller holds
     * the bytes in memory only and should clear them when done.
     */
    Optional<RecognitionEvidence> evidence(String alertId, String viewer) throws AlertStoreException;

    /** The decisions made on the alert so far, oldest first. */
    List<Decision> decisions(String alertId) throws AlertStoreException;
}
