package io.vigil.inference.internal;

import io.vigil.api.face.EmbeddingModel;
import java.util.List;

/** The three models of the face pipeline, loaded and verified together. */
final class FaceModels implements AutoCloseable {

    private final List<AutoCloseable> resources;
    private final ModelRunner detectorRunner;
    private final ModelRunner landmarkRunner;
    private final ModelRunner embedderRunner;
    private final FaceDetector detector;
    private final FaceLandmarker landmarker;
    private final FaceEmbedder embedder;
    private final EmbeddingModel embeddingModel;
    private final RuntimeChoice runtime;

    /**
     * @param resources closed, in order, with the models (sessions, predictors)
     */
    FaceModels(ModelRunner detectorModel, ModelRunner landmarkModel, ModelRunner embedderModel,
               EmbeddingModel embeddingModel, RuntimeChoice runtime, List<AutoCloseable> resources) {
        this.resources = List.copyOf(resources);
        this.detectorRunner = detectorModel;
        this.landmarkRunner = landmarkModel;
        this.embedderRunner = embedderModel;
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
            return new FaceModels(detector, landmarks, embedder, embeddingModelOf(FaceModelFile.EMBEDDER), runtime,
                    List.of(embedder, landmarks, detector));
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
     * The cosine at which two templates of this model count as the same person by default, chosen
     * for a false-match rate of 0.1 % per comparison ({@link ThresholdCalibration#SHIPPED}: the
     * figures and their limits).
     */
    static final float CALIBRATED_THRESHOLD = ThresholdCalibration.SHIPPED.threshold();

    /** The id and version every template carries: package version plus the file's hash prefix. */
    static EmbeddingModel embeddingModelOf(FaceModelFile file) {
        return new EmbeddingModel(FaceModelFile.PACKAGE + "/" + file.modelName(),
                FaceModelFile.PACKAGE_VERSION + "+" + file.sha256().substring(0, 12), CALIBRATED_THRESHOLD);
    }

    ModelRunner detectorRunner() {
        return detectorRunner;
    }

    ModelRunner landmarkRunner() {
        return landmarkRunner;
    }

    ModelRunner embedderRunner() {
        return embedderRunner;
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
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                // closing native sessions: nothing left to do about a failure but go on with the rest
            }
        }
    }
}
