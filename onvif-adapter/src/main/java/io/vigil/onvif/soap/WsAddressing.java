package io.vigil.onvif.soap;

import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.XmlOutput;
import io.vigil.onvif.xml.XmlWritable;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * WS-Addressing 1.0 message addressing headers ({@code http://www.w3.org/2005/08/addressing}),
 * written as separate header blocks: Action, MessageID, RelatesTo, ReplyTo, To.
 *
 * <p>None carries {@code mustUnderstand}: a device that does not implement WS-Addressing may then
 * ignore them (SOAP 1.2 Part 1, 5.2.3) instead of failing the request, and ONVIF clients in the
 * field (the npm {@code onvif} and {@code node-onvif} packages) send no addressing at all.
 * ReplyTo is only written when asked for: its absence means the anonymous address, the HTTP
 * response (WS-Addressing 1.0 Core).
 *
 * @param action    required: the operation's action URI
 * @param messageId {@code urn:uuid:...}, or null (a response need not carry one)
 * @param to        destination address, or null
 * @param replyTo   reply address (usually {@link #ANONYMOUS}), or null to leave it out
 * @param relatesTo the MessageID this message answers, or null
 */
public record WsAddressing(String action, String messageId, String to, String replyTo, String relatesTo)
        implements XmlWritable {

    /** "Reply on the back channel" (the HTTP response). */
    public static final String ANONYMOUS = "http://www.w3.org/2005/08/addressing/anonymous";

    public WsAddressing {
        Objects.requireNonNull(action, "action");
    }

    /** Headers of a request: Action, a fresh MessageID and To. */
    public static WsAddressing request(String action, String to) {
        return new WsAddressing(action, newMessageId(), to, null, null);
    }

    /** Headers of a reply: Action, a fresh MessageID and RelatesTo the request's MessageID (if it had one). */
    public static WsAddressing reply(String action, String relatesTo) {
        return new WsAddressing(action, newMessageId(), null, null, relatesTo);
    }

    /** The same headers with {@code ReplyTo/Address} anonymous. */
    public WsAddressing withAnonymousReplyTo() {
        return new WsAddressing(action, messageId, to, ANONYMOUS, relatesTo);
    }

    /** A new message id: {@code urn:uuid:} and a random UUID. */
    public static String newMessageId() {
        return "urn:uuid:" + UUID.randomUUID();
    }

    /** The addressing headers of a received message, if it has a {@code wsa:Action}. */
    public static Optional<WsAddressing> from(ReceivedEnvelope envelope) {
        return envelope.headerText(Namespaces.WSA, "Action").map(action -> new WsAddressing(action,
                envelope.headerText(Namespaces.WSA, "MessageID").orElse(null),
                envelope.headerText(Namespaces.WSA, "To").orElse(null),
                envelope.header(Namespaces.WSA, "ReplyTo")
                        .flatMap(replyTo -> Dom.child(replyTo, Namespaces.WSA, "Address"))
                        .map(Dom::text).orElse(null),
                envelope.headerText(Namespaces.WSA, "RelatesTo").orElse(null)));
    }

    @Override
    public void writeTo(XMLStreamWriter out) throws XMLStreamException {
        XmlOutput.textElement(out, Namespaces.wsa("Action"), action);
        if (messageId != null) {
            XmlOutput.textElement(out, Namespaces.wsa("MessageID"), messageId);
        }
        if (relatesTo != null) {
            XmlOutput.textElement(out, Namespaces.wsa("RelatesTo"), relatesTo);
        }
        if (replyTo != null) {
            XmlOutput.startElement(out, Namespaces.wsa("ReplyTo"));
            XmlOutput.textElement(out, Namespaces.wsa("Address"), replyTo);
            out.writeEndElement();
        }
        if (to != null) {
            XmlOutput.textElement(out, Namespaces.wsa("To"), to);
        }
    }
}
