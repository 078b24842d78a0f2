package io.vigil.inference.internal;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * Hands a prepared float tensor to the model and copies the named outputs back out. Image
 * preparation happens before (in {@link AffineSampler}) so the same inputs can be timed against
 * plain ONNX Runtime; the models' batch is fixed at 1, so nothing is batched here.
 */
final class TensorTranslator implements NoBatchifyTranslator<float[], float[][]> {

    private final Shape inputShape;
    private final String[] outputNames;

    TensorTranslator(long[] inputShape, String... outputNames) {
        this.inputShape = new Shape(inputShape);
        this.outputNames = outputNames.clone();
    }

    @Override
    public NDList processInput(TranslatorContext ctx, float[] input) {
        NDArray array = ctx.getNDManager().create(input, inputShape);
        return new NDList(array);
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList list) {
        float[][] out = new float[outputNames.length][];
        for (int i = 0; i < outputNames.length; i++) {
            NDArray array = list.get(outputNames[i]);
            if (array == null) {
                throw new IllegalStateException("model has no output named " + outputNames[i]);
            }
            out[i] = array.toFloatArray();
        }
        return out;
    }
}
