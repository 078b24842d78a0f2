package io.vigil.inference.internal;

import io.vigil.api.face.EmbeddingModel;

/** The three models of the face pipeline, loaded and verified together. */
final class FaceModels implements AutoCloseable {

    private final OnnxModel detectorModel;
    private final OnnxModel landmarkModel;
    private final OnnxModel embedderModel;
    private final FaceDetector detector;
    private final FaceLandmarker landmarker;
    private final FaceEmbedder embedder;
    private final EmbeddingModel embeddingModel;
    private final RuntimeChoice runtime;

    private FaceModels(OnnxModel detectorModel, OnnxModel landmarkModel, OnnxModel embedderModel,
                       EmbeddingModel embeddingModel, RuntimeChoice runtime) {
        this.detectorModel = detectorModel;
        this.landmarkModel = landmarkModel;
        this.embedderModel = embedderModel;
        this.detector = new FaceDetector(detectorModel);
        this.landmarker = new FaceLandmarker(landmarkModel);
        this.embedder = new FaceEmbedder(embedderModel);
        this.embeddingModel = embeddingModel;
        this.runtime = runtime;
    }

    /**
     * @param concurrency how many threads may run each model at once
     */
    static FaceModels load(ModelDirectory directory, RuntimeChoice runtime, int concurrency) {
        OnnxModel detector = null;
        OnnxModel landmarks = null;
        try {
            detector = OnnxModel.load(directory, FaceModelFile.DETECTOR,
                    new TensorTranslator(FaceDetector.INPUT_SHAPE, FaceDetector.OUTPUTS), runtime, concurrency);
            landmarks = OnnxModel.load(directory, FaceModelFile.LANDMARKS,
                    new TensorTranslator(FaceLandmarker.INPUT_SHAPE, FaceLandmarker.OUTPUTS), runtime, concurrency);
            OnnxModel embedder = OnnxModel.load(directory, FaceModelFile.EMBEDDER,
                    new TensorTranslator(FaceEmbedder.INPUT_SHAPE, FaceEmbedder.OUTPUTS), runtime, concurrency);
            return new FaceModels(detector, landmarks, embedder, embeddingModelOf(FaceModelFile.EMBEDDER), runtime);
        } catch (RuntimeException e) {
            if (landmarks != null) {
                landmarks.close();
            }
            if (detector != null) {
                detector.close();
            }
            throw e;
        }
    }

    /**
     * The cosine at which two templates of this model count as the same person by default,
     * calibrated by {@code GroundTruthTest} on the annotated sample photos.
     */
    static final float CALIBRATED_THRESHOLD = 0.51f;

    /** The id and version every template carries: package version plus the file's hash prefix. */
    static EmbeddingModel embeddingModelOf(FaceModelFile file) {
        return new EmbeddingModel(FaceModelFile.PACKAGE + "/" + file.modelName(),
                FaceModelFile.PACKAGE_VERSION + "+" + file.sha256().substring(0, 12), CALIBRATED_THRESHOLD);
    }

    FaceDetector detector() {
        return detector;
    }

    FaceLandmarker landmarker() {
        return landmarker;
    }

    FaceEmbedder embedder() {
        return embedder;
    }

    EmbeddingModel embeddingModel() {
        return embeddingModel;
    }

    RuntimeChoice runtime() {
        return runtime;
    }

    @Override
    public void close() {
        embedderModel.close();
        landmarkModel.close();
        detectorModel.close();
    }
}
