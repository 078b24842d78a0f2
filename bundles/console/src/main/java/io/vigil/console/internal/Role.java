package io.vigil.console.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a console user may do. One role per user: duties stay separate. */
enum Role {
    /** Runs the system: status, cameras, users. Sees no faces. */
    ADMINISTRATOR("administrator"),
    /** Creates watchlists and enrols subjects (pages to come). */
    WATCHLIST_MANAGER("watchlist-manager"),
    /** Sees alerts with their evidence and confirms or dismisses them. */
    REVIEWER("reviewer"),
    /** Watches the ledger, deadlines and filings (pages to come). */
    COMPLIANCE_OFFICER("compliance-officer"),
    /** Reads alerts and their decisions; decides nothing. */
    AUDITOR("auditor");

    final String word;

    Role(String word) {
        this.word = word;
    }

    static Optional<Role> parse(String given) {
        String w = given == null ? "" : given.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(r -> r.word.equals(w)).findFirst();
    }

    static String words() {
        return Arrays.stream(values()).map(r -> r.word).collect(Collectors.joining(", "));
    }

    boolean seesAlerts() {
        return this == REVIEWER || this == AUDITOR;
    }

    boolean reviewsAlerts() {
        return this == REVIEWER;
    }
}
