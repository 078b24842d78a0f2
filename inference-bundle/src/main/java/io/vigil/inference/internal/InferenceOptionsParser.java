package io.vigil.inference.internal;

import java.util.Locale;

/** The component's configuration as {@link InferenceOptions}, with bad values refused by name. */
final class InferenceOptionsParser {

    private InferenceOptionsParser() {
    }

    static InferenceOptions parse(InferenceService.Config c) {
        RuntimeChoice.Request provider;
        try {
            provider = RuntimeChoice.Request.valueOf(c.execution_provider().trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("execution.provider must be auto, cpu or cuda, not '"
                    + c.execution_provider() + "'", e);
        }
        positive("intra.op.threads", c.intra_op_threads());
        positive("workers", c.workers());
        positive("min.face.size", c.min_face_size());
        positive("faces.per.track", c.faces_per_track());
        unit("detection.score", c.detection_score());
        unit("min.detector.score", c.min_detector_score());
        return new InferenceOptions(c.models_directory(), provider, c.intra_op_threads(), c.workers(),
                c.detection_score(), 0.4f,
                new QualityGate(c.min_face_size(), c.min_detector_score(), c.min_sharpness(), c.max_yaw_degrees(),
                        c.max_pitch_degrees()),
                c.faces_per_track());
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1, not " + value);
        }
    }

    private static void unit(String name, float value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, not " + value);
        }
    }
}
