package io.vigil.inference.internal;

import io.vigil.api.media.BgrImage;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the detector over a {@link DetectionPlan}'s regions and merges what they found. Tiles are
 * there for faces too small for the whole-image pass; a tile box that overlaps a face the whole
 * image already shows is part of that face (a chin, an eye seen at high zoom), since two faces
 * cannot overlap much, and is dropped.
 */
final class FaceFinder {

    /** Share of a tile box that may lie inside a face found by a whole-image pass. */
    static final float TILE_OVERLAP_LIMIT = 0.2f;

    private final FaceDetector detector;
    private final float minScore;
    private final float nmsIou;

    FaceFinder(FaceDetector detector, float minScore, float nmsIou) {
        this.detector = detector;
        this.minScore = minScore;
        this.nmsIou = nmsIou;
    }

    List<Detection> find(BgrImage image, int minFace, boolean photo) {
        List<Detection> wholeImage = new ArrayList<>();
        List<Detection> tiles = new ArrayList<>();
        for (DetectionRegion region : DetectionPlan.regions(image.width(), image.height(), minFace, photo)) {
            boolean tile = region.maxFace() != Double.MAX_VALUE;
            double margin = 2 / region.scale();
            for (Detection d : detector.detect(image, region, minScore)) {
                if (!region.cutsOff(d, margin) && Math.min(d.width(), d.height()) <= region.maxFace()) {
                    (tile ? tiles : wholeImage).add(d.clippedTo(image.width(), image.height()));
                }
            }
        }
        List<Detection> merged = Nms.suppress(wholeImage, nmsIou);
        for (Detection t : Nms.suppress(tiles, nmsIou)) {
            if (!insideAny(t, merged)) {
                merged.add(t);
            }
        }
        merged = Nms.suppress(merged, nmsIou);
        merged.removeIf(d -> d.width() < 2 || d.height() < 2);
        return merged;
    }

    private static boolean insideAny(Detection t, List<Detection> faces) {
        for (Detection f : faces) {
            if (t.intersection(f) > TILE_OVERLAP_LIMIT * t.area()) {
                return true;
            }
        }
        return false;
    }
}
