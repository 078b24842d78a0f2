package io.vigil.api.compliance;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One jurisdiction profile's assessment.
 *
 * @param code            CN, HK, UK or EU
 * @param name            the law, in words
 * @param threshold       individuals at which a filing is due; 0: the profile has no count-triggered filing
 * @param individuals     the individuals counted against it
 * @param warningPercents the early warnings, percent of the threshold
 * @param crossedOn       the day the threshold was crossed, if it was
 * @param deadlines       the filings that became due, with their deadlines
 * @param warnings        what needs attention now (early warnings, overdue filings)
 * @param obligations     the rules that apply, in words
 */
public record ProfileStatus(String code, String name, long threshold, long individuals, List<Integer> warningPercents,
                            Optional<LocalDate> crossedOn, List<FilingDeadline> deadlines, List<String> warnings,
                            List<String> obligations) {
    public ProfileStatus {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        warningPercents = List.copyOf(warningPercents);
        Objects.requireNonNull(crossedOn, "crossedOn");
        deadlines = List.copyOf(deadlines);
        warnings = List.copyOf(warnings);
        obligations = List.copyOf(obligations);
    }
}
