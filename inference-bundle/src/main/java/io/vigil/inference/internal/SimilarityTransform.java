package io.vigil.inference.internal;

/**
 * The least-squares similarity transform (rotation, uniform scale, shift) taking the alignment
 * template onto the five points found in the image: {@code x = a*u - b*v + tx},
 * {@code y = b*u + a*v + ty} for template point (u, v). Sampling the image through it gives the
 * aligned face directly, without inverting anything.
 */
record SimilarityTransform(double a, double b, double tx, double ty) {

    /** ArcFace's 5-point template for 112x112 faces. */
    static final double[][] ARCFACE_112 = {
            {38.2946, 51.6963}, {73.5318, 51.5014}, {56.0252, 71.7366}, {41.5493, 92.3655}, {70.7299, 92.2041}};

    static SimilarityTransform fit(double[][] template, float[][] image) {
        int n = template.length;
        double mu = 0;
        double mv = 0;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mu += template[i][0];
            mv += template[i][1];
            mx += image[i][0];
            my += image[i][1];
        }
        mu /= n;
        mv /= n;
        mx /= n;
        my /= n;
        double norm = 0;
        double sa = 0;
        double sb = 0;
        for (int i = 0; i < n; i++) {
            double u = template[i][0] - mu;
            double v = template[i][1] - mv;
            double x = image[i][0] - mx;
            double y = image[i][1] - my;
            norm += u * u + v * v;
            sa += u * x + v * y;
            sb += u * y - v * x;
        }
        double a = sa / norm;
        double b = sb / norm;
        return new SimilarityTransform(a, b, mx - (a * mu - b * mv), my - (b * mu + a * mv));
    }

    double[] asSamplerMap() {
        return new double[] {a, -b, tx, b, a, ty};
    }

    /** Where template point (u, v) lies in the image. */
    double[] apply(double u, double v) {
        return new double[] {a * u - b * v + tx, b * u + a * v + ty};
    }

    /**
     * Root-mean-square distance, in template pixels, between the template points carried into the
     * image and the points found there: small for a face, large when the landmark model was fed
     * something else (it always returns 68 points, face or not).
     */
    double residual(double[][] template, float[][] image) {
        double sum = 0;
        for (int i = 0; i < template.length; i++) {
            double[] p = apply(template[i][0], template[i][1]);
            double dx = p[0] - image[i][0];
            double dy = p[1] - image[i][1];
            sum += dx * dx + dy * dy;
        }
        return Math.sqrt(sum / template.length) / scale();
    }

    /** Image pixels per template pixel. */
    double scale() {
        return Math.hypot(a, b);
    }
}
