package io.vigil.support.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Vigil's one JSON writer and reader, through Jackson. Values are plain trees: maps (written in
 * their iteration order), collections, strings, numbers, booleans and null; anything else is
 * written as its {@code toString()} string, as the hand-written writers before it did.
 *
 * <p>Three forms: {@link #canonical} for what is hashed (the audit chain: sorted keys, no spaces,
 * only the escapes JSON requires, byte for byte what earlier versions wrote, so old chains verify),
 * {@link #pretty} for files and {@code --json} output (two-space indent, {@code "key": value}, empty
 * containers as {@code {}} and {@code []}), {@link #compact} for one-line answers.
 */
public final class Json {

    private static final JsonFactory FACTORY = new JsonFactory();
    /** One document and nothing after it: text after the value (a warning, a second document) is not this JSON. */
    private static final ObjectMapper READER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    /**
     * Canonical JSON of string details: one object, keys sorted ({@link String#compareTo}), no
     * spaces, {@code \"} {@code \\} {@code \n} {@code \r} {@code \t}, and backslash-u with
     * four lower-case hex digits for other control characters, everything else as it is. A null value is written as "".
     *
     * @throws IllegalArgumentException for a null or empty key
     */
    public static String canonical(Map<String, String> details) {
        TreeMap<String, String> sorted = new TreeMap<>();
        if (details != null) {
            details.forEach((k, v) -> {
                if (k == null || k.isEmpty()) {
                    throw new IllegalArgumentException("a canonical JSON key cannot be empty");
                }
                sorted.put(k, v == null ? "" : v);
            });
        }
        return write(sorted, Escapes.CANONICAL, null);
    }

    /** Two-space indented JSON with no trailing newline. */
    public static String pretty(Object tree) {
        return write(tree, Escapes.OUTPUT, PRETTY);
    }

    /** One line, no spaces. */
    public static String compact(Object tree) {
        return write(tree, Escapes.OUTPUT, null);
    }

    /** One JSON string literal, escaped as {@link #compact} escapes it. */
    public static String string(String value) {
        return compact(value);
    }

    /**
     * An object for a tree: names and values alternating, kept in their order.
     *
     * @throws IllegalArgumentException for an odd count or a name that is not a string
     */
    public static Map<String, Object> object(Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values alternate: " + namesAndValues.length + " given");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name)) {
                throw new IllegalArgumentException("a name is a string: " + namesAndValues[i]);
            }
            m.put(name, namesAndValues[i + 1]);
        }
        return m;
    }

    /**
     * {@code value} rounded half-up to {@code places} decimals, for a tree: written with exactly
     * those decimals and never in exponent form ({@code 0.4400}), as a figure printed with
     * {@code %.4f} reads. More digits than a measure has would only be noise.
     */
    public static BigDecimal decimal(double value, int places) {
        return BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP);
    }

    /**
     * Parses JSON text: one value, with nothing but white space after it.
     *
     * @throws IllegalArgumentException naming where the text is not JSON
     */
    public static JsonNode read(String text) {
        try {
            return READER.readTree(text);
        } catch (JsonProcessingException e) {
            // the message without the quoted source text, which may be long or hold a secret
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), e);
        }
    }

    private static final DefaultPrettyPrinter PRETTY = new DefaultPrettyPrinter(Separators.createDefaultInstance()
            .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
            .withObjectEmptySeparator("")
            .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"));

    private static String write(Object tree, CharacterEscapes escapes, DefaultPrettyPrinter pretty) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.setCharacterEscapes(escapes);
            if (pretty != null) {
                g.setPrettyPrinter(new DefaultPrettyPrinter(pretty));
            }
            value(g, tree);
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory cannot fail", e);
        }
        return out.toString();
    }

    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Float f) {
            // a float's shortest decimal, not the double it widens to (0.62f is 0.62, not 0.6200000047)
            if (Float.isFinite(f)) {
                g.writeNumber(f);
            } else {
                g.writeNull();
            }
        } else if (v instanceof Double d) {
            if (Double.isFinite(d)) {
                g.writeNumber(d);
            } else {
                g.writeNull();
            }
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d.toPlainString());
        } else if (v instanceof Number n) {
            g.writeNumber(n.toString());
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object o : c) {
                value(g, o);
            }
            g.writeEndArray();
        } else {
            g.writeString(v.toString());
        }
    }

    /** The escapes: Jackson's own would write \b, \f and upper-case hex, which would change hashed text. */
    private static final class Escapes extends CharacterEscapes {

        private static final long serialVersionUID = 1L;

        /** What the audit chain was hashed with: JSON's required escapes only. */
        static final Escapes CANONICAL = new Escapes(false);
        /**
         * What is shown or served: also '<', U+2028 and U+2029, so JSON placed in a page or a script
         * can neither close a tag nor end a line.
         */
        static final Escapes OUTPUT = new Escapes(true);

        private final int[] ascii;
        private final boolean forOutput;

        private Escapes(boolean forOutput) {
            this.forOutput = forOutput;
            ascii = CharacterEscapes.standardAsciiEscapesForJSON();
            for (int c = 0; c < 0x20; c++) {
                ascii[c] = c == '\n' || c == '\r' || c == '\t' ? ascii[c] : CharacterEscapes.ESCAPE_CUSTOM;
            }
            if (forOutput) {
                ascii['<'] = CharacterEscapes.ESCAPE_CUSTOM;
            }
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii.clone();
        }

        @Override
        public SerializableString getEscapeSequence(int c) {
            if (c < 0x20 || c == '<' || (forOutput && (c == 0x2028 || c == 0x2029))) {
                return new SerializedString(String.format("\\u%04x", c));
            }
            return null;
        }
    }
}
