package io.vigil.bench.internal.inference;

import io.vigil.support.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code vigil bench inference --json}: the bench's figures as one document (README, "Benchmarks"). */
final class InferenceBenchJson {

    static final int FORMAT = 1;

    private InferenceBenchJson() {
    }

    static String write(InferenceBench.Figures f) {
        List<Object> models = new ArrayList<>();
        for (int s = 0; s < f.models().size(); s++) {
            models.add(Json.object("model", f.models().get(s), "djl_ms", Json.decimal(f.djlMs()[s], 3),
                    "plain_onnx_runtime_ms", Json.decimal(f.plainMs()[s], 3), "ratio", Json.decimal(f.djlMs()[s] / f.plainMs()[s], 2)));
        }
        Map<String, Object> doc = Json.object(
                "format", FORMAT,
                "runtime", f.runtime(),
                "intra_op_threads", f.intraOpThreads(),
                "photos", f.photos(),
                "iterations", f.settings().iterations(),
                "warmup", f.settings().warmup(),
                "models", models,
                "java_stages", f.javaStages().stream().map(j -> Json.object("stage", j.name(), "ms", Json.decimal(j.ms(), 3)))
                        .toList(),
                "end_to_end", Json.object("faces_per_round", f.facesPerRound(),
                        "djl_faces_per_second", Json.decimal(f.djlFacesPerSecond(), 1),
                        "plain_onnx_runtime_faces_per_second", Json.decimal(f.plainFacesPerSecond(), 1)),
                "frame_1080p", Json.object("whole_frame_ms", Json.decimal(f.wholeFrameMs(), 2),
                        "whole_frame_min_face", f.wholeFrameMinFace(), "tiled_ms", Json.decimal(f.tiledFrameMs(), 2),
                        "tiled_min_face", f.tiledMinFace(), "tiled_regions", f.tiledRegions()),
                "memory", Json.object("peak_rss_mib", f.peakRssMiB().isPresent() ? f.peakRssMiB().getAsLong() : null,
                        "heap_used_mib", f.heapUsedMiB()),
                "median_ratio", Json.decimal(f.medianRatio(), 2));
        return Json.pretty(doc);
    }
}
