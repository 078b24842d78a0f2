package io.vigil.onvif.internal.device;

import io.vigil.onvif.soap.Namespaces;
import java.util.List;

/**
 * The topics the Vigil device announces, below the ONVIF topic namespace ({@code tns1}):
 * recognitions as the Analytics specification's Face Recognition rule engine writes them, and a
 * per-source state ({@code tns1:VideoSource/MotionAlarm}, a property with a boolean State) that
 * pulses true on each recognition for NVRs whose alarm linkage ignores RuleEngine topics.
 */
enum EventTopic {
    RECOGNITION_FACE(List.of("RuleEngine", "Recognition", "Face"), false),
    SOURCE_ALARM(List.of("VideoSource", "MotionAlarm"), true);

    static final String CONCRETE_SET = "http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet";
    static final String CONCRETE = "http://docs.oasis-open.org/wsn/t-1/TopicExpression/Concrete";

    private final List<String> path;
    private final boolean property;

    EventTopic(List<String> path, boolean property) {
        this.path = path;
        this.property = property;
    }

    /** Path segments below {@code tns1}. */
    List<String> path() {
        return path;
    }

    boolean property() {
        return property;
    }

    /** {@code tns1:RuleEngine/Recognition/Face}, with {@code tns1} bound to {@link Namespaces#TNS1}. */
    String expression() {
        return "tns1:" + String.join("/", path);
    }
}
