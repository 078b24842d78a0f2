package io.vigil.inference.internal;

import io.vigil.api.face.AnalysedFace;
import io.vigil.support.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON of {@code vigil faces --json}: an array of objects with {@code box} [x1, y1, x2, y2]
 * in pixels, {@code score}, {@code quality}, {@code embedded}, {@code rejection} when not embedded,
 * and with the flag {@code model}, {@code modelVersion} and {@code embedding} (512 numbers).
 * Numbers keep the decimals they always had (box 1, scores 4, embedding 6): more would be noise.
 */
final class FacesJson {

    private FacesJson() {
    }

    static String array(List<AnalysedFace> faces, boolean withEmbedding) {
        List<Object> out = new ArrayList<>();
        for (AnalysedFace f : faces) {
            var b = f.box();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("box", List.of(Json.decimal(b.x(), 1), Json.decimal(b.y(), 1), Json.decimal(b.x() + b.width(), 1),
                    Json.decimal(b.y() + b.height(), 1)));
            m.put("score", Json.decimal(f.quality().detectorScore(), 4));
            m.put("quality", Json.decimal(f.quality().score(), 4));
            m.put("embedded", f.embedding().isPresent());
            f.rejection().ifPresent(r -> m.put("rejection", r.name().toLowerCase(Locale.ROOT)));
            if (withEmbedding && f.embedding().isPresent()) {
                var e = f.embedding().get();
                m.put("model", e.modelId());
                m.put("modelVersion", e.modelVersion());
                List<Object> vector = new ArrayList<>();
                for (float v : e.vector()) {
                    vector.add(Json.decimal(v, 6));
                }
                m.put("embedding", vector);
            }
            out.add(m);
        }
        return Json.pretty(out);
    }
}
