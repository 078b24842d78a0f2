package io.vigil.inference.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Greedy non-maximum suppression: the best-scored of overlapping boxes stays. */
final class Nms {

    private Nms() {
    }

    static List<Detection> suppress(List<Detection> candidates, float iouLimit) {
        List<Detection> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection d : sorted) {
            boolean overlaps = false;
            for (Detection k : kept) {
                if (d.iou(k) > iouLimit) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(d);
            }
        }
        return kept;
    }
}
