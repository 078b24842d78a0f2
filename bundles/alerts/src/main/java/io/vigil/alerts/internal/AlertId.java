package io.vigil.alerts.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An alert's id, {@code A-<seq>-<tag>}: the sequence number orders alerts for
 * {@code since(afterId)} even after retention deleted {@code afterId} itself (SQLite's
 * AUTOINCREMENT never reuses a number); the random tag keeps an id from a wiped or replaced
 * database from naming a different alert in this one. Since the cluster (issue 21) the tag has 64
 * random bits (16 hex digits; 8 before, and those ids stay valid): nodes number their alerts
 * independently, so two nodes' alerts share a sequence number and only the tag tells them apart
 * (a clash would be refused by the unique alert_id, never merged). The sequence number of an alert
 * materialised from another node is that node's, not this database's order.
 */
record AlertId(long seq, String tag) {

    private static final Pattern FORM = Pattern.compile("A-(\\d{1,18})-([0-9a-f]{8}|[0-9a-f]{16})");

    static Optional<AlertId> parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        return m.matches() ? Optional.of(new AlertId(Long.parseLong(m.group(1)), m.group(2))) : Optional.empty();
    }

    @Override
    public String toString() {
        return "A-" + seq + "-" + tag;
    }
}
