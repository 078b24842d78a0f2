package io.vigil.inference.internal;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import io.vigil.api.face.FaceAnalysisException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One ONNX model loaded through DJL's ONNX Runtime engine, run from several threads. A DJL
 * predictor is not thread-safe but ONNX Runtime's session is, so each caller borrows one of a
 * bounded set of predictors over the one session.
 */
final class OnnxModel implements ModelRunner, AutoCloseable {

    private final FaceModelFile file;
    private final Model model;
    private final TensorTranslator translator;
    private final BlockingQueue<Predictor<float[], float[][]>> idle;

    private OnnxModel(FaceModelFile file, Model model, TensorTranslator translator, int maxPredictors) {
        this.file = file;
        this.model = model;
        this.translator = translator;
        this.idle = new ArrayBlockingQueue<>(maxPredictors);
        for (int i = 0; i < maxPredictors; i++) {
            idle.add(model.newPredictor(translator));
        }
    }

    /**
     * Loads a verified model file. DJL finds its engines through the thread context class loader,
     * which inside OSGi must be this bundle's loader, or it reports no engine at all.
     */
    static OnnxModel load(ModelDirectory directory, FaceModelFile file, TensorTranslator translator,
                          RuntimeChoice runtime, int maxPredictors) {
        Path verified = directory.verified(file);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(OnnxModel.class.getClassLoader());
        Model model = null;
        try {
            Device device = runtime.provider() == ExecutionProvider.CUDA ? Device.gpu() : Device.cpu();
            model = Model.newInstance(file.modelName(), device, "OnnxRuntime");
            model.load(verified.getParent(), file.modelName(), Map.of(
                    "intraOpNumThreads", Integer.toString(runtime.intraOpThreads()),
                    "interOpNumThreads", "1"));
            return new OnnxModel(file, model, translator, maxPredictors);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            if (model != null) {
                model.close();
            }
            throw new FaceAnalysisException("face model " + verified + " cannot be loaded by ONNX Runtime: "
                    + e.getMessage(), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public float[][] run(float[] input) {
        Predictor<float[], float[][]> predictor;
        try {
            predictor = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaceAnalysisException("interrupted while waiting for " + file.fileName(), e);
        }
        try {
            return predictor.predict(input);
        } catch (TranslateException e) {
            throw new FaceAnalysisException(file.fileName() + " failed: " + e.getMessage(), e);
        } finally {
            idle.add(predictor);
        }
    }

    @Override
    public void close() {
        Predictor<float[], float[][]> p;
        while ((p = idle.poll()) != null) {
            p.close();
        }
        model.close();
    }
}
