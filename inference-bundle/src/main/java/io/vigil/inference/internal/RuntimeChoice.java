package io.vigil.inference.internal;

import java.util.Set;

/**
 * The execution provider and threads the models run with, and why that provider: the CUDA provider
 * only when ONNX Runtime's GPU build is present (it reports CUDA among its providers) and the
 * machine shows an NVIDIA GPU; the CPU otherwise. A request for CUDA that cannot be met falls back
 * to the CPU and says so rather than failing, so a recognition service keeps running.
 *
 * @param provider       the provider chosen
 * @param reason         one line for status and doctor
 * @param intraOpThreads ONNX Runtime threads inside one model run
 */
record RuntimeChoice(ExecutionProvider provider, String reason, int intraOpThreads) {

    /** What the administrator asked for. */
    enum Request { AUTO, CPU, CUDA }

    static RuntimeChoice choose(Request request, Set<String> ortProviders, boolean nvidiaGpuPresent, int intraOpThreads) {
        boolean cudaBuild = ortProviders.contains("CUDA");
        String cudaMissing = !cudaBuild
                ? "ONNX Runtime here is the CPU build (no CUDA provider)"
                : "no NVIDIA GPU found (/dev/nvidia0)";
        boolean cudaUsable = cudaBuild && nvidiaGpuPresent;
        switch (request) {
            case CPU:
                return new RuntimeChoice(ExecutionProvider.CPU, "CPU (configured)", intraOpThreads);
            case CUDA:
                return cudaUsable
                        ? new RuntimeChoice(ExecutionProvider.CUDA, "CUDA (configured)", intraOpThreads)
                        : new RuntimeChoice(ExecutionProvider.CPU, "CPU: CUDA was configured but " + cudaMissing, intraOpThreads);
            default:
                return cudaUsable
                        ? new RuntimeChoice(ExecutionProvider.CUDA, "CUDA (GPU and ONNX Runtime GPU build present)", intraOpThreads)
                        : new RuntimeChoice(ExecutionProvider.CPU, "CPU: " + cudaMissing, intraOpThreads);
        }
    }
}
