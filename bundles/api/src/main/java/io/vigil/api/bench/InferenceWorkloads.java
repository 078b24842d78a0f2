package io.vigil.api.bench;

import io.vigil.api.face.FaceAnalysisException;
import io.vigil.api.face.UnreadableImageException;
import java.nio.file.Path;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The inference bundle's work, prepared for {@code vigil bench inference} to time: each face model
 * run both as the product runs it (DJL) and on plain ONNX Runtime, the Java stages around them, a
 * whole photo end to end, and a 1080p frame's detection with and without tiles.
 */
@ProviderType
public interface InferenceWorkloads {

    /** Which runtime carries the models. */
    enum Engine { DJL, PLAIN_ONNX_RUNTIME }

    /** The execution provider the models run on, and why (as {@code vigil models} says it). */
    String runtime();

    /** ONNX Runtime's intra-op threads per session. */
    int intraOpThreads();

    /** Where {@code ./vigil setup} keeps the sample photos, used when no photo is named. */
    Path samplePhotos();

    /**
     * Loads the models on both engines and prepares every stage's input from the photos (the first
     * photo with a face gives the model inputs; one at least 1920 pixels wide gives the 1080p frame).
     *
     * @throws UnreadableImageException when a photo cannot be read
     * @throws FaceAnalysisException    when the models cannot run
     * @throws IllegalStateException    when the first photo shows no face, or no photo is 1920 wide
     */
    Prepared prepare(List<Path> photos);

    /** Prepared work; closing it frees both engines' models. Not thread-safe: one bench at a time. */
    @ProviderType
    interface Prepared extends AutoCloseable {

        /** The face models' names with their input sizes, e.g. {@code detector 320x240}. */
        List<String> models();

        /** Runs model {@code index} of {@link #models()} once on its prepared input. */
        void runModel(int index, Engine engine);

        /** The Java stages around the models, e.g. {@code alignment}. */
        List<String> javaStages();

        /** Runs Java stage {@code index} of {@link #javaStages()} once. */
        void runJavaStage(int index);

        /** How many photos were read. */
        int photos();

        /** Detects, aligns, gates and embeds photo {@code index} on {@code engine}; returns the faces found. */
        int analysePhoto(int index, Engine engine);

        /** The smallest face a 1080p frame's whole-frame detection alone finds, in pixels. */
        int wholeFrameMinFace();

        /** The smallest face the configured tiling finds, in pixels. */
        int tiledMinFace();

        /** The detector runs a 1080p frame takes with tiles: the whole frame and its tiles. */
        int tiledRegions();

        /** Finds the faces of the 1080p frame once, whole frame only or with tiles. */
        void detectFrame(boolean tiled);

        @Override
        void close();
    }
}
