package io.vigil.inference.internal;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import io.vigil.api.face.AnalysedFace;
import io.vigil.api.face.EmbeddingModel;
import io.vigil.api.face.FaceAnalysisException;
import io.vigil.api.face.FaceAnalyzer;
import io.vigil.api.media.BgrImage;
import io.vigil.api.status.ModuleStatus;
import io.vigil.api.status.StatusReporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The face models as a service: verifies the pinned model files when activated (a missing or
 * corrupt file shows in status with the fix), loads them on first use (about a second; commands
 * that never analyse a face do not pay it), and analyses photos for enrolment and
 * {@code vigil faces}.
 */
@Component(immediate = true, configurationPid = InferenceService.PID,
        service = {FaceAnalyzer.class, StatusReporter.class, InferenceService.class},
        property = "vigil.module=inference")
@Designate(ocd = InferenceService.Config.class)
public class InferenceService implements FaceAnalyzer, StatusReporter {

    static final String PID = "io.vigil.inference";

    @ObjectClassDefinition(name = "Vigil inference", description = "Face detection, quality gate and embedding.")
    public @interface Config {

        @AttributeDefinition(name = "Model folder", description = "Folder holding the pinned ONNX files; empty: the"
                + " cache ./vigil set-up fills ($VIGIL_CACHE, else ~/.cache/vigil)")
        String models_directory() default "";

        @AttributeDefinition(name = "Execution provider", description = "auto (CUDA when ONNX Runtime's GPU build and"
                + " an NVIDIA GPU are present, else CPU), cpu or cuda")
        String execution_provider() default "auto";

        @AttributeDefinition(name = "ONNX Runtime threads per model run")
        int intra_op_threads() default 1;

        @AttributeDefinition(name = "Workers", description = "Frames or photos analysed at once")
        int workers() default 2;

        @AttributeDefinition(name = "Detection score", description = "Detector score a candidate box needs, 0..1")
        float detection_score() default 0.7f;

        @AttributeDefinition(name = "Minimum face size", description = "Shorter side in pixels; smaller faces are"
                + " not embedded, and 1080p frames are tiled to find faces this small")
        int min_face_size() default 40;

        @AttributeDefinition(name = "Minimum detector score to embed", description = "0..1")
        float min_detector_score() default 0.8f;

        @AttributeDefinition(name = "Minimum sharpness", description = "Variance of the Laplacian of the aligned face")
        float min_sharpness() default 20f;

        @AttributeDefinition(name = "Maximum yaw (degrees)")
        float max_yaw_degrees() default 45f;

        @AttributeDefinition(name = "Maximum pitch (degrees)")
        float max_pitch_degrees() default 35f;

        @AttributeDefinition(name = "Faces embedded per track", description = "At most this many, best first")
        int faces_per_track() default 3;
    }

    private final Logger logger;
    private final RejectionCounts counts = new RejectionCounts();
    private volatile InferenceOptions options;
    private volatile ModelDirectory directory;
    private volatile RuntimeChoice runtime;
    private volatile String modelProblem;
    private FaceModels models;
    private FacePipeline pipeline;

    @Activate
    public InferenceService(@Reference(service = LoggerFactory.class) Logger logger, Config config) {
        this.logger = logger;
        apply(InferenceOptionsParser.parse(config));
    }

    @Modified
    void modified(Config config) {
        InferenceOptions next = InferenceOptionsParser.parse(config);
        boolean reload = options.needsReload(next);
        synchronized (this) {
            if (reload) {
                closeModels();
            } else if (pipeline != null) {
                pipeline = new FacePipeline(models, next, counts);
            }
        }
        apply(next);
    }

    private void apply(InferenceOptions next) {
        options = next;
        directory = ModelDirectory.of(next.modelsDirectory(), System.getenv());
        runtime = RuntimeChoice.choose(next.provider(), availableProviders(), Files.exists(Path.of("/dev/nvidia0")),
                next.intraOpThreads());
        modelProblem = verify(directory);
        if (modelProblem == null) {
            logger.info("Face models verified in {}; {}", directory.path(), runtime.reason());
        } else {
            logger.error(modelProblem);
        }
    }

    private static String verify(ModelDirectory directory) {
        try {
            for (FaceModelFile file : FaceModelFile.values()) {
                directory.verified(file);
            }
            return null;
        } catch (FaceAnalysisException e) {
            return e.getMessage();
        }
    }

    /** ONNX Runtime's providers, by name; asking loads its native library (with this bundle's loader). */
    private static Set<String> availableProviders() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(InferenceService.class.getClassLoader());
        try {
            return OrtEnvironment.getAvailableProviders().stream().map(OrtProvider::name).collect(Collectors.toSet());
        } catch (RuntimeException | LinkageError e) {
            return Set.of();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The loaded pipeline; loads the models on first use. */
    synchronized FacePipeline pipeline() {
        if (modelProblem != null) {
            throw new FaceAnalysisException(modelProblem);
        }
        if (pipeline == null) {
            long start = System.nanoTime();
            models = FaceModels.load(directory, runtime, Math.max(1, options.workers()) + 1);
            pipeline = new FacePipeline(models, options, counts);
            logger.info("Face models loaded in {} ms ({})", (System.nanoTime() - start) / 1_000_000, runtime.reason());
        }
        return pipeline;
    }

    /** The loaded models (loading them on first use), for the per-camera analyses. */
    synchronized FaceModels models() {
        pipeline();
        return models;
    }

    RejectionCounts counts() {
        return counts;
    }

    InferenceOptions options() {
        return options;
    }

    RuntimeChoice runtime() {
        return runtime;
    }

    @Override
    public List<AnalysedFace> analyse(BgrImage image, Source source) {
        return pipeline().analyse(image, source);
    }

    @Override
    public List<AnalysedFace> analysePhoto(byte[] encoded, String name) {
        return pipeline().analysePhoto(encoded, name);
    }

    @Override
    public EmbeddingModel embeddingModel() {
        return FaceModels.embeddingModelOf(FaceModelFile.EMBEDDER);
    }

    @Override
    public ModuleStatus status() {
        if (modelProblem != null) {
            return new ModuleStatus("inference", ModuleStatus.Health.FAILED, modelProblem);
        }
        boolean loaded;
        synchronized (this) {
            loaded = pipeline != null;
        }
        return new ModuleStatus("inference", ModuleStatus.Health.OK, String.format(Locale.ROOT,
                "%s on %s; models %s; faces %s",
                embeddingModel().id() + " " + embeddingModel().version(), runtime.reason(),
                loaded ? "loaded" : "verified (loaded on first use)", counts.summary()));
    }

    @Deactivate
    synchronized void deactivate() {
        closeModels();
    }

    private synchronized void closeModels() {
        pipeline = null;
        if (models != null) {
            models.close();
            models = null;
        }
    }
}
