package io.vigil.inference.internal;

import io.vigil.api.media.BgrImage;
import java.util.ArrayList;
import java.util.List;

/**
 * The UltraFace-style detector: a 320x240 RGB input, 4420 prior boxes with a face score each and
 * corner-form boxes already decoded and normalised to the input. One call looks at one region of
 * the image, scaled to fit the input without distortion (the unused part is mid-grey).
 */
final class FaceDetector {

    static final int INPUT_WIDTH = 320;
    static final int INPUT_HEIGHT = 240;
    static final long[] INPUT_SHAPE = {1, 3, INPUT_HEIGHT, INPUT_WIDTH};
    static final String[] OUTPUTS = {"scores", "boxes"};

    private final ModelRunner model;

    FaceDetector(ModelRunner model) {
        this.model = model;
    }

    /** The input for one region, ready for {@link #decode}. */
    static float[] prepare(BgrImage image, DetectionRegion region) {
        float[] input = new float[3 * INPUT_WIDTH * INPUT_HEIGHT];
        AffineSampler.rgbPlanar(image, AffineSampler.scaling(region.x(), region.y(), region.scale()), input,
                INPUT_WIDTH, INPUT_HEIGHT, 127);
        return input;
    }

    /** Boxes scoring at least {@code minScore}, in image pixels, before suppression. */
    static List<Detection> decode(float[] scores, float[] boxes, DetectionRegion region, float minScore) {
        List<Detection> found = new ArrayList<>();
        int priors = scores.length / 2;
        for (int i = 0; i < priors; i++) {
            float score = scores[2 * i + 1];
            if (score < minScore) {
                continue;
            }
            float x1 = boxes[4 * i] * INPUT_WIDTH;
            float y1 = boxes[4 * i + 1] * INPUT_HEIGHT;
            float x2 = boxes[4 * i + 2] * INPUT_WIDTH;
            float y2 = boxes[4 * i + 3] * INPUT_HEIGHT;
            float s = (float) region.scale();
            float ox = (float) region.x();
            float oy = (float) region.y();
            found.add(new Detection(ox + x1 / s, oy + y1 / s, ox + x2 / s, oy + y2 / s, score));
        }
        return found;
    }

    /** Candidates found in one region, in image pixels. */
    List<Detection> detect(BgrImage image, DetectionRegion region, float minScore) {
        float[][] out = model.run(prepare(image, region));
        return decode(out[0], out[1], region, minScore);
    }
}
