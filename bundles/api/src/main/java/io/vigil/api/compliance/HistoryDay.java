package io.vigil.api.compliance;

import java.time.LocalDate;

/** One day of the ledger's history: what was held at that day's last count, and the day's peak of individuals. */
public record HistoryDay(LocalDate day, long individuals, long templates, long images, long peakIndividuals) {
}
