package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The proof that faces nobody enrolled leave nothing behind: the strangers of sample3.jpg (everyone
 * but p03, the enrolled woman in the middle) as templates, looked for by {@link EmbeddingScan} in
 * the container's data folder (databases and their -wal files), logs and temporary files once it
 * has stopped. Shared by the ITs that run the recognition path.
 */
final class StrangerTraces {

    /** p03's face in sample3.jpg starts at x 1071; every other face there is a stranger. */
    private static final double P03_LEFT = 1071;

    record Report(long files, long bytes, List<EmbeddingScan.Hit> hits) {
    }

    private StrangerTraces() {
    }

    /** The embeddings of the faces in {@code photo} other than p03's, as {@code vigil faces --json --embedding} gives them. */
    static List<float[]> strangers(InstalledDistribution vigil, Path photo) throws Exception {
        InstalledDistribution.JsonRun json = vigil.json("faces", "--json", "--embedding", photo.toString());
        assertEquals(0, json.exit(), json.err());
        List<float[]> out = new ArrayList<>();
        for (JsonNode face : json.doc()) {
            JsonNode embedding = face.get("embedding");
            if (embedding == null || Math.abs(face.get("box").get(0).asDouble() - P03_LEFT) < 40) {
                continue;
            }
            float[] v = new float[embedding.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) embedding.get(i).asDouble();
            }
            out.add(v);
        }
        return out;
    }

    /**
     * Searches the stopped container's data folder, logs and {@code tmp} for the strangers'
     * templates, after proving on a planted file that the search finds one.
     */
    static Report scan(InstalledDistribution vigil, Path tmp, List<float[]> strangers, Path scratch) throws Exception {
        assertTrue(!vigil.running(), "scan a stopped container: a running one may still be writing");
        Path planted = Files.write(scratch.resolve("planted.bin"), bytes(strangers.get(0)));
        assertEquals(1, EmbeddingScan.scanFile(planted, strangers, 0.8).size(), "the search finds a planted template");
        Files.delete(planted);
        List<Path> roots = List.of(vigil.data, vigil.home.resolve("logs"), tmp);
        List<EmbeddingScan.Hit> hits = EmbeddingScan.scan(roots, strangers, 0.8);
        long files = 0;
        long bytes = 0;
        for (Path root : roots) {
            try (var walk = Files.walk(root)) {
                for (Path f : walk.filter(Files::isRegularFile).toList()) {
                    files++;
                    bytes += Files.size(f);
                }
            }
        }
        System.out.printf("searched %d files, %d bytes (data folder with -wal files, logs, temporary files) for the"
                + " %d strangers' templates: %d hits%n", files, bytes, strangers.size(), hits.size());
        assertTrue(files > 5, "the search had files to look at");
        return new Report(files, bytes, hits);
    }

    private static byte[] bytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4 + 13).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[13]); // not 4-aligned in the file
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }
}
