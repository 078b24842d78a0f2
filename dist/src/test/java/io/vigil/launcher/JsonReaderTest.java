package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The launcher's JSON reader reads what Jackson reads, and refuses what is not JSON. */
class JsonReaderTest {

    @Test
    void readsACommandsDocumentAsJacksonDoes() throws Exception {
        String doc = """
                {"format": 1, "cameras": [
                  {"id": "demo-1a", "name": "Lobby \\"east\\" \\u00e9\\n", "configured": true, "width": 1280,
                   "score": 0.62, "big": -1.5e3, "stream": null, "tags": []},
                  {"id": "demo-2b", "nested": {"a": [1, {"b": false}]}}
                ]}
                """;
        Object ours = JsonReader.parse(doc);
        Object jackson = new ObjectMapper().readValue(doc, Object.class);
        assertEquals(normalise(jackson), normalise(ours));
        Map<String, Object> first = JsonReader.object(JsonReader.array(JsonReader.object(ours, "doc").get("cameras"), "cameras")
                .get(0), "camera");
        assertEquals("Lobby \"east\" é\n", first.get("name"));
        assertEquals(new BigDecimal("1280"), first.get("width"));
        assertEquals(true, first.get("configured"));
        assertEquals(null, first.get("stream"));
    }

    @Test
    void refusesWhatIsNotJson() {
        for (String bad : List.of("", "{", "{\"a\" 1}", "[1,]", "[1] x", "\"open", "{\"a\": tru}", "no cameras")) {
            assertThrows(IllegalArgumentException.class, () -> JsonReader.parse(bad), bad);
        }
    }

    /** Numbers as BigDecimal, so Jackson's Integer/Double and our BigDecimal compare by value. */
    private static Object normalise(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put((String) k, normalise(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(JsonReaderTest::normalise).toList();
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros();
        }
        return v;
    }
}
