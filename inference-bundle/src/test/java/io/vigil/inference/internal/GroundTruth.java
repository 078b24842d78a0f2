package io.vigil.inference.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The hand-made annotation of the sample photos ({@code faces-ground-truth.txt} beside this class). */
record GroundTruth(List<Face> faces, Set<String> unsurePairs) {

    record Face(String photo, int index, float x, float y, float width, float height, String person) {
        Detection asDetection() {
            return new Detection(x, y, x + width, y + height, 1);
        }

        String name() {
            return photo + "#" + index;
        }
    }

    static GroundTruth load() {
        List<Face> faces = new ArrayList<>();
        Set<String> unsure = new HashSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                GroundTruth.class.getResourceAsStream("faces-ground-truth.txt"), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] f = l.split("\\s+");
                if (f[0].equals("unsure")) {
                    unsure.add(pairKey(f[1], f[2]));
                } else {
                    faces.add(new Face(f[0], Integer.parseInt(f[1]), Float.parseFloat(f[2]), Float.parseFloat(f[3]),
                            Float.parseFloat(f[4]), Float.parseFloat(f[5]), f[6]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new GroundTruth(faces, unsure);
    }

    static String pairKey(String a, String b) {
        return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
    }

    boolean unsure(Face a, Face b) {
        return unsurePairs.contains(pairKey(a.person(), b.person()));
    }

    List<String> photos() {
        return faces.stream().map(Face::photo).distinct().toList();
    }
}
