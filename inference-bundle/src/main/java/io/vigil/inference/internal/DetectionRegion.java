package io.vigil.inference.internal;

/**
 * A part of the image the detector looks at in one run: its top-left corner in image pixels (may
 * be negative when the image is padded), the scale from image to detector pixels, and whether its
 * sides are inner tile edges (a box touching an inner edge is cut off; the neighbouring tile,
 * overlapping by more than the largest face a tile must find, sees that face whole), and the
 * largest face this region is there to find: tiles look for the small faces the whole-image pass
 * misses, and at their zoom, skin, hands and fabric score as large faces far more often than in
 * the whole image.
 */
record DetectionRegion(double x, double y, double scale, boolean innerLeft, boolean innerTop,
                       boolean innerRight, boolean innerBottom, double maxFace) {

    /** A region that looks for faces of any size. */
    static DetectionRegion whole(double x, double y, double scale) {
        return new DetectionRegion(x, y, scale, false, false, false, false, Double.MAX_VALUE);
    }

    /** Width of the region in image pixels. */
    double width() {
        return FaceDetector.INPUT_WIDTH / scale;
    }

    double height() {
        return FaceDetector.INPUT_HEIGHT / scale;
    }

    /** Whether a box touches an inner edge of this region, within {@code margin} image pixels. */
    boolean cutsOff(Detection d, double margin) {
        return innerLeft && d.x1() <= x + margin
                || innerTop && d.y1() <= y + margin
                || innerRight && d.x2() >= x + width() - margin
                || innerBottom && d.y2() >= y + height() - margin;
    }
}
