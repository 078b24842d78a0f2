package io.vigil.alerts.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * How long one evidence key seals new evidence: a UTC day or an ISO week. A key is destroyed once
 * its period is over and retention has deleted every alert sealed under it, so the shorter the
 * period, the sooner deleted evidence is unreadable in backups too (at the cost of one more key in
 * the secret store per period).
 */
enum EvidenceKeyPeriod {
    DAY(java.time.Duration.ofDays(1)) {
        @Override
        String of(Instant t) {
            return LocalDate.ofInstant(t, ZoneOffset.UTC).toString();
        }
    },
    WEEK(java.time.Duration.ofDays(7)) {
        @Override
        String of(Instant t) {
            LocalDate d = LocalDate.ofInstant(t, ZoneOffset.UTC);
            return String.format(Locale.ROOT, "%d-W%02d", d.get(IsoFields.WEEK_BASED_YEAR),
                    d.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
        }
    };

    private final java.time.Duration length;

    EvidenceKeyPeriod(java.time.Duration length) {
        this.length = length;
    }

    /** The period after the one {@code t} falls in. */
    String next(Instant t) {
        return of(t.plus(length));
    }

    /** The period {@code t} falls in: "2026-12-07" or "2026-W49"; ids of one kind sort in time order. */
    abstract String of(Instant t);

    /** The kind of period an id names, if it names one. */
    static java.util.Optional<EvidenceKeyPeriod> kindOf(String id) {
        if (id.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return java.util.Optional.of(DAY);
        }
        if (id.matches("\\d{4}-W\\d{2}")) {
            return java.util.Optional.of(WEEK);
        }
        return java.util.Optional.empty();
    }

    static EvidenceKeyPeriod parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("evidence.key.period must be day or week, not '" + text + "'");
        }
    }
}
