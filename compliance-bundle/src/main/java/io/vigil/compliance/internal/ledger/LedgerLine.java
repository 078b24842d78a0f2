package io.vigil.compliance.internal.ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The ledger's part of the compliance module's line in {@code vigil status}: per count-triggered
 * profile the individuals held against its threshold and the nearest open filing deadline. An
 * overdue filing or a ledger that cannot count makes the module DEGRADED (never FAILED: nothing
 * stops working because of it).
 *
 * @param degraded whether the module's health should say so
 */
public record LedgerLine(String text, boolean degraded) {

    /**
     * @param showWarnings the {@code status} warning channel: without it only the counts are shown
     */
    public static LedgerLine of(List<Ledger.Assessment> assessments, Optional<String> problem, boolean showWarnings,
                                LocalDate today) {
        List<String> parts = new ArrayList<>();
        boolean overdue = false;
        for (Ledger.Assessment a : assessments) {
            JurisdictionProfile p = a.profile();
            if (!p.countTriggered()) {
                continue;
            }
            String part = p.code() + ": " + a.individuals() + " of " + p.threshold() + " individuals";
            if (showWarnings) {
                Optional<Obligation> nearest = a.obligations().stream().filter(Obligation::open)
                        .min(Comparator.comparing(Obligation::deadline));
                if (nearest.isEmpty()) {
                    part += "; no filing due";
                } else {
                    Obligation o = nearest.get();
                    boolean late = today.isAfter(o.deadline());
                    overdue |= late;
                    part += "; " + o.kind().toLowerCase() + " filing due by " + o.deadline() + (late ? " (OVERDUE)" : "");
                }
                long early = a.warnings().stream().filter(w -> w.contains("% of the filing threshold")).count();
                if (early > 0 && nearest.isEmpty()) {
                    part += "; early warning: " + a.warnings().get(a.warnings().size() - 1).replaceFirst("^" + p.code()
                            + ": ", "");
                }
            }
            parts.add(part);
        }
        if (parts.isEmpty() && problem.isEmpty()) {
            parts.add(assessments.isEmpty() ? "ledger: not counted yet" : "ledger: no count-triggered profile");
        }
        problem.ifPresent(pr -> parts.add("ledger PROBLEM: " + pr));
        return new LedgerLine(String.join("; ", parts), overdue || problem.isPresent());
    }
}
