package io.vigil.inference.internal;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.vigil.api.face.FaceAnalysisException;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * A model on ONNX Runtime's own Java API, without DJL: the baseline {@code vigil bench inference}
 * measures the product's DJL path against, with the same files and thread settings.
 */
final class PlainOrtModel implements ModelRunner, AutoCloseable {

    private final OrtEnvironment environment;
    private final OrtSession session;
    private final String inputName;
    private final long[] inputShape;
    private final String[] outputs;

    private PlainOrtModel(OrtEnvironment environment, OrtSession session, long[] inputShape, String[] outputs) throws OrtException {
        this.environment = environment;
        this.session = session;
        this.inputName = session.getInputNames().iterator().next();
        this.inputShape = inputShape.clone();
        this.outputs = outputs.clone();
    }

    static PlainOrtModel load(Path file, long[] inputShape, String[] outputs, int intraOpThreads) {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            return new PlainOrtModel(env, env.createSession(file.toString(), options), inputShape, outputs);
        } catch (OrtException e) {
            throw new FaceAnalysisException(file + " cannot be loaded by ONNX Runtime: " + e.getMessage(), e);
        }
    }

    @Override
    public float[][] run(float[] input) {
        try (OnnxTensor tensor = OnnxTensor.createTensor(environment, FloatBuffer.wrap(input), inputShape);
             OrtSession.Result result = session.run(Map.of(inputName, tensor))) {
            float[][] out = new float[outputs.length][];
            for (int i = 0; i < outputs.length; i++) {
                FloatBuffer values = ((OnnxTensor) result.get(outputs[i]).orElseThrow()).getFloatBuffer();
                out[i] = new float[values.remaining()];
                values.get(out[i]);
            }
            return out;
        } catch (OrtException e) {
            throw new FaceAnalysisException("ONNX Runtime failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }

    /** The three face models on plain ONNX Runtime, as a {@link FaceModels} the pipeline can use. */
    static FaceModels faceModels(ModelDirectory directory, RuntimeChoice runtime) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(PlainOrtModel.class.getClassLoader());
        try {
            PlainOrtModel detector = load(directory.verified(FaceModelFile.DETECTOR), FaceDetector.INPUT_SHAPE,
                    FaceDetector.OUTPUTS, runtime.intraOpThreads());
            PlainOrtModel landmarks = load(directory.verified(FaceModelFile.LANDMARKS), FaceLandmarker.INPUT_SHAPE,
                    FaceLandmarker.OUTPUTS, runtime.intraOpThreads());
            PlainOrtModel embedder = load(directory.verified(FaceModelFile.EMBEDDER), FaceEmbedder.INPUT_SHAPE,
                    FaceEmbedder.OUTPUTS, runtime.intraOpThreads());
            return new FaceModels(detector, landmarks, embedder, FaceModels.embeddingModelOf(FaceModelFile.EMBEDDER),
                    runtime, java.util.List.of(embedder, landmarks, detector));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }
}
