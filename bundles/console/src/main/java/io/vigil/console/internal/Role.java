package io.vigil.console.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** What a console user may do. One role per user: duties stay separate. */
enum Role {
    /** Runs the system: status, cameras, users. Sees no faces. */
    ADMINISTRATOR("administrator"),
    /** Creates watchlists, enrols subjects, deletes lists; sees deployments. */
    WATCHLIST_MANAGER("watchlist-manager"),
    /** Sees alerts with their evidence and confirms or dismisses them. */
    REVIEWER("reviewer"),
    /** Watches the ledger, deadlines and filings; exports the signed filing pack. */
    COMPLIANCE_OFFICER("compliance-officer"),
    /** Reads alerts and their decisions, without the faces; decides nothing. */
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

    /**
     * The faces themselves (the crop the camera saw, the enrolled photo): a permission of its own,
     * the reviewer's, who must judge them. An auditor reads alerts and decisions without faces.
     */
    boolean seesEvidence() {
        return this == REVIEWER;
    }

    /** The compliance page: the officer, and read-only the administrator and the auditor. */
    boolean seesCompliance() {
        return this == COMPLIANCE_OFFICER || this == ADMINISTRATOR || this == AUDITOR;
    }

    boolean exportsFilings() {
        return this == COMPLIANCE_OFFICER;
    }

    /** The watchlists and deployments pages: the manager, and read-only the administrator. */
    boolean seesWatchlists() {
        return this == WATCHLIST_MANAGER || this == ADMINISTRATOR;
    }

    boolean managesWatchlists() {
        return this == WATCHLIST_MANAGER;
    }
}
