package io.vigil.inference.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The bench runs end to end on a short setting and prints every figure it promises. It asserts
 * that the figures exist and are sane, not how fast this shared machine is: speed is read from
 * {@code vigil bench inference}, never from a timed test.
 */
class InferenceBenchTest {

    @Test
    void printsPerStageFiguresBothPathsTilingAndMemory() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        InferenceBench bench = new InferenceBench(TestImages.models(),
                RuntimeChoice.choose(RuntimeChoice.Request.CPU, Set.of(), false, 1), InferenceOptions.defaults(),
                List.of(TestImages.sample(3), TestImages.sample(1)), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        InferenceBench.Figures f = bench.run(InferenceBench.Settings.quick());
        String printed = bytes.toString(StandardCharsets.UTF_8);
        System.out.print(printed);
        for (int s = 0; s < 3; s++) {
            assertTrue(f.djlMs()[s] > 0 && f.plainMs()[s] > 0, printed);
        }
        assertTrue(f.djlFacesPerSecond() > 0 && f.plainFacesPerSecond() > 0, printed);
        // the same models on the same inputs find the same faces whichever runtime carries them
        assertTrue(printed.contains("6 faces a round"), printed);
        assertEquals(13, f.tiledRegions(), "1080p with 40 px faces: the whole frame and 12 tiles");
        assertTrue(f.tiledFrameMs() > f.wholeFrameMs(), printed);
        for (String line : List.of("detector 320x240", "landmarks 64x64", "embedding 112x112", "Java stages",
                "end to end", "1080p frame detection", "memory: peak RSS", "median DJL/plain ratio")) {
            assertTrue(printed.contains(line), line + " missing:\n" + printed);
        }
    }
}
