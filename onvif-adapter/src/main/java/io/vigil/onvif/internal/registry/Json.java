package io.vigil.onvif.internal.registry;

import java.util.List;
import java.util.Map;

/**
 * Writes JSON for the commands' {@code --json} output: maps (in their order), lists, strings,
 * numbers, booleans and null. Enough for a command's data without a JSON library in the bundle.
 */
final class Json {

    private Json() {
    }

    static String write(Object value) {
        StringBuilder b = new StringBuilder();
        write(b, value, 0);
        return b.toString();
    }

    private static void write(StringBuilder b, Object v, int indent) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof Number || v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof Map<?, ?> m) {
            b.append(m.isEmpty() ? "{}" : "{\n");
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                b.append("  ".repeat(indent + 1));
                string(b, String.valueOf(e.getKey()));
                b.append(": ");
                write(b, e.getValue(), indent + 1);
                b.append(++i < m.size() ? ",\n" : "\n" + "  ".repeat(indent) + "}");
            }
        } else if (v instanceof List<?> l) {
            b.append(l.isEmpty() ? "[]" : "[\n");
            for (int i = 0; i < l.size(); i++) {
                b.append("  ".repeat(indent + 1));
                write(b, l.get(i), indent + 1);
                b.append(i + 1 < l.size() ? ",\n" : "\n" + "  ".repeat(indent) + "]");
            }
        } else {
            string(b, v.toString());
        }
    }

    /** One JSON string literal. */
    static String string(String value) {
        StringBuilder b = new StringBuilder();
        string(b, value);
        return b.toString();
    }

    private static void string(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c < 0x20 || c == 0x2028 || c == 0x2029 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        b.append('"');
    }
}
