package io.vigil.inference.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Greedy non-maximum suppression: the best-scored of overlapping boxes stays. A box also goes when
 * most of it lies inside a stronger one, however low their IoU: the detector puts small boxes on
 * an eye or the nose of a face that fills the picture (tight custody and ID crops), and a tile at
 * high zoom sees parts of a face the whole image shows. Two real faces never share most of the
 * smaller one's box.
 */
final class Nms {

    /** Share of the smaller box that may lie inside a stronger box before it is dropped. */
    static final float CONTAINED_LIMIT = 0.5f;

    private Nms() {
    }

    static List<Detection> suppress(List<Detection> candidates, float iouLimit) {
        List<Detection> sorted = new ArrayList<>(candidates);
        sorted.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        for (Detection d : sorted) {
            boolean overlaps = false;
            for (Detection k : kept) {
                if (d.iou(k) > iouLimit || d.intersectionOverSmaller(k) > CONTAINED_LIMIT) {
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
