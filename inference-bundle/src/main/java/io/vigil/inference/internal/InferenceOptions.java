package io.vigil.inference.internal;

/**
 * The inference settings as one immutable value, parsed from the component's configuration, so a
 * change can be compared with what runs and only the affected parts rebuilt.
 *
 * @param modelsDirectory   configured model folder, empty for the default cache
 * @param provider          requested execution provider
 * @param intraOpThreads    ONNX Runtime threads per model run
 * @param workers           frames analysed at once (one camera's frames stay in order)
 * @param detectionScore    detector score a candidate box needs
 * @param nmsIou            overlap above which the weaker of two boxes is dropped
 * @param gate              quality gate before embedding
 * @param facesPerTrack     most faces embedded per track
 */
record InferenceOptions(String modelsDirectory, RuntimeChoice.Request provider, int intraOpThreads, int workers,
                        float detectionScore, float nmsIou, QualityGate gate, int facesPerTrack) {

    static InferenceOptions defaults() {
        return new InferenceOptions("", RuntimeChoice.Request.AUTO, 1, 2, 0.7f, 0.4f,
                new QualityGate(40, 0.8f, 20f, 45f, 35f), 3);
    }


    /** Whether the models must be reloaded to go from {@code this} to {@code next}. */
    boolean needsReload(InferenceOptions next) {
        return !modelsDirectory.equals(next.modelsDirectory) || provider != next.provider
                || intraOpThreads != next.intraOpThreads || workers != next.workers;
    }
}
