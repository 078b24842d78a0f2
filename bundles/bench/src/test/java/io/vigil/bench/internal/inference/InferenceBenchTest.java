package io.vigil.bench.internal.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.api.bench.InferenceWorkloads;
import io.vigil.inference.internal.InferenceService;
import io.vigil.inference.internal.InferenceWorkloadsComponent;
import io.vigil.support.json.Json;
import io.vigil.testing.RecordingLogger;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The bench runs end to end on a short setting, on the real inference bundle's workloads (real
 * models from the cache ./vigil set-up fills), and prints every figure it promises, and the same as
 * --json. It asserts that the figures exist and are sane, not how fast this shared machine is:
 * speed is read from {@code vigil bench inference}, never from a timed test.
 */
class InferenceBenchTest {

    // the service only reads its configuration and verifies the model files here: the bench's
    // workloads load models of their own and close them when the bench ends
    private final InferenceWorkloads workloads = new InferenceWorkloadsComponent(
            new InferenceService(RecordingLogger.quiet(), defaults()));

    @Test
    void printsPerStageFiguresBothPathsTilingAndMemoryAndTheSameAsJson() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        InferenceBench bench = new InferenceBench(workloads, List.of(workloads.samplePhotos().resolve("sample3.jpg"),
                workloads.samplePhotos().resolve("sample1.jpg")), new PrintStream(bytes, true, StandardCharsets.UTF_8));
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
        assertEquals(3, printed.lines().filter(l -> l.startsWith("SUMMARY|inference|") && l.contains(" median ms|")).count(),
                printed);

        JsonNode doc = Json.read(InferenceBenchJson.write(f));
        assertEquals(1, doc.get("format").asInt());
        assertEquals(2, doc.get("photos").asInt());
        assertEquals(3, doc.get("models").size());
        for (JsonNode model : doc.get("models")) {
            assertTrue(model.get("djl_ms").asDouble() > 0 && model.get("plain_onnx_runtime_ms").asDouble() > 0, model.toString());
        }
        assertEquals("embedding 112x112", doc.get("models").get(2).get("model").asText());
        assertEquals(4, doc.get("java_stages").size());
        assertEquals(6, doc.get("end_to_end").get("faces_per_round").asInt());
        assertEquals(13, doc.get("frame_1080p").get("tiled_regions").asInt());
        assertEquals(40, doc.get("frame_1080p").get("tiled_min_face").asInt());
        assertTrue(doc.get("memory").get("peak_rss_mib").asLong() > 0, doc.toString());
    }

    /** The inference configuration's defaults: the models from the cache, on the CPU. */
    private static InferenceService.Config defaults() {
        return new InferenceService.Config() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return InferenceService.Config.class;
            }

            @Override
            public String models_directory() {
                return "";
            }

            @Override
            public String execution_provider() {
                return "cpu";
            }

            @Override
            public int intra_op_threads() {
                return 1;
            }

            @Override
            public int workers() {
                return 1;
            }

            @Override
            public float detection_score() {
                return 0.7f;
            }

            @Override
            public int min_face_size() {
                return 40;
            }

            @Override
            public float min_detector_score() {
                return 0.8f;
            }

            @Override
            public float min_sharpness() {
                return 20f;
            }

            @Override
            public float max_yaw_degrees() {
                return 45f;
            }

            @Override
            public float max_pitch_degrees() {
                return 35f;
            }

            @Override
            public int faces_per_track() {
                return 3;
            }
        };
    }
}
