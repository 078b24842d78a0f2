package io.vigil.inference.internal;

/** Quality measures of one face besides its pose ({@link HeadPose}): sharpness of the aligned face. */
final class FaceMeasures {

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
}
