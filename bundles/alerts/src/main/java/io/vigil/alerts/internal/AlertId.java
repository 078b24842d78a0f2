package io.vigil.alerts.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An alert's id, {@code A-<seq>-<tag>}: the sequence number orders alerts for
 * {@code since(afterId)} even after retention deleted {@code afterId} itself (SQLite's
 * AUTOINCREMENT never reuses a number); the random tag keeps an id from a wiped or replaced
 * database from naming a different alert in this one.
 */
record AlertId(long seq, String tag) {

    private static final Pattern FORM = Pattern.compile("A-(\\d{1,18})-([0-9a-f]{8})");

    static Optional<AlertId> parse(String text) {
        Matcher m = FORM.matcher(text.trim());
        return m.matches() ? Optional.of(new AlertId(Long.parseLong(m.group(1)), m.group(2))) : Optional.empty();
    }

    @Override
    public String toString() {
        return "A-" + seq + "-" + tag;
    }
}
