package io.vigil.inference.internal;

/** A detector box in image pixels (corners) with its face score. */
record Detection(float x1, float y1, float x2, float y2, float score) {

    float width() {
        return x2 - x1;
    }

    float height() {
        return y2 - y1;
    }

    float area() {
        return Math.max(0, width()) * Math.max(0, height());
    }

    float intersection(Detection o) {
        float iw = Math.min(x2, o.x2) - Math.max(x1, o.x1);
        float ih = Math.min(y2, o.y2) - Math.max(y1, o.y1);
        return iw <= 0 || ih <= 0 ? 0 : iw * ih;
    }

    float iou(Detection o) {
        float inter = intersection(o);
        return inter == 0 ? 0 : inter / (area() + o.area() - inter);
    }

    /** The intersection as a share of the smaller box: 1 when one lies wholly inside the other. */
    float intersectionOverSmaller(Detection o) {
        float inter = intersection(o);
        return inter == 0 ? 0 : inter / Math.min(area(), o.area());
    }

    Detection clippedTo(int width, int height) {
        return new Detection(Math.max(0, x1), Math.max(0, y1), Math.min(width, x2), Math.min(height, y2), score);
    }
}
