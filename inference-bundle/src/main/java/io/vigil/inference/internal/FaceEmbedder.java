package io.vigil.inference.internal;

import io.vigil.api.media.BgrImage;

/** The 512-d embedding of a face aligned onto the 112x112 ArcFace template. */
final class FaceEmbedder {

    static final int SIZE = 112;
    static final long[] INPUT_SHAPE = {1, 3, SIZE, SIZE};
    static final String[] OUTPUTS = {"output"};

    private final ModelRunner model;

    FaceEmbedder(ModelRunner model) {
        this.model = model;
    }

    /** The aligned face, as the model's input (planar RGB, black outside the image). */
    static float[] align(BgrImage image, SimilarityTransform transform) {
        float[] input = new float[3 * SIZE * SIZE];
        AffineSampler.rgbPlanar(image, transform.asSamplerMap(), input, SIZE, SIZE, 0);
        return input;
    }

    float[] embed(float[] aligned) {
        return normalised(model.run(aligned)[0]);
    }

    static float[] normalised(float[] v) {
        double sum = 0;
        for (float f : v) {
            sum += f * f;
        }
        float inv = (float) (1 / Math.sqrt(Math.max(sum, 1e-12)));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * inv;
        }
        return out;
    }

    static float cosine(float[] a, float[] b) {
        float dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }
}
