package io.vigil.inference.internal;

/** Where ONNX Runtime runs the models. */
enum ExecutionProvider { CPU, CUDA }
