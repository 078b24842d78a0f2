package io.vigil.inference.internal;

import io.vigil.api.bench.InferenceWorkloads;
import io.vigil.api.face.FaceAnalyzer.Source;
import io.vigil.api.face.UnreadableImageException;
import io.vigil.api.media.BgrImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The inference stages prepared for {@code vigil bench inference} (bench bundle), which times them:
 * the three face models loaded twice, through DJL as the product runs them and on plain ONNX
 * Runtime (the reference), each with its input made once from the first photo; the Java stages
 * around them; whole photos end to end; a 1080p frame's detection with and without tiles.
 */
final class PreparedWorkloads implements InferenceWorkloads.Prepared {

    private static final List<String> MODELS = List.of("detector 320x240", "landmarks 64x64", "embedding 112x112");
    private static final List<String> JAVA_STAGES = List.of("detector input", "landmark input", "alignment", "sharpness");

    private final FaceModels djl;
    private final FaceModels plain;
    private final List<BgrImage> images;
    private final FacePipeline djlPipeline;
    private final FacePipeline plainPipeline;
    private final ModelRunner[][] runners;
    private final float[][] inputs;
    private final List<Runnable> javaStages;
    private final BgrImage frame;
    private final FaceFinder finder;
    private final int tiledMinFace;

    private PreparedWorkloads(FaceModels djl, FaceModels plain, InferenceOptions options, List<BgrImage> images,
                              List<Path> photos) {
        this.djl = djl;
        this.plain = plain;
        this.images = images;
        RejectionCounts counts = new RejectionCounts();
        this.djlPipeline = new FacePipeline(djl, options, counts);
        this.plainPipeline = new FacePipeline(plain, options, counts);
        BgrImage photo = images.get(0);
        this.finder = new FaceFinder(djl.detector(), options.detectionScore(), options.nmsIou());
        List<Detection> faces = finder.find(photo, options.gate().minFaceSize(), true);
        if (faces.isEmpty()) {
            throw new IllegalStateException(photos.get(0) + " shows no face to measure with");
        }
        Detection face = faces.get(0);
        float[] detectorInput = FaceDetector.prepare(photo, DetectionRegion.whole(0, 0,
                Math.min(320.0 / photo.width(), 240.0 / photo.height())));
        float[] landmarkInput = FaceLandmarker.prepare(photo, face);
        float[][] five = djl.landmarker().locate(photo, face);
        SimilarityTransform transform = SimilarityTransform.fit(SimilarityTransform.ARCFACE_112, five);
        float[] aligned = FaceEmbedder.align(photo, transform);
        this.runners = new ModelRunner[][] {
                {djl.detectorRunner(), plain.detectorRunner()},
                {djl.landmarkRunner(), plain.landmarkRunner()},
                {djl.embedderRunner(), plain.embedderRunner()}};
        this.inputs = new float[][] {detectorInput, landmarkInput, aligned};
        this.javaStages = List.of(
                () -> FaceDetector.prepare(photo, DetectionRegion.whole(0, 0, 320.0 / photo.width())),
                () -> FaceLandmarker.prepare(photo, face),
                () -> FaceEmbedder.align(photo, transform),
                () -> FaceMeasures.sharpness(aligned));
        this.frame = frame1080(images);
        this.tiledMinFace = options.gate().minFaceSize();
    }

    /**
     * Reads the photos and loads the models on both engines.
     *
     * @throws UnreadableImageException when a photo cannot be read
     * @throws IllegalStateException    when the first photo shows no face, or no photo is 1920 wide
     */
    static PreparedWorkloads prepare(ModelDirectory directory, RuntimeChoice runtime, InferenceOptions options,
                                     List<Path> photos) {
        if (photos.isEmpty()) {
            throw new IllegalArgumentException("no photo to measure with");
        }
        List<BgrImage> images = new ArrayList<>();
        for (Path p : photos) {
            try {
                images.add(ImageFiles.read(p));
            } catch (ImageFiles.ImageException e) {
                throw new UnreadableImageException(e.getMessage());
            }
        }
        FaceModels djl = FaceModels.load(directory, runtime, 1);
        FaceModels plain = null;
        try {
            plain = PlainOrtModel.faceModels(directory, runtime);
            return new PreparedWorkloads(djl, plain, options, images, photos);
        } catch (RuntimeException e) {
            djl.close();
            if (plain != null) {
                plain.close();
            }
            throw e;
        }
    }

    @Override
    public List<String> models() {
        return MODELS;
    }

    @Override
    public void runModel(int index, InferenceWorkloads.Engine engine) {
        runners[index][engine == InferenceWorkloads.Engine.DJL ? 0 : 1].run(inputs[index]);
    }

    @Override
    public List<String> javaStages() {
        return JAVA_STAGES;
    }

    @Override
    public void runJavaStage(int index) {
        javaStages.get(index).run();
    }

    @Override
    public int photos() {
        return images.size();
    }

    @Override
    public int analysePhoto(int index, InferenceWorkloads.Engine engine) {
        FacePipeline pipeline = engine == InferenceWorkloads.Engine.DJL ? djlPipeline : plainPipeline;
        return pipeline.analyse(images.get(index), Source.PHOTO).size();
    }

    @Override
    public int wholeFrameMinFace() {
        return (int) Math.ceil(DetectionPlan.SMALLEST_INPUT_FACE / (320.0 / 1920));
    }

    @Override
    public int tiledMinFace() {
        return tiledMinFace;
    }

    @Override
    public int tiledRegions() {
        return DetectionPlan.regions(1920, 1080, tiledMinFace, false).size();
    }

    @Override
    public void detectFrame(boolean tiled) {
        finder.find(frame, tiled ? tiledMinFace : wholeFrameMinFace(), false);
    }

    @Override
    public void close() {
        djl.close();
        plain.close();
    }

    /** A 1920x1080 frame: the first photo at least that large, its top 1080 rows. */
    private static BgrImage frame1080(List<BgrImage> images) {
        for (BgrImage image : images) {
            if (image.width() == 1920 && image.height() >= 1080) {
                return new BgrImage(1920, 1080, image.stride(), image.pixels());
            }
        }
        throw new IllegalStateException("no photo of at least 1920x1080 to make a 1080p frame from");
    }
}
