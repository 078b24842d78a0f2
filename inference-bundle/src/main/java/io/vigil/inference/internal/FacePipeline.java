package io.vigil.inference.internal;

import io.vigil.api.face.AnalysedFace;
import io.vigil.api.face.BoundingBox;
import io.vigil.api.face.EmbeddingModel;
import io.vigil.api.face.FaceAnalyzer;
import io.vigil.api.face.FaceEmbedding;
import io.vigil.api.face.FaceLandmarks;
import io.vigil.api.face.FaceQuality;
import io.vigil.api.face.Point;
import io.vigil.api.face.QualityRejection;
import io.vigil.api.media.BgrImage;
import io.vigil.inference.internal.StageTimes.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Detect, locate landmarks, align on the ArcFace template from the full-resolution image, judge
 * quality and embed. Faces live only in this call's memory.
 */
final class FacePipeline implements FaceAnalyzer {

    private final FaceModels models;
    private final FaceFinder finder;
    private final QualityGate gate;
    private final RejectionCounts counts;

    FacePipeline(FaceModels models, InferenceOptions options, RejectionCounts counts) {
        this.models = models;
        this.finder = new FaceFinder(models.detector(), options.detectionScore(), options.nmsIou());
        this.gate = options.gate();
        this.counts = counts;
    }

    @Override
    public EmbeddingModel embeddingModel() {
        return models.embeddingModel();
    }

    @Override
    public List<AnalysedFace> analyse(BgrImage image, Source source) {
        return analyse(image, source, StageTimes.NONE);
    }

    @Override
    public List<AnalysedFace> analysePhoto(byte[] encoded, String name) {
        BgrImage image;
        try {
            image = ImageFiles.decode(encoded, name);
        } catch (ImageFiles.ImageException e) {
            throw new io.vigil.api.face.UnreadableImageException(e.getMessage());
        }
        return analyse(image, Source.PHOTO);
    }

    List<AnalysedFace> analyse(BgrImage image, Source source, StageTimes times) {
        long t0 = System.nanoTime();
        List<Detection> boxes = finder.find(image, gate.minFaceSize(), source == Source.PHOTO);
        if (times.recording()) {
            times.add(Stage.DETECT, System.nanoTime() - t0);
        }
        List<AnalysedFace> faces = new ArrayList<>(boxes.size());
        for (Detection box : boxes) {
            faces.add(examine(image, box, times));
        }
        return faces;
    }

    /** Everything after detection for one face; the embedding only if the gate lets it through. */
    AnalysedFace examine(BgrImage image, Detection box, StageTimes times) {
        return examine(image, box, times, quality -> true).orElseThrow();
    }

    /**
     * As {@link #examine(BgrImage, Detection, StageTimes)}, but a face the gate passes is embedded
     * only if {@code wanted} accepts its quality, and is otherwise returned as nothing: a camera's
     * tracker already holds a better face of that person, and embedding is the costly step.
     */
    Optional<AnalysedFace> examine(BgrImage image, Detection box, StageTimes times, Predicate<FaceQuality> wanted) {
        long t0 = System.nanoTime();
        float[][] points = models.landmarker().locateAll(image, box);
        float[][] five = FaceLandmarker.fivePoints(points);
        long t1 = System.nanoTime();
        SimilarityTransform transform = SimilarityTransform.fit(SimilarityTransform.ARCFACE_112, five);
        float[] aligned = FaceEmbedder.align(image, transform);
        float sharpness = FaceMeasures.sharpness(aligned);
        long t2 = System.nanoTime();
        HeadPose pose = HeadPose.fit(points);
        float yaw = pose.yawDegrees();
        float pitch = pose.pitchDegrees();
        int size = Math.round(Math.min(box.width(), box.height()));
        FaceQuality quality = new FaceQuality(box.score(), sharpness, yaw, pitch, size,
                gate.score(box.score(), size, sharpness, yaw, pitch));
        Optional<QualityRejection> rejection = gate.judge(quality);
        if (rejection.isEmpty() && !wanted.test(quality)) {
            return Optional.empty();
        }
        Optional<FaceEmbedding> embedding = Optional.empty();
        if (rejection.isEmpty()) {
            float[] vector = models.embedder().embed(aligned);
            EmbeddingModel model = models.embeddingModel();
            embedding = Optional.of(new FaceEmbedding(model.id(), model.version(), vector));
            counts.embedded();
        } else {
            counts.rejected(rejection.get());
        }
        if (times.recording()) {
            long t3 = System.nanoTime();
            times.add(Stage.LANDMARKS, t1 - t0);
            times.add(Stage.ALIGN, t2 - t1);
            if (embedding.isPresent()) {
                times.add(Stage.EMBED, t3 - t2);
            }
        }
        return Optional.of(new AnalysedFace(
                new BoundingBox(box.x1(), box.y1(), box.width(), box.height()),
                landmarks(five), quality, rejection, embedding));
    }

    /** API order is the person's own left and right: the image-right eye is the left eye. */
    private static FaceLandmarks landmarks(float[][] five) {
        return new FaceLandmarks(point(five[1]), point(five[0]), point(five[2]), point(five[4]), point(five[3]));
    }

    private static Point point(float[] p) {
        return new Point(p[0], p[1]);
    }
}
