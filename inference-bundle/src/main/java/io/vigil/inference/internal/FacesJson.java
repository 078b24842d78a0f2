package io.vigil.inference.internal;

import io.vigil.api.face.AnalysedFace;
import java.util.List;
import java.util.Locale;

/**
 * The JSON of {@code vigil faces --json}: an array of objects with {@code box} [x1, y1, x2, y2]
 * in pixels, {@code score}, {@code quality}, {@code embedded}, {@code rejection} when not embedded,
 * and with the flag {@code embedding} (512 numbers). Only numbers and fixed words are written, so
 * nothing needs escaping.
 */
final class FacesJson {

    private FacesJson() {
    }

    static String array(List<AnalysedFace> faces, boolean withEmbedding) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < faces.size(); i++) {
            AnalysedFace f = faces.get(i);
            var b = f.box();
            sb.append(i == 0 ? "\n  {" : ",\n  {");
            sb.append(String.format(Locale.ROOT, "\"box\": [%.1f, %.1f, %.1f, %.1f], \"score\": %.4f, \"quality\": %.4f",
                    b.x(), b.y(), b.x() + b.width(), b.y() + b.height(), f.quality().detectorScore(), f.quality().score()));
            sb.append(", \"embedded\": ").append(f.embedding().isPresent());
            f.rejection().ifPresent(r -> sb.append(", \"rejection\": \"").append(r.name().toLowerCase(Locale.ROOT)).append('"'));
            if (withEmbedding && f.embedding().isPresent()) {
                var e = f.embedding().get();
                sb.append(", \"model\": \"").append(e.modelId()).append("\", \"modelVersion\": \"").append(e.modelVersion())
                        .append("\", \"embedding\": [");
                float[] v = e.vector();
                for (int k = 0; k < v.length; k++) {
                    if (k > 0) {
                        sb.append(", ");
                    }
                    sb.append(String.format(Locale.ROOT, "%.6f", v[k]));
                }
                sb.append(']');
            }
            sb.append('}');
        }
        return sb.append(faces.isEmpty() ? "]" : "\n]").toString();
    }
}
