package io.vigil.api.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The ledger after a recount.
 *
 * @param takenAt            when the count was taken
 * @param individuals        distinct individuals whose facial data is held
 * @param unknownIndividuals of which unknown (faces of dismissed alerts retained)
 * @param templates          face templates held
 * @param images             face images held
 * @param profiles           each configured jurisdiction profile's assessment
 * @param history            the daily history, oldest first
 * @param missingFields      required filing-form fields that are blank
 * @param problem            what kept the ledger from counting, when something did
 */
public record LedgerStatus(Instant takenAt, long individuals, long unknownIndividuals, long templates, long images,
                           List<ProfileStatus> profiles, List<HistoryDay> history, List<FilingField> missingFields,
                           Optional<String> problem) {
    public LedgerStatus {
        Objects.requireNonNull(takenAt, "takenAt");
        profiles = List.copyOf(profiles);
        history = List.copyOf(history);
        missingFields = List.copyOf(missingFields);
        Objects.requireNonNull(problem, "problem");
    }
}
