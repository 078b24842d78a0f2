package io.vigil.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.face.AnalysedFace;
import io.vigil.api.face.BoundingBox;
import io.vigil.api.face.FaceEmbedding;
import io.vigil.api.face.FaceLandmarks;
import io.vigil.api.face.FaceQuality;
import io.vigil.api.face.Point;
import io.vigil.api.face.QualityRejection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code vigil faces --json}: the shape it always had, with the decimals it always had, read back by a real parser. */
class FacesJsonTest {

    private static final Point P = new Point(1, 1);
    private static final FaceLandmarks LANDMARKS = new FaceLandmarks(P, P, P, P, P);

    @Test
    void anEmbeddedAndARejectedFaceAsData() throws Exception {
        float[] vector = new float[512];
        vector[0] = 0.6f;
        vector[1] = -0.8f;
        AnalysedFace embedded = new AnalysedFace(new BoundingBox(402.25f, 353f, 196f, 248.04f), LANDMARKS,
                new FaceQuality(0.98766f, 55f, 3f, 4f, 196, 0.9f), Optional.empty(),
                Optional.of(new FaceEmbedding("arcface", "abc123", vector)));
        AnalysedFace rejected = new AnalysedFace(new BoundingBox(10, 20, 30, 40), LANDMARKS,
                new FaceQuality(0.75f, 5f, 60f, 4f, 30, 0.2f), Optional.of(QualityRejection.TOO_SMALL), Optional.empty());

        String text = FacesJson.array(List.of(embedded, rejected), true);
        JsonNode doc = new ObjectMapper().readTree(text);
        assertEquals(2, doc.size());
        JsonNode first = doc.get(0);
        assertEquals(List.of("box", "score", "quality", "embedded", "model", "modelVersion", "embedding"), names(first));
        assertEquals("[402.3,353.0,598.3,601.0]", first.get("box").toString(), "pixels, one decimal");
        assertEquals("0.9877", first.get("score").toString(), "four decimals");
        assertTrue(first.get("embedded").asBoolean());
        assertEquals("arcface", first.get("model").asText());
        assertEquals(512, first.get("embedding").size());
        assertEquals(-0.8, first.get("embedding").get(1).asDouble());
        assertTrue(text.contains("-0.800000"), "six decimals, as the text always had them");
        JsonNode second = doc.get(1);
        assertFalse(second.get("embedded").asBoolean());
        assertEquals("too_small", second.get("rejection").asText());
        assertFalse(second.has("embedding"));

        assertFalse(new ObjectMapper().readTree(FacesJson.array(List.of(embedded), false)).get(0).has("embedding"),
                "the embedding only with the flag");
        assertEquals(0, new ObjectMapper().readTree(FacesJson.array(List.of(), true)).size());
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
