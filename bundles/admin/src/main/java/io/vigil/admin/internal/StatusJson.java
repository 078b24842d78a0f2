package io.vigil.admin.internal;

import io.vigil.api.media.StreamStatus;
import io.vigil.api.status.ModuleStatus;
import io.vigil.api.watchlist.RecognitionStatus;
import io.vigil.support.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code vigil status --json}: a {@link StatusReport} in the shape documented in
 * docs/json-output.md ("vigil status --json"). A field is only ever added within a format;
 * renaming or removing one, or changing its meaning, raises {@link #FORMAT}.
 */
final class StatusJson {

    static final int FORMAT = 1;

    private StatusJson() {
    }

    static String write(StatusReport r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        StatusReport.Header h = r.header();
        Map<String, Object> vigil = new LinkedHashMap<>();
        vigil.put("version", h.version());
        vigil.put("mode", h.mode());
        vigil.put("uptime_seconds", h.uptimeSeconds().orElse(null));
        vigil.put("starting", h.starting());
        vigil.put("home", h.home());
        vigil.put("data", h.data());
        doc.put("vigil", vigil);
        doc.put("bundles", r.bundles().stream().map(x -> Json.object(
                "id", x.id(), "state", x.state(), "symbolic_name", x.symbolicName(), "version", x.version(),
                "origin", x.origin(), "problem", x.problem().orElse(null))).toList());
        doc.put("deploy_not_installed", r.deployNotInstalled().stream().map(x -> Json.object(
                "file", x.file(), "reason", x.reason())).toList());
        doc.put("components", r.components().stream().map(x -> Json.object(
                "name", x.name(), "state", x.state(), "problem", x.problem().orElse(null))).toList());
        doc.put("components_satisfied", r.componentsSatisfied());
        doc.put("modules", r.modules().stream().map((ModuleStatus x) -> Json.object(
                "module", x.module(), "health", x.health().name(), "detail", x.detail())).toList());
        doc.put("streams", r.streams().map(l -> l.stream().map(StatusJson::stream).toList()).orElse(null));
        doc.put("recognition", r.recognition().map(StatusJson::recognition).orElse(null));
        doc.put("problems", r.problems());
        doc.put("ok", r.ok());
        return Json.pretty(doc) + "\n";
    }

    private static Map<String, Object> stream(StreamStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("camera", s.cameraId());
        m.put("phase", s.phase().name());
        m.put("detail", s.detail());
        m.put("since", s.since().toString());
        m.put("codec", s.codec().map(Enum::name).orElse(null));
        m.put("decoder", s.decoder().orElse(null));
        m.put("decoded", s.decoded());
        m.put("analysed", s.analysed());
        m.put("dropped", s.dropped());
        m.put("reconnects", s.reconnects());
        m.put("latency_ms", s.latencyMillis());
        return m;
    }

    private static Map<String, Object> recognition(RecognitionStatus s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("matching", s.matching());
        m.put("storing", s.storing());
        m.put("queued_faces", s.queuedFaces());
        m.put("dropped_faces", s.droppedFaces());
        m.put("matched_faces", s.matchedFaces());
        m.put("recognitions", s.recognitions());
        m.put("alerts_raised", s.alertsRaised());
        m.put("alerts_updated", s.alertsUpdated());
        m.put("lost_recognitions", s.lostRecognitions());
        m.put("failed_frames", s.failedFrames());
        m.put("wait_last_ms", s.waitLastMillis());
        m.put("wait_max_ms", s.waitMaxMillis());
        m.put("stored_last_ms", orNull(s.storedLastMillis()));
        m.put("stored_max_ms", orNull(s.storedMaxMillis()));
        return m;
    }

    private static Long orNull(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : null;
    }
}
