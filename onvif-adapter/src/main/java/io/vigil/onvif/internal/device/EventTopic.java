package io.vigil.onvif.internal.device;

import io.vigil.onvif.soap.Namespaces;
import java.util.List;

/**
 * The topics the Vigil device announces. Below the ONVIF topic namespace ({@code tns1}):
 * recognitions as the Analytics specification's Face Recognition rule engine writes them, and a
 * per-source state ({@code tns1:VideoSource/MotionAlarm}, a property with a boolean State) that
 * pulses true on each recognition for NVRs whose alarm linkage ignores RuleEngine topics. Below
 * Vigil's own namespace ({@code vigil}, since ONVIF defines no such topic and {@code tns1} is
 * ONVIF's): the facial-data ledger's warnings ({@code vigil:Compliance/Warning}).
 */
enum EventTopic {
    RECOGNITION_FACE(Namespaces.TNS1, "tns1", List.of("RuleEngine", "Recognition", "Face"), false),
    SOURCE_ALARM(Namespaces.TNS1, "tns1", List.of("VideoSource", "MotionAlarm"), true),
    COMPLIANCE_WARNING(Namespaces.VIGIL_TOPICS, "vigil", List.of("Compliance", "Warning"), false);

    static final String CONCRETE_SET = "http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet";
    static final String CONCRETE = "http://docs.oasis-open.org/wsn/t-1/TopicExpression/Concrete";

    private final String namespace;
    private final String prefix;
    private final List<String> path;
    private final boolean property;

    EventTopic(String namespace, String prefix, List<String> path, boolean property) {
        this.namespace = namespace;
        this.prefix = prefix;
        this.path = path;
        this.property = property;
    }

    /** The topic namespace the path is below. */
    String namespace() {
        return namespace;
    }

    /** The prefix Vigil writes for {@link #namespace()} (clients may use any). */
    String prefix() {
        return prefix;
    }

    /** Path segments below the namespace. */
    List<String> path() {
        return path;
    }

    boolean property() {
        return property;
    }

    /** {@code tns1:RuleEngine/Recognition/Face}, with the prefix bound to {@link #namespace()}. */
    String expression() {
        return prefix + ":" + String.join("/", path);
    }
}
