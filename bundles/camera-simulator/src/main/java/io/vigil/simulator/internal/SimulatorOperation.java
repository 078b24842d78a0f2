package io.vigil.simulator.internal;

import io.vigil.onvif.message.Operation;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.xml.Dom;
import java.util.Arrays;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Every operation a simulated camera answers: those Vigil's own client calls (the shared
 * {@link Operation}s of the ONVIF message package) and those only other clients call of a camera,
 * which Vigil has no use for (the npm clients {@code onvif} and {@code node-onvif} call
 * GetVideoSources and Media2 GetVideoSourceConfigurations while connecting). Access classes as
 * the Core and Media specifications give them.
 */
enum SimulatorOperation {
    GET_SYSTEM_DATE_AND_TIME(Operation.GET_SYSTEM_DATE_AND_TIME),
    GET_DEVICE_INFORMATION(Operation.GET_DEVICE_INFORMATION),
    GET_SERVICES(Operation.GET_SERVICES),
    GET_CAPABILITIES(Operation.GET_CAPABILITIES),
    MEDIA1_GET_PROFILES(Operation.MEDIA1_GET_PROFILES),
    MEDIA1_GET_STREAM_URI(Operation.MEDIA1_GET_STREAM_URI),
    /** Media (ver10): READ_MEDIA. */
    MEDIA1_GET_VIDEO_SOURCES(Namespaces.TRT, "GetVideoSources", false),
    /** Media (ver10): READ_MEDIA. */
    MEDIA1_GET_VIDEO_SOURCE_CONFIGURATIONS(Namespaces.TRT, "GetVideoSourceConfigurations", false),
    MEDIA2_GET_PROFILES(Operation.MEDIA2_GET_PROFILES),
    MEDIA2_GET_STREAM_URI(Operation.MEDIA2_GET_STREAM_URI),
    /** Media2: READ_MEDIA. */
    MEDIA2_GET_VIDEO_SOURCE_CONFIGURATIONS(Namespaces.TR2, "GetVideoSourceConfigurations", false);

    private final String namespace;
    private final String name;
    private final boolean preAuth;

    SimulatorOperation(Operation shared) {
        this(shared.namespace(), shared.operationName(), shared.preAuth());
    }

    SimulatorOperation(String namespace, String name, boolean preAuth) {
        this.namespace = namespace;
        this.name = name;
        this.preAuth = preAuth;
    }

    String namespace() {
        return namespace;
    }

    String operationName() {
        return name;
    }

    /** Core specification, access class PRE_AUTH: answered without authenticating the user. */
    boolean preAuth() {
        return preAuth;
    }

    /** The SOAP action, {@code namespace + "/" + name} as every ONVIF WSDL binds it. */
    String action() {
        return namespace + "/" + name;
    }

    /** The operation whose request {@code body} is, if the simulator knows it. */
    static Optional<SimulatorOperation> ofRequest(Element body) {
        return Arrays.stream(values()).filter(operation -> Dom.is(body, operation.namespace, operation.name)).findFirst();
    }
}
