package io.vigil.onvif.soap;

import io.vigil.onvif.xml.XmlWritable;
import java.util.Objects;

/**
 * One SOAP request before transport: its action URI (the WSDL's {@code soapAction}, sent as the
 * {@code action} parameter of the Content-Type and as {@code wsa:Action}) and its body element.
 *
 * @param action        for example {@code http://www.onvif.org/ver10/device/wsdl/GetDeviceInformation}
 * @param body          the request element
 * @param wsAddressing  whether to send WS-Addressing headers (Action, MessageID, To)
 */
public record SoapRequest(String action, XmlWritable body, boolean wsAddressing) {

    public SoapRequest {
        Objects.requireNonNull(body, "body");
        if (action == null || action.isBlank() || action.indexOf('"') >= 0 || action.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            // it travels inside a quoted HTTP header parameter
            throw new IllegalArgumentException("a SOAP action must be a URI of printable ASCII without quotes: " + action);
        }
    }

    /** A request with WS-Addressing headers. */
    public SoapRequest(String action, XmlWritable body) {
        this(action, body, true);
    }

    /** The operation name for messages: the last segment of the action URI. */
    public String operation() {
        return action.substring(action.lastIndexOf('/') + 1);
    }
}
