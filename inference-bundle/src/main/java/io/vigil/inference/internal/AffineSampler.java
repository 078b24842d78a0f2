package io.vigil.inference.internal;

import io.vigil.api.media.BgrImage;
import java.nio.ByteBuffer;

/**
 * Fills model input tensors from a BGR image through an affine map from output to source pixels
 * ({@code x = a*u + b*v + tx}, {@code y = c*u + d*v + ty}), sampling bilinearly. Resizing a region
 * and warping a face onto the alignment template are both such maps, so one loop serves the
 * detector, the landmark model and the embedder. Pixels outside the image read as {@code fill}.
 */
final class AffineSampler {

    private AffineSampler() {
    }

    /** The map of a scale-and-shift: output (u, v) reads source (x0 + u / scale, y0 + v / scale). */
    static double[] scaling(double x0, double y0, double scale) {
        return new double[] {1 / scale, 0, x0 + 0.5 / scale - 0.5, 0, 1 / scale, y0 + 0.5 / scale - 0.5};
    }

    /**
     * Planar RGB, {@code (value - 127) / 128}, into {@code out} laid out [3][outHeight][outWidth];
     * source pixels outside the image read as grey level {@code outside} (127 letterboxes the
     * detector's input with its neutral value; 0 is the black border the alignment template was
     * trained with).
     */
    static void rgbPlanar(BgrImage image, double[] map, float[] out, int outWidth, int outHeight, int outside) {
        int plane = outWidth * outHeight;
        ByteBuffer px = image.pixels();
        int w = image.width();
        int h = image.height();
        int stride = image.stride();
        for (int v = 0; v < outHeight; v++) {
            for (int u = 0; u < outWidth; u++) {
                int o = v * outWidth + u;
                double x = map[0] * u + map[1] * v + map[2];
                double y = map[3] * u + map[4] * v + map[5];
                int x0 = (int) Math.floor(x);
                int y0 = (int) Math.floor(y);
                float fx = (float) (x - x0);
                float fy = (float) (y - y0);
                float b = 0;
                float g = 0;
                float r = 0;
                for (int k = 0; k < 4; k++) {
                    int xi = x0 + (k & 1);
                    int yi = y0 + (k >> 1);
                    float weight = ((k & 1) == 0 ? 1 - fx : fx) * ((k >> 1) == 0 ? 1 - fy : fy);
                    if (weight == 0) {
                        continue;
                    }
                    if (xi < 0 || yi < 0 || xi >= w || yi >= h) {
                        b += weight * outside;
                        g += weight * outside;
                        r += weight * outside;
                        continue;
                    }
                    int p = yi * stride + xi * 3;
                    b += weight * (px.get(p) & 0xff);
                    g += weight * (px.get(p + 1) & 0xff);
                    r += weight * (px.get(p + 2) & 0xff);
                }
                out[o] = (r - 127f) / 128f;
                out[plane + o] = (g - 127f) / 128f;
                out[2 * plane + o] = (b - 127f) / 128f;
            }
        }
    }

    /** Grey levels (ITU-R 601 luma) divided by 256 into {@code out} [outHeight][outWidth]; edges clamp. */
    static void grey(BgrImage image, double[] map, float[] out, int outWidth, int outHeight) {
        ByteBuffer px = image.pixels();
        int w = image.width();
        int h = image.height();
        int stride = image.stride();
        for (int v = 0; v < outHeight; v++) {
            for (int u = 0; u < outWidth; u++) {
                double x = map[0] * u + map[1] * v + map[2];
                double y = map[3] * u + map[4] * v + map[5];
                int x0 = (int) Math.floor(x);
                int y0 = (int) Math.floor(y);
                float fx = (float) (x - x0);
                float fy = (float) (y - y0);
                float sum = 0;
                for (int k = 0; k < 4; k++) {
                    int xi = Math.min(Math.max(x0 + (k & 1), 0), w - 1);
                    int yi = Math.min(Math.max(y0 + (k >> 1), 0), h - 1);
                    float weight = ((k & 1) == 0 ? 1 - fx : fx) * ((k >> 1) == 0 ? 1 - fy : fy);
                    int p = yi * stride + xi * 3;
                    sum += weight * (0.114f * (px.get(p) & 0xff) + 0.587f * (px.get(p + 1) & 0xff)
                            + 0.299f * (px.get(p + 2) & 0xff));
                }
                out[v * outWidth + u] = sum / 256f;
            }
        }
    }
}
