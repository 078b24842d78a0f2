package io.vigil.onvif.message;

import io.vigil.onvif.soap.Namespaces;
import java.util.Arrays;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.w3c.dom.Element;
import io.vigil.onvif.xml.Dom;

/**
 * The ONVIF operations Vigil calls or answers: their service namespace, request and response
 * element names and SOAP action ({@code namespace + "/" + name}, as the Device and Media WSDLs
 * bind it; the Event service and WS-BaseNotification declare other actions, kept here as their
 * WSDLs write them: event.wsdl's {@code .../EventPortType/CreatePullPointSubscriptionRequest},
 * {@code .../PullPointSubscription/PullMessagesRequest}, bw-2.wsdl's
 * {@code .../SubscriptionManager/UnsubscribeRequest}).
 * {@link #preAuth()} is the Core specification's access class PRE_AUTH ("Access classes for
 * service requests"): a device answers these without authenticating the user.
 */
public enum Operation {
    GET_SYSTEM_DATE_AND_TIME(Namespaces.TDS, "GetSystemDateAndTime", true),
    GET_DEVICE_INFORMATION(Namespaces.TDS, "GetDeviceInformation", false),
    GET_SERVICES(Namespaces.TDS, "GetServices", true),
    GET_CAPABILITIES(Namespaces.TDS, "GetCapabilities", true),
    GET_WSDL_URL(Namespaces.TDS, "GetWsdlUrl", true),
    GET_HOSTNAME(Namespaces.TDS, "GetHostname", true),
    GET_ENDPOINT_REFERENCE(Namespaces.TDS, "GetEndpointReference", true),
    GET_DEVICE_SERVICE_CAPABILITIES(Namespaces.TDS, "GetServiceCapabilities", true),
    MEDIA1_GET_PROFILES(Namespaces.TRT, "GetProfiles", false),
    MEDIA1_GET_STREAM_URI(Namespaces.TRT, "GetStreamUri", false),
    MEDIA2_GET_PROFILES(Namespaces.TR2, "GetProfiles", false),
    MEDIA2_GET_STREAM_URI(Namespaces.TR2, "GetStreamUri", false),
    CREATE_PULL_POINT_SUBSCRIPTION(Namespaces.TEV, "CreatePullPointSubscription", false,
            Namespaces.TEV + "/EventPortType/CreatePullPointSubscriptionRequest"),
    PULL_MESSAGES(Namespaces.TEV, "PullMessages", false, Namespaces.TEV + "/PullPointSubscription/PullMessagesRequest"),
    UNSUBSCRIBE(Namespaces.WSNT, "Unsubscribe", false, "http://docs.oasis-open.org/wsn/bw-2/SubscriptionManager/UnsubscribeRequest");

    private final String namespace;
    private final String name;
    private final boolean preAuth;
    private final String action;

    Operation(String namespace, String name, boolean preAuth) {
        this(namespace, name, preAuth, namespace + "/" + name);
    }

    Operation(String namespace, String name, boolean preAuth, String action) {
        this.namespace = namespace;
        this.name = name;
        this.preAuth = preAuth;
        this.action = action;
    }

    public String namespace() {
        return namespace;
    }

    public String operationName() {
        return name;
    }

    public boolean preAuth() {
        return preAuth;
    }

    public String action() {
        return action;
    }

    public QName request() {
        return new QName(namespace, name, prefix());
    }

    public QName response() {
        return new QName(namespace, name + "Response", prefix());
    }

    /** The operation whose request {@code body} is, if Vigil knows it. */
    public static Optional<Operation> ofRequest(Element body) {
        return Arrays.stream(values()).filter(operation -> Dom.is(body, operation.namespace, operation.name)).findFirst();
    }

    private String prefix() {
        return switch (namespace) {
            case Namespaces.TDS -> "tds";
            case Namespaces.TRT -> "trt";
            case Namespaces.TEV -> "tev";
            case Namespaces.WSNT -> "wsnt";
            default -> "tr2";
        };
    }
}
