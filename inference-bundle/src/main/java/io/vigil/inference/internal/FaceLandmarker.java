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

    /** The 68 points in image pixels, {@code points[i] = {x, y}}, iBUG numbering from 0. */
    static float[][] points(float[] normalised, Detection box) {
        float[][] points = new float[68][];
        for (int i = 0; i < 68; i++) {
            points[i] = new float[] {box.x1() + normalised[2 * i] * box.width(), box.y1() + normalised[2 * i + 1] * box.height()};
        }
        return points;
    }

    /** The five alignment points in image pixels: image-left eye, image-right eye, nose tip, mouth corners. */
    static float[][] fivePoints(float[][] points) {
        // 68-point iBUG numbering: eye lids 37,38,40,41 and 43,44,46,47; nose tip 30;
        // mouth corners 48/60 and 54/64 (outer and inner lip)
        return new float[][] {
                avg(points, 37, 38, 40, 41),
                avg(points, 43, 44, 46, 47),
                points[30].clone(),
                avg(points, 48, 60),
                avg(points, 54, 64)};
    }

    static float[][] fivePoints(float[] normalised, Detection box) {
        return fivePoints(points(normalised, box));
    }

    private static float[] avg(float[][] points, int... indices) {
        float x = 0;
        float y = 0;
        for (int i : indices) {
            x += points[i][0];
            y += points[i][1];
        }
        return new float[] {x / indices.length, y / indices.length};
    }

    /** All 68 points of the face in {@code box}, in image pixels. */
    float[][] locateAll(BgrImage image, Detection box) {
        return points(model.run(prepare(image, box))[0], box);
    }

    float[][] locate(BgrImage image, Detection box) {
        return fivePoints(locateAll(image, box));
    }
}
