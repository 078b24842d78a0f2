package io.vigil.inference.internal;

import io.vigil.api.media.BgrImage;

/**
 * The 68-point landmark model: the face box resized to 64x64 grey, points returned normalised to
 * the box. Five points are derived from them for alignment, in image order (image-left eye first),
 * which is the order of the ArcFace template.
 */
final class FaceLandmarker {

    static final int INPUT_SIZE = 64;
    static final long[] INPUT_SHAPE = {1, 1, INPUT_SIZE, INPUT_SIZE};
    static final String[] OUTPUTS = {"output"};

    private final ModelRunner model;

    FaceLandmarker(ModelRunner model) {
        this.model = model;
    }

    static float[] prepare(BgrImage image, Detection box) {
        float[] input = new float[INPUT_SIZE * INPUT_SIZE];
        double sx = box.width() / INPUT_SIZE;
        double sy = box.height() / INPUT_SIZE;
        double[] map = {sx, 0, box.x1() + 0.5 * sx - 0.5, 0, sy, box.y1() + 0.5 * sy - 0.5};
        AffineSampler.grey(image, map, input, INPUT_SIZE, INPUT_SIZE);
        return input;
    }

    /** The five alignment points in image pixels: image-left eye, image-right eye, nose tip, mouth corners. */
    static float[][] fivePoints(float[] normalised, Detection box) {
        float[] x = new float[68];
        float[] y = new float[68];
        for (int i = 0; i < 68; i++) {
            x[i] = box.x1() + normalised[2 * i] * box.width();
            y[i] = box.y1() + normalised[2 * i + 1] * box.height();
        }
        // 68-point iBUG numbering: eye lids 37,38,40,41 and 43,44,46,47; nose tip 30;
        // mouth corners 48/60 and 54/64 (outer and inner lip)
        return new float[][] {
                {avg(x, 37, 38, 40, 41), avg(y, 37, 38, 40, 41)},
                {avg(x, 43, 44, 46, 47), avg(y, 43, 44, 46, 47)},
                {x[30], y[30]},
                {avg(x, 48, 60), avg(y, 48, 60)},
                {avg(x, 54, 64), avg(y, 54, 64)}};
    }

    private static float avg(float[] v, int... indices) {
        float sum = 0;
        for (int i : indices) {
            sum += v[i];
        }
        return sum / indices.length;
    }

    float[][] locate(BgrImage image, Detection box) {
        return fivePoints(model.run(prepare(image, box))[0], box);
    }
}
