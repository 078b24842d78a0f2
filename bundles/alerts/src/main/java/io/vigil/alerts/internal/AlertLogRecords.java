package io.vigil.alerts.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.api.alert.AlertState;
import io.vigil.api.cluster.LogTopic;
import io.vigil.api.face.BoundingBox;
import io.vigil.support.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the alert store writes to the cluster's logs, as JSON ({@code v} 1). The {@code alerts} log
 * is keyed by alert id, so an alert, its better faces and its reviews stay in one partition in
 * the order they were appended: that order decides reviews on every node alike. An alert record
 * carries exactly what the store holds: the pseudonymous subject, scores and the evidence as
 * sealed here (AES-256-GCM under the origin node's evidence key of the period, bound to the alert
 * id); the key itself travels only on the {@code alert-evidence-keys} log, wrapped under the
 * cluster's evidence key-encryption key ({@link EvidenceKeyShare}).
 */
final class AlertLogRecords {

    /** Alerts and reviews of every node; kept (retention is each node's business, as for its database). */
    static final LogTopic ALERTS = new LogTopic("alerts", false, 12);
    /** Each node's evidence keys, wrapped; compacted, and a key's tombstone follows its destruction. */
    static final LogTopic EVIDENCE_KEYS = new LogTopic("alert-evidence-keys", true, 1);

    static final String ALERT = "alert";
    static final String REVIEW = "review";

    private AlertLogRecords() {
    }

    /** A stored alert (or a better face of it) as its node published it. */
    record AlertEntry(StoredAlert alert, String keyPeriod, byte[] faceCrop, byte[] frameRegion) {
        String origin() {
            return alert.originNode().orElseThrow();
        }
    }

    /** A review asked for on node {@code origin}; whether it takes effect is decided where the log's order puts it. */
    record ReviewEntry(String origin, String requestId, AlertId alert, String reviewer, Review.Outcome outcome,
                       Optional<DismissReason> reason, Instant at, boolean twoPerson) {
    }

    static byte[] alert(String origin, StoredAlert a, AlertRecords.SealedEvidence evidence) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", 1);
        m.put("kind", ALERT);
        m.put("origin", origin);
        m.put("id", a.id().toString());
        m.put("deployment", a.deploymentId());
        m.put("camera", a.cameraId());
        m.put("vmsCamera", a.vmsCameraId().orElse(null));
        m.put("captured", a.captureTime().toEpochMilli());
        m.put("track", a.trackId());
        m.put("watchlist", a.watchlistId());
        m.put("category", a.category());
        m.put("subject", a.subjectPseudonym());
        m.put("score", a.score());
        m.put("threshold", a.threshold());
        m.put("quality", a.quality());
        m.put("box", java.util.List.of(a.box().x(), a.box().y(), a.box().width(), a.box().height()));
        m.put("modelId", a.modelId());
        m.put("modelVersion", a.modelVersion());
        m.put("storedAt", a.storedAt().toEpochMilli());
        m.put("updatedAt", a.updatedAt().toEpochMilli());
        m.put("lastSeen", a.lastSeen().toEpochMilli());
        m.put("faces", a.faces());
        m.put("frameWidth", a.frameWidth());
        m.put("frameHeight", a.frameHeight());
        m.put("keyPeriod", evidence.keyPeriod());
        m.put("faceCrop", Base64.getEncoder().encodeToString(evidence.faceCrop()));
        m.put("frameRegion", Base64.getEncoder().encodeToString(evidence.frameRegion()));
        return Json.compact(m).getBytes(StandardCharsets.UTF_8);
    }

    static byte[] review(ReviewEntry r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("v", 1);
        m.put("kind", REVIEW);
        m.put("origin", r.origin());
        m.put("request", r.requestId());
        m.put("id", r.alert().toString());
        m.put("reviewer", r.reviewer());
        m.put("outcome", r.outcome().name());
        m.put("reason", r.reason().map(DismissReason::text).orElse(null));
        m.put("at", r.at().toEpochMilli());
        m.put("twoPerson", r.twoPerson());
        return Json.compact(m).getBytes(StandardCharsets.UTF_8);
    }

    /** A record read back; a record that is not one of these is refused with the reason. */
    static Object read(byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("an empty record");
        }
        JsonNode n = Json.read(new String(value, StandardCharsets.UTF_8));
        if (n.path("v").asInt() != 1) {
            throw new IllegalArgumentException("record version " + n.path("v") + " is not 1 (a newer Vigil wrote it?)");
        }
        String origin = text(n, "origin");
        AlertId id = AlertId.parse(text(n, "id")).orElseThrow(() -> new IllegalArgumentException("not an alert id: " + n.path("id")));
        return switch (text(n, "kind")) {
            case ALERT -> {
                JsonNode box = n.path("box");
                StoredAlert a = new StoredAlert(id, text(n, "deployment"), text(n, "camera"),
                        n.path("vmsCamera").isTextual() ? Optional.of(n.path("vmsCamera").asText()) : Optional.empty(),
                        Instant.ofEpochMilli(n.path("captured").asLong()), n.path("track").asLong(), text(n, "watchlist"),
                        text(n, "category"), text(n, "subject"), (float) n.path("score").asDouble(),
                        (float) n.path("threshold").asDouble(), (float) n.path("quality").asDouble(),
                        new BoundingBox((float) box.path(0).asDouble(), (float) box.path(1).asDouble(),
                                (float) box.path(2).asDouble(), (float) box.path(3).asDouble()),
                        text(n, "modelId"), text(n, "modelVersion"), AlertState.NEW,
                        Instant.ofEpochMilli(n.path("storedAt").asLong()), Instant.ofEpochMilli(n.path("updatedAt").asLong()),
                        Instant.ofEpochMilli(n.path("lastSeen").asLong()), n.path("faces").asInt(), false, Optional.empty(),
                        Optional.empty(), n.path("frameWidth").asInt(), n.path("frameHeight").asInt(), Optional.of(origin));
                yield new AlertEntry(a, text(n, "keyPeriod"), Base64.getDecoder().decode(text(n, "faceCrop")),
                        Base64.getDecoder().decode(text(n, "frameRegion")));
            }
            case REVIEW -> new ReviewEntry(origin, text(n, "request"), id, text(n, "reviewer"),
                    Review.Outcome.valueOf(text(n, "outcome")),
                    n.path("reason").isTextual() ? Optional.of(DismissReason.parse(n.path("reason").asText())) : Optional.empty(),
                    Instant.ofEpochMilli(n.path("at").asLong()), n.path("twoPerson").asBoolean(true));
            default -> throw new IllegalArgumentException("unknown record kind " + n.path("kind"));
        };
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        if (!v.isTextual()) {
            throw new IllegalArgumentException("field " + field + " is missing");
        }
        return v.asText();
    }
}
