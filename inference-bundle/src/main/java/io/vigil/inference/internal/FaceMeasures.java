package io.vigil.inference.internal;

/**
 * Quality measures of one face: sharpness of the aligned face and head pose from the five points.
 * Pose is a geometric estimate (where the nose sits between eyes and mouth), good enough to turn
 * away profiles and faces looking at the floor, not a 3D head pose.
 */
final class FaceMeasures {

    /**
     * Where the landmark model puts the nose tip between the eye line and the mouth line on
     * frontal faces (measured on the sample photos: 0.42..0.70, centred near 0.55; ArcFace's
     * template says 0.49).
     */
    private static final double FRONTAL_NOSE_HEIGHT = 0.55;

    private FaceMeasures() {
    }

    /**
     * Variance of the 4-neighbour Laplacian over the middle of the aligned face (grey levels
     * 0..255), which falls as blur, motion or heavy compression remove edges.
     */
    static float sharpness(float[] aligned) {
        int size = FaceEmbedder.SIZE;
        int plane = size * size;
        int from = 16;
        int to = size - 16;
        float[] grey = new float[plane];
        for (int i = 0; i < plane; i++) {
            grey[i] = (0.299f * aligned[i] + 0.587f * aligned[plane + i] + 0.114f * aligned[2 * plane + i]) * 128f + 127f;
        }
        double sum = 0;
        double sumSq = 0;
        int n = 0;
        for (int y = from; y < to; y++) {
            for (int x = from; x < to; x++) {
                int i = y * size + x;
                double lap = grey[i - 1] + grey[i + 1] + grey[i - size] + grey[i + size] - 4 * grey[i];
                sum += lap;
                sumSq += lap * lap;
                n++;
            }
        }
        double mean = sum / n;
        return (float) (sumSq / n - mean * mean);
    }

    /** Head turn in degrees, positive when the nose points to the image right. */
    static float yaw(float[][] five) {
        double ex = five[1][0] - five[0][0];
        double ey = five[1][1] - five[0][1];
        double eyeDistance = Math.hypot(ex, ey);
        if (eyeDistance < 1e-3) {
            return 90f;
        }
        double midX = (five[0][0] + five[1][0] + five[3][0] + five[4][0]) / 4;
        double midY = (five[0][1] + five[1][1] + five[3][1] + five[4][1]) / 4;
        double along = ((five[2][0] - midX) * ex + (five[2][1] - midY) * ey) / (eyeDistance * eyeDistance);
        return (float) Math.toDegrees(Math.asin(clamp(2.2 * along)));
    }

    /** Head tilt in degrees, positive when the face looks down. */
    static float pitch(float[][] five) {
        double eyeX = (five[0][0] + five[1][0]) / 2;
        double eyeY = (five[0][1] + five[1][1]) / 2;
        double mouthX = (five[3][0] + five[4][0]) / 2;
        double mouthY = (five[3][1] + five[4][1]) / 2;
        double dx = mouthX - eyeX;
        double dy = mouthY - eyeY;
        double span = dx * dx + dy * dy;
        if (span < 1e-3) {
            return 90f;
        }
        double height = ((five[2][0] - eyeX) * dx + (five[2][1] - eyeY) * dy) / span;
        return (float) Math.toDegrees(Math.asin(clamp(1.6 * (height - FRONTAL_NOSE_HEIGHT))));
    }

    private static double clamp(double v) {
        return Math.max(-1, Math.min(1, v));
    }
}
