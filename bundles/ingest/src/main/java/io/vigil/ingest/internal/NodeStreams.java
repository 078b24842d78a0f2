package io.vigil.ingest.internal;

import io.vigil.api.media.StreamSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Which of the offered streams this node runs: the one place where that is decided. Today a node
 * runs every camera offered to it (by the camera registry and by hand-written stream
 * configurations), each camera id once: the earliest offer of an id wins and later ones are
 * reported, never run beside it. When nodes share cameras (a cluster assigning cameras to nodes,
 * issue 21), the assignment is applied here, and nowhere else, to the offers before they run.
 */
final class NodeStreams {

    /** What to run, by camera id in the order offered, and the offers left out because their camera was already offered. */
    record Choice(Map<String, StreamSpec> run, List<StreamSpec> duplicates) {
    }

    private NodeStreams() {
    }

    /** @param offers every offer, earliest first */
    static Choice choose(List<StreamSpec> offers) {
        Map<String, StreamSpec> run = new LinkedHashMap<>();
        List<StreamSpec> duplicates = new ArrayList<>();
        for (StreamSpec spec : offers) {
            if (run.putIfAbsent(spec.cameraId(), spec) != null) {
                duplicates.add(spec);
            }
        }
        return new Choice(run, duplicates);
    }
}
