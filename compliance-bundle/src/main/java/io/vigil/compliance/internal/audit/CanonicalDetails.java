package io.vigil.compliance.internal.audit;

import java.util.Map;
import java.util.TreeMap;

/**
 * Details as canonical JSON: one object of strings, keys sorted by code point, no spaces, only the
 * escapes JSON requires. The same details always give the same text, so the hash of an entry does
 * not depend on the map a caller happened to pass, and the stored text reads as JSON anywhere.
 */
public final class CanonicalDetails {

    private CanonicalDetails() {
    }

    public static String json(Map<String, String> details) {
        TreeMap<String, String> sorted = new TreeMap<>();
        if (details != null) {
            details.forEach((k, v) -> sorted.put(requireKey(k), v == null ? "" : v));
        }
        StringBuilder b = new StringBuilder(64).append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            quote(b, e.getKey()).append(':');
            quote(b, e.getValue());
        }
        return b.append('}').toString();
    }

    private static String requireKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("an audit detail needs a name");
        }
        return key;
    }

    private static StringBuilder quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }
}
