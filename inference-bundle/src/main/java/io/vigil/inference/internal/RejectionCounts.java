package io.vigil.inference.internal;

import io.vigil.api.face.QualityRejection;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Faces embedded and faces refused, by reason, since the component started. */
final class RejectionCounts {

    private final LongAdder embedded = new LongAdder();
    private final Map<QualityRejection, LongAdder> rejected = new EnumMap<>(QualityRejection.class);

    RejectionCounts() {
        for (QualityRejection r : QualityRejection.values()) {
            rejected.put(r, new LongAdder());
        }
    }

    void embedded() {
        embedded.increment();
    }

    void rejected(QualityRejection reason) {
        rejected.get(reason).increment();
    }



    /** "embedded 12, refused: too_small 3, low_score 0, blurred 1, pose 2" */
    String summary() {
        StringBuilder sb = new StringBuilder("embedded ").append(embedded.sum()).append(", refused:");
        String sep = " ";
        for (QualityRejection r : QualityRejection.values()) {
            sb.append(sep).append(r.name().toLowerCase(java.util.Locale.ROOT)).append(' ').append(rejected.get(r).sum());
            sep = ", ";
        }
        return sb.toString();
    }
}
