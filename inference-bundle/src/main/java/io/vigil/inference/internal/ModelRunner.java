package io.vigil.inference.internal;

/** Runs one model on one prepared input tensor; returns its outputs in a fixed order. Thread-safe. */
interface ModelRunner {
    float[][] run(float[] input);
}
