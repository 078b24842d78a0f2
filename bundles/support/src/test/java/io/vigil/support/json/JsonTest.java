package io.vigil.support.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class JsonTest {

    /**
     * The canonical writer of the audit chain before Jackson (compliance CanonicalDetails of
     * fbf4344), kept here as the reference the new writer must equal byte for byte.
     */
    static String legacyCanonical(Map<String, String> details) {
        TreeMap<String, String> sorted = new TreeMap<>();
        details.forEach((k, v) -> sorted.put(k, v == null ? "" : v));
        StringBuilder b = new StringBuilder(64).append('{');
        boolean first = true;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (!first) {
                b.append(',');
            }
            first = false;
            legacyQuote(b, e.getKey()).append(':');
            legacyQuote(b, e.getValue());
        }
        return b.append('}').toString();
    }

    private static StringBuilder legacyQuote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return b.append('"');
    }

    @Test
    void canonicalTextIsWhatTheAuditChainWasHashedWith() {
        StringBuilder every = new StringBuilder();
        for (char c = 0; c < 0x100; c++) {
            every.append(c);
        }
        Map<String, String> details = new HashMap<>();
        details.put("every", every.toString());
        details.put("z", "</script>\u2028\u2029\uD83D\uDE00 lone \uD800 surrogate");
        details.put("Zeta", null);
        details.put("\u00e9t\u00e9", "caf\u00e9");
        details.put("a\"b", "\\");
        assertEquals(legacyCanonical(details), Json.canonical(details));
        assertEquals("{}", Json.canonical(Map.of()));

        Random random = new Random(20);
        for (int n = 0; n < 2000; n++) {
            Map<String, String> m = new HashMap<>();
            for (int k = random.nextInt(5); k >= 0; k--) {
                m.put(randomText(random, 1 + random.nextInt(8)), random.nextInt(10) == 0 ? null : randomText(random, random.nextInt(40)));
            }
            assertEquals(legacyCanonical(m), Json.canonical(m), m.toString());
        }
        assertThrows(IllegalArgumentException.class, () -> Json.canonical(Map.of("", "x")));
    }

    private static String randomText(Random random, int length) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(4);
            b.append((char) (kind == 0 ? random.nextInt(0x20) : kind == 1 ? 0x20 + random.nextInt(0x60)
                    : kind == 2 ? random.nextInt(0x10000) : "\"\\<>&".charAt(random.nextInt(5))));
        }
        return b.toString();
    }

    @Test
    void prettyIsTheFormTheCommandsAndFilesHad() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("version", 1);
        tree.put("name", "Gate <1>\n");
        tree.put("score", 0.62f);
        tree.put("ratio", 0.5);
        tree.put("ok", true);
        tree.put("none", null);
        tree.put("empty", Map.of());
        tree.put("nothing", List.of());
        tree.put("list", List.of(1L, Map.of("a", "b")));
        tree.put("when", java.time.Instant.parse("2026-12-07T21:00:00Z"));
        assertEquals("""
                {
                  "version": 1,
                  "name": "Gate \\u003c1>\\n",
                  "score": 0.62,
                  "ratio": 0.5,
                  "ok": true,
                  "none": null,
                  "empty": {},
                  "nothing": [],
                  "list": [
                    1,
                    {
                      "a": "b"
                    }
                  ],
                  "when": "2026-12-07T21:00:00Z"
                }""", Json.pretty(tree));
        assertEquals("{\"a\":[1,2],\"b\":\"\\u2028\"}", Json.compact(linked("a", List.of(1, 2), "b", "\u2028")));
        assertEquals("null", Json.pretty(Float.NaN));
    }

    @Test
    void aDecimalKeepsItsPlacesAndNeverAnExponent() {
        // the figures vigil faces, models and identify printed with %.1f / %.4f / %.6f before Jackson
        assertEquals("[0.6200,123.3,0.000000,-0.000123,1.0E-7]", Json.compact(List.of(Json.decimal(0.62f, 4),
                Json.decimal(123.25f, 1), Json.decimal(1e-7, 6), Json.decimal(-0.0001234, 6), 1e-7)));
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            float f = (random.nextFloat() - 0.5f) * (i % 2 == 0 ? 2 : 4000);
            for (int places : new int[] {1, 4, 6}) {
                String printed = String.format(java.util.Locale.ROOT, "%." + places + "f", f);
                assertEquals(printed.equals("-0." + "0".repeat(places)) ? printed.substring(1) : printed,
                        Json.compact(Json.decimal(f, places)), "as %." + places + "f printed " + f);
            }
        }
        assertEquals(0.62, Json.read(Json.compact(Json.decimal(0.62f, 4))).asDouble());
    }

    @Test
    void anObjectKeepsItsOrderAndRefusesWhatIsNotPairs() {
        assertEquals("{\"z\":1,\"a\":null,\"m\":[true]}", Json.compact(Json.object("z", 1, "a", null, "m", List.of(true))));
        assertThrows(IllegalArgumentException.class, () -> Json.object("a", 1, "b"));
        assertThrows(IllegalArgumentException.class, () -> Json.object(1, "a"));
    }

    private static Map<String, Object> linked(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }

    @Test
    void whatIsWrittenReadsBackAndBadTextSaysWhere() {
        List<Object> cameras = new ArrayList<>();
        cameras.add(linked("id", "cam-1", "name", "Gate \"A\"", "stream", null));
        JsonNode read = Json.read(Json.pretty(linked("version", 1, "cameras", cameras)));
        assertEquals(1, read.get("version").asInt());
        assertEquals("Gate \"A\"", read.get("cameras").get(0).get("name").asText());
        assertTrue(read.get("cameras").get(0).get("stream").isNull());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.read("{\"a\": }"));
        assertTrue(e.getMessage().startsWith("not JSON: "), e.getMessage());
        // one document: what follows it (a warning printed after the answer) makes the text not JSON
        assertThrows(IllegalArgumentException.class, () -> Json.read("[1]\nWARNING: something"));
        assertThrows(IllegalArgumentException.class, () -> Json.read("{} {}"));
        assertEquals(1, Json.read("[1]\n\n").size());
    }
}
