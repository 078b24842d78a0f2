package io.vigil.launcher;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Looks through files for a stored face template: any run of 512 float32 values (little- or
 * big-endian, at any 4-byte offset) whose direction is close to a given embedding. A video frame's
 * embedding of a face is never bit-identical to the photo's, so the search is by cosine, not by
 * bytes: whatever stored a template of that face, from whichever frame, would show.
 */
final class EmbeddingScan {

    static final int DIMENSION = 512;

    record Hit(Path file, long offset, double cosine) {
    }

    private EmbeddingScan() {
    }

    static List<Hit> scan(List<Path> roots, List<float[]> embeddings, double minCosine) throws IOException {
        List<Hit> hits = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.exists(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    hits.addAll(scanFile(f, embeddings, minCosine));
                }
            }
        }
        return hits;
    }

    static List<Hit> scanFile(Path file, List<float[]> embeddings, double minCosine) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            return List.of(); // a socket or a file that went away while scanning
        }
        List<Hit> hits = new ArrayList<>();
        if (bytes.length < DIMENSION * 4) {
            return hits;
        }
        for (ByteOrder order : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            for (int phase = 0; phase < 4; phase++) {
                int n = (bytes.length - phase) / 4;
                float[] values = new float[n];
                // prefix sums of squares: a stored template is a unit vector, so only windows whose
                // norm is close to 1 (and whose values are all finite) are worth a dot product
                double[] squares = new double[n + 1];
                int[] bad = new int[n + 1];
                ByteBuffer b = ByteBuffer.wrap(bytes, phase, n * 4).order(order);
                for (int i = 0; i < n; i++) {
                    float v = b.getFloat();
                    boolean plausible = Float.isFinite(v) && Math.abs(v) < 1;
                    values[i] = plausible ? v : 0;
                    squares[i + 1] = squares[i] + (plausible ? (double) v * v : 0);
                    bad[i + 1] = bad[i] + (plausible ? 0 : 1);
                }
                for (int start = 0; start + DIMENSION <= n; start++) {
                    double norm2 = squares[start + DIMENSION] - squares[start];
                    if (norm2 < 0.8 || norm2 > 1.25 || bad[start + DIMENSION] != bad[start]) {
                        continue;
                    }
                    for (float[] e : embeddings) {
                        double dot = 0;
                        for (int k = 0; k < DIMENSION; k++) {
                            dot += values[start + k] * e[k];
                        }
                        double cos = dot / Math.sqrt(norm2);
                        if (cos >= minCosine) {
                            hits.add(new Hit(file, phase + 4L * start, cos));
                        }
                    }
                }
            }
        }
        return hits;
    }
}
