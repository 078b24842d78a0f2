package io.vigil.ingest.internal;

import io.vigil.api.media.StreamSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which of the offered streams this node runs: the one place where that is decided. Each camera id
 * runs once: the earliest offer of an id wins and later ones are reported, never run beside it.
 * A single node runs every camera offered to it (by the camera registry and by hand-written stream
 * configurations). A cluster member (a {@code CameraAssignment} is present, issue 21) runs only the
 * offered cameras the cluster assigned to it; the others are left to their owners.
 */
final class NodeStreams {

    /**
     * What to run, by camera id in the order offered; the offers left out because their camera was already
     * offered; and the cameras offered here that another node runs (empty on a single node).
     */
    record Choice(Map<String, StreamSpec> run, List<StreamSpec> duplicates, List<String> elsewhere) {
    }

    private NodeStreams() {
    }

    /** A single node's choice: every offered camera. @param offers every offer, earliest first */
    static Choice choose(List<StreamSpec> offers) {
        return choose(offers, Optional.empty());
    }

    /**
     * @param offers every offer, earliest first
     * @param owned  the cameras the cluster assigned to this node; empty when the node is no cluster member
     */
    static Choice choose(List<StreamSpec> offers, Optional<Set<String>> owned) {
        Map<String, StreamSpec> run = new LinkedHashMap<>();
        List<StreamSpec> duplicates = new ArrayList<>();
        List<String> elsewhere = new ArrayList<>();
        for (StreamSpec spec : offers) {
            String camera = spec.cameraId();
            if (run.containsKey(camera) || elsewhere.contains(camera)) {
                duplicates.add(spec);
            } else if (owned.isPresent() && !owned.get().contains(camera)) {
                elsewhere.add(camera);
            } else {
                run.put(camera, spec);
            }
        }
        return new Choice(run, duplicates, elsewhere);
    }
}
