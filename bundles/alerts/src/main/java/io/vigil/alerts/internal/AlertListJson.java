package io.vigil.alerts.internal;

import io.vigil.support.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code vigil alerts list --json}: the alerts as data, in the shape documented in
 * docs/administrators.md ("vigil alerts list --json"). A field is only ever added within a
 * format; renaming or removing one raises {@link #FORMAT}.
 */
final class AlertListJson {

    static final int FORMAT = 1;

    private AlertListJson() {
    }

    static String write(List<StoredAlert> alerts) {
        List<Object> list = new ArrayList<>();
        for (StoredAlert a : alerts) {
            list.add(alert(a));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("alerts", list);
        return Json.pretty(doc) + "\n";
    }

    private static Map<String, Object> alert(StoredAlert a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id().toString());
        m.put("state", a.state().name());
        m.put("deployment", a.deploymentId());
        m.put("camera", a.cameraId());
        m.put("vms_camera_id", a.vmsCameraId().orElse(null));
        m.put("captured", a.captureTime().toString());
        m.put("last_seen", a.lastSeen().toString());
        m.put("track", a.trackId());
        m.put("faces", a.faces());
        m.put("watchlist", a.watchlistId());
        m.put("category", a.category());
        m.put("subject", a.subjectPseudonym());
        m.put("score", a.score());
        m.put("threshold", a.threshold());
        m.put("quality", a.quality());
        m.put("model", a.modelId() + "@" + a.modelVersion());
        m.put("legal_hold", a.legalHold());
        m.put("stored", a.storedAt().toString());
        m.put("updated", a.updatedAt().toString());
        // in a cluster: the node that stored it when that is another node
        m.put("origin_node", a.originNode().orElse(null));
        return m;
    }
}
