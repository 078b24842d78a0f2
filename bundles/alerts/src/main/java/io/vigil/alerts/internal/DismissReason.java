package io.vigil.alerts.internal;

import java.util.Locale;

/**
 * Why a reviewer dismissed an alert. The two named kinds feed the false-alert rates; anything
 * else is kept as the reviewer wrote it.
 */
record DismissReason(Kind kind, String text) {

    enum Kind {
        /** The person is not the subject: the matcher was wrong. */
        FALSE_ALERT("false-alert"),
        /** The right person, but nothing is to be done (out of area, already dealt with). */
        NOT_ACTIONABLE("not-actionable"),
        OTHER("other");

        final String word;

        Kind(String word) {
            this.word = word;
        }
    }

    static DismissReason parse(String given) {
        String text = given.strip();
        if (text.isEmpty()) {
            throw new IllegalArgumentException("a dismissal needs a reason: false-alert, not-actionable or a text");
        }
        if (text.length() > 500) {
            throw new IllegalArgumentException("a dismissal reason is at most 500 characters");
        }
        String word = text.toLowerCase(Locale.ROOT).replace('_', '-').replace(' ', '-');
        for (Kind k : Kind.values()) {
            if (k != Kind.OTHER && k.word.equals(word)) {
                return new DismissReason(k, k.word);
            }
        }
        return new DismissReason(Kind.OTHER, text);
    }

    /** As stored and shown: the kind's word, or the reviewer's text. */
    @Override
    public String toString() {
        return text;
    }
}
