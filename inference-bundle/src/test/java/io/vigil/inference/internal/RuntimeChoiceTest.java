package io.vigil.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.inference.internal.RuntimeChoice.Request;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RuntimeChoiceTest {

    private static final Set<String> GPU_BUILD = Set.of("CPU", "CUDA");
    private static final Set<String> CPU_BUILD = Set.of("CPU");

    @Test
    void autoTakesCudaOnlyWithTheGpuBuildAndAGpu() {
        RuntimeChoice both = RuntimeChoice.choose(Request.AUTO, GPU_BUILD, true, 4);
        assertEquals(ExecutionProvider.CUDA, both.provider());
        assertEquals(4, both.intraOpThreads());
        assertTrue(both.reason().startsWith("CUDA"), both.reason());

        RuntimeChoice noGpu = RuntimeChoice.choose(Request.AUTO, GPU_BUILD, false, 4);
        assertEquals(ExecutionProvider.CPU, noGpu.provider());
        assertTrue(noGpu.reason().contains("no NVIDIA GPU"), noGpu.reason());

        RuntimeChoice cpuBuild = RuntimeChoice.choose(Request.AUTO, CPU_BUILD, true, 2);
        assertEquals(ExecutionProvider.CPU, cpuBuild.provider());
        assertTrue(cpuBuild.reason().contains("CPU build"), cpuBuild.reason());
        assertEquals(2, cpuBuild.intraOpThreads());

        assertEquals(ExecutionProvider.CPU, RuntimeChoice.choose(Request.AUTO, Set.of(), false, 1).provider());
    }

    @Test
    void cpuForcedStaysOnTheCpuEvenWithAGpu() {
        RuntimeChoice forced = RuntimeChoice.choose(Request.CPU, GPU_BUILD, true, 3);
        assertEquals(new RuntimeChoice(ExecutionProvider.CPU, "CPU (configured)", 3), forced);
    }

    @Test
    void cudaRequestedButAbsentFallsBackToTheCpuWithTheReason() {
        assertEquals(ExecutionProvider.CUDA, RuntimeChoice.choose(Request.CUDA, GPU_BUILD, true, 1).provider());

        RuntimeChoice noProvider = RuntimeChoice.choose(Request.CUDA, CPU_BUILD, true, 1);
        assertEquals(ExecutionProvider.CPU, noProvider.provider());
        assertEquals("CPU: CUDA was configured but ONNX Runtime here is the CPU build (no CUDA provider)",
                noProvider.reason());

        RuntimeChoice noGpu = RuntimeChoice.choose(Request.CUDA, GPU_BUILD, false, 1);
        assertEquals(ExecutionProvider.CPU, noGpu.provider());
        assertEquals("CPU: CUDA was configured but no NVIDIA GPU found (/dev/nvidia0)", noGpu.reason());
    }
}
