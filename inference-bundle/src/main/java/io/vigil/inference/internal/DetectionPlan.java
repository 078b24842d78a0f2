package io.vigil.inference.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Which regions of an image the detector looks at. The whole image, scaled to the detector's
 * 320x240, finds faces down to {@link #SMALLEST_INPUT_FACE} detector pixels: in a 1080p frame that
 * is about 120 px. When the configured minimum face is smaller, overlapping tiles at a higher
 * scale follow, sized so the minimum face reaches that size in the detector. Tiles overlap by more
 * than the largest face the whole-image pass can miss, so every face lies whole in some tile, and
 * boxes cut by a tile's inner edge are dropped, as are boxes larger than the tiles are there for. Photos get one more pass with a border around the
 * image, because the detector misses faces that fill the whole picture (tight enrolment crops):
 * its prior boxes do not reach the input's edges.
 */
final class DetectionPlan {

    /** Faces smaller than this in the detector's input are missed too often (its smallest priors are 10-16 px). */
    static final double SMALLEST_INPUT_FACE = 20;

    /**
     * The mid-grey border of a photo's padded pass, as a share of its shorter side. Measured on
     * 150x150 grey crops of the 23 sample faces cut tighter than the face (80% of the face box):
     * 0.25 finds 12, 0.3 finds 15, 0.4-0.6 find 16 but lose a face at 100%; repeating the edge
     * pixels instead of grey finds fewer (9 at 0.25).
     */
    static final double PHOTO_BORDER = 0.3;

    private DetectionPlan() {
    }

    static List<DetectionRegion> regions(int width, int height, int minFace, boolean photo) {
        List<DetectionRegion> regions = new ArrayList<>();
        double whole = Math.min((double) FaceDetector.INPUT_WIDTH / width, (double) FaceDetector.INPUT_HEIGHT / height);
        regions.add(DetectionRegion.whole(0, 0, whole));
        if (photo) {
            double border = PHOTO_BORDER * Math.min(width, height);
            double padded = Math.min(FaceDetector.INPUT_WIDTH / (width + 2 * border),
                    FaceDetector.INPUT_HEIGHT / (height + 2 * border));
            regions.add(DetectionRegion.whole(-border, -border, padded));
        }
        if (minFace * whole < SMALLEST_INPUT_FACE) {
            double tileScale = Math.min(1.0, SMALLEST_INPUT_FACE / minFace);
            double tileWidth = FaceDetector.INPUT_WIDTH / tileScale;
            double tileHeight = FaceDetector.INPUT_HEIGHT / tileScale;
            // the largest face the whole-image pass may miss, with a margin, must fit in the overlap
            double largestMissed = 1.25 * SMALLEST_INPUT_FACE / whole;
            double overlap = Math.min(largestMissed, Math.min(tileWidth, tileHeight) / 2);
            double[] xs = positions(width, tileWidth, overlap);
            double[] ys = positions(height, tileHeight, overlap);
            for (int r = 0; r < ys.length; r++) {
                for (int c = 0; c < xs.length; c++) {
                    regions.add(new DetectionRegion(xs[c], ys[r], tileScale,
                            c > 0, r > 0, c < xs.length - 1, r < ys.length - 1, largestMissed));
                }
            }
        }
        return regions;
    }

    /** Evenly spread tile origins covering {@code extent} with at least {@code overlap} between neighbours. */
    private static double[] positions(int extent, double tile, double overlap) {
        if (tile >= extent) {
            return new double[] {0};
        }
        int count = (int) Math.ceil((extent - tile) / (tile - overlap)) + 1;
        double[] origins = new double[count];
        double step = (extent - tile) / (count - 1);
        for (int i = 0; i < count; i++) {
            origins[i] = i * step;
        }
        return origins;
    }
}
