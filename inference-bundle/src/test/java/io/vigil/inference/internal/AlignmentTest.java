package io.vigil.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.media.BgrImage;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Alignment checked on geometry whose answer is known by construction. */
class AlignmentTest {

    private static final double[][] TEMPLATE = SimilarityTransform.ARCFACE_112;

    @Test
    void fitRecoversAnExactSimilarityOfTheTemplate() {
        double[][] cases = {{0, 1, 0, 0}, {17, 2.3, 640.5, 212.25}, {-12, 0.45, 33, 48}, {170, 1.1, 900, 700}};
        for (double[] c : cases) {
            double angle = Math.toRadians(c[0]);
            double scale = c[1];
            float[][] points = carry(TEMPLATE, scale, angle, c[2], c[3]);

            SimilarityTransform t = SimilarityTransform.fit(TEMPLATE, points);

            assertEquals(scale * Math.cos(angle), t.a(), 1e-4, "a for " + c[0] + " deg");
            assertEquals(scale * Math.sin(angle), t.b(), 1e-4, "b for " + c[0] + " deg");
            assertEquals(c[2], t.tx(), 2e-3);
            assertEquals(c[3], t.ty(), 2e-3);
            assertEquals(scale, t.scale(), 1e-5);
            assertEquals(c[0], Math.toDegrees(Math.atan2(t.b(), t.a())), 1e-4);
            assertEquals(0, t.residual(TEMPLATE, points), 1e-4, "residual of an exact fit");
        }
    }

    @Test
    void withNoiseTheFitIsTheLeastSquaresOne() {
        Random random = new Random(11);
        double angle = Math.toRadians(8);
        float[][] exact = carry(TEMPLATE, 1.6, angle, 210, 95);
        float[][] noisy = new float[5][];
        for (int i = 0; i < 5; i++) {
            noisy[i] = new float[] {exact[i][0] + (float) (2 * random.nextGaussian()),
                    exact[i][1] + (float) (2 * random.nextGaussian())};
        }
        SimilarityTransform fit = SimilarityTransform.fit(TEMPLATE, noisy);
        double best = squaredError(fit, noisy);

        // no small change of any of the four parameters fits the noisy points better
        double[] p = {fit.a(), fit.b(), fit.tx(), fit.ty()};
        double[] steps = {1e-3, 1e-3, 0.05, 0.05};
        for (int k = 0; k < 4; k++) {
            for (int sign = -1; sign <= 1; sign += 2) {
                double[] q = p.clone();
                q[k] += sign * steps[k];
                double e = squaredError(new SimilarityTransform(q[0], q[1], q[2], q[3]), noisy);
                assertTrue(e > best, "parameter " + k + " moved by " + sign * steps[k] + " fits better: " + e + " < " + best);
            }
        }
        // the true transform fits the noisy points no better than the least-squares one
        SimilarityTransform truth = new SimilarityTransform(1.6 * Math.cos(angle), 1.6 * Math.sin(angle), 210, 95);
        assertTrue(squaredError(truth, noisy) >= best);
        // and the noise (2 px per coordinate, in image pixels) moves the parameters only a little
        System.out.printf("noisy fit: scale %.3f (true 1.6), angle %.2f deg (true 8), shift %.1f,%.1f (true 210,95), "
                        + "residual %.2f template px%n", fit.scale(), Math.toDegrees(Math.atan2(fit.b(), fit.a())),
                fit.tx(), fit.ty(), fit.residual(TEMPLATE, noisy));
        assertEquals(1.6, fit.scale(), 0.1);
        assertEquals(8, Math.toDegrees(Math.atan2(fit.b(), fit.a())), 4);
        assertTrue(fit.residual(TEMPLATE, noisy) > 0.3, "noise leaves a residual");
    }

    @Test
    void alignmentLandsPaintedPointsOnTheTemplate() {
        // five blobs painted where a similarity (2.1x, -14 deg, shifted) carries the template
        double scale = 2.1;
        double angle = Math.toRadians(-14);
        float[][] points = carry(TEMPLATE, scale, angle, 130.3, 95.8);
        int w = 400;
        int h = 360;
        byte[] px = new byte[w * h * 3];
        double sigma = 3;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 0;
                for (float[] p : points) {
                    double dx = x - p[0];
                    double dy = y - p[1];
                    v += 255 * Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
                }
                byte b = (byte) Math.min(255, Math.round(v));
                px[(y * w + x) * 3] = b;
                px[(y * w + x) * 3 + 1] = b;
                px[(y * w + x) * 3 + 2] = b;
            }
        }
        BgrImage image = new BgrImage(w, h, 3 * w, ByteBuffer.wrap(px));

        float[] aligned = FaceEmbedder.align(image, SimilarityTransform.fit(TEMPLATE, points));

        int size = FaceEmbedder.SIZE;
        double worst = 0;
        for (double[] target : TEMPLATE) {
            // intensity-weighted centre of the red plane within 7 px of where the point should be
            double sum = 0;
            double sx = 0;
            double sy = 0;
            for (int v = (int) target[1] - 7; v <= (int) target[1] + 7; v++) {
                for (int u = (int) target[0] - 7; u <= (int) target[0] + 7; u++) {
                    double value = aligned[v * size + u] * 128 + 127;
                    sum += value;
                    sx += value * u;
                    sy += value * v;
                }
            }
            double error = Math.hypot(sx / sum - target[0], sy / sum - target[1]);
            worst = Math.max(worst, error);
        }
        System.out.printf("painted points land within %.3f px of the ArcFace template%n", worst);
        assertTrue(worst < 1.0, "worst point " + worst + " px from the template");
        // the blobs are the only bright things: a corner of the aligned face is black
        assertEquals(-127f / 128f, aligned[0], 0.02f);
    }

    @Test
    void partsOfTheTemplateOutsideTheImageAreBlack() {
        byte[] px = new byte[20 * 20 * 3];
        java.util.Arrays.fill(px, (byte) 200);
        BgrImage image = new BgrImage(20, 20, 60, ByteBuffer.wrap(px));
        float[] aligned = FaceEmbedder.align(image, new SimilarityTransform(1, 0, 0, 0));
        int size = FaceEmbedder.SIZE;
        assertEquals((200 - 127) / 128f, aligned[5 * size + 5], 1e-6f, "inside the image");
        assertEquals(-127 / 128f, aligned[50 * size + 50], 1e-6f, "outside: black, as ArcFace was trained");
        assertEquals(-127 / 128f, aligned[2 * size * size + 50 * size + 5], 1e-6f, "blue plane too");
    }

    @Test
    void scalingMapsPixelCentresOntoPixelCentres() {
        // a ramp: red = x, green = y (bilinear sampling reproduces a linear ramp exactly)
        int w = 200;
        int h = 120;
        byte[] px = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[(y * w + x) * 3 + 2] = (byte) x;
                px[(y * w + x) * 3 + 1] = (byte) y;
                px[(y * w + x) * 3] = 100;
            }
        }
        BgrImage ramp = new BgrImage(w, h, 3 * w, ByteBuffer.wrap(px));

        // halving: output pixel u covers source pixels 2u and 2u+1, so its centre is 2u + 0.5
        assertSamples(ramp, 10, 20, 0.5, (u, v) -> new double[] {10 + 2 * u + 0.5, 20 + 2 * v + 0.5});
        // doubling: output pixels 2i and 2i+1 are the halves of source pixel i: i - 0.25 and i + 0.25
        assertSamples(ramp, 30, 40, 2, (u, v) -> new double[] {30 + u / 2.0 - 0.25, 40 + v / 2.0 - 0.25});
        // scale 1 is a plain crop
        assertSamples(ramp, 7, 3, 1, (u, v) -> new double[] {7 + u, 3 + v});

        // the grey sampler uses the same convention (luma of the ramp, divided by 256)
        float[] grey = new float[16 * 16];
        AffineSampler.grey(ramp, AffineSampler.scaling(10, 20, 0.5), grey, 16, 16);
        for (int v = 0; v < 16; v++) {
            for (int u = 0; u < 16; u++) {
                double x = 10 + 2 * u + 0.5;
                double y = 20 + 2 * v + 0.5;
                double luma = 0.299 * x + 0.587 * y + 0.114 * 100;
                assertEquals(luma / 256, grey[v * 16 + u], 1e-4, "grey at " + u + "," + v);
            }
        }
    }

    private interface Expected {
        double[] at(int u, int v);
    }

    private static void assertSamples(BgrImage image, double x0, double y0, double scale, Expected expected) {
        int ow = 24;
        int oh = 16;
        float[] out = new float[3 * ow * oh];
        AffineSampler.rgbPlanar(image, AffineSampler.scaling(x0, y0, scale), out, ow, oh, 0);
        int plane = ow * oh;
        for (int v = 0; v < oh; v++) {
            for (int u = 0; u < ow; u++) {
                double[] xy = expected.at(u, v);
                assertEquals(xy[0], out[v * ow + u] * 128 + 127, 1e-3, "red (x) at " + u + "," + v + " scale " + scale);
                assertEquals(xy[1], out[plane + v * ow + u] * 128 + 127, 1e-3, "green (y) at " + u + "," + v);
                assertEquals(100, out[2 * plane + v * ow + u] * 128 + 127, 1e-3, "blue at " + u + "," + v);
            }
        }
    }

    /** The template points rotated by {@code angle}, scaled and shifted. */
    private static float[][] carry(double[][] template, double scale, double angle, double tx, double ty) {
        float[][] out = new float[template.length][];
        double c = scale * Math.cos(angle);
        double s = scale * Math.sin(angle);
        for (int i = 0; i < template.length; i++) {
            double u = template[i][0];
            double v = template[i][1];
            out[i] = new float[] {(float) (c * u - s * v + tx), (float) (s * u + c * v + ty)};
        }
        return out;
    }

    private static double squaredError(SimilarityTransform t, float[][] points) {
        double sum = 0;
        for (int i = 0; i < TEMPLATE.length; i++) {
            double[] p = t.apply(TEMPLATE[i][0], TEMPLATE[i][1]);
            sum += (p[0] - points[i][0]) * (p[0] - points[i][0]) + (p[1] - points[i][1]) * (p[1] - points[i][1]);
        }
        return sum;
    }
}
