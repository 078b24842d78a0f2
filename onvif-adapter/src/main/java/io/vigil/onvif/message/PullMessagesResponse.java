package io.vigil.onvif.message;

import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.SoapMessageException;
import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.XmlOutput;
import io.vigil.onvif.xml.XmlWritable;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Element;

/** {@code tev:PullMessagesResponse}: the device's current time, the PullPoint's termination time and the messages. */
public record PullMessagesResponse(Instant currentTime, Instant terminationTime, List<NotificationMessage> messages)
        implements XmlWritable {

    public PullMessagesResponse {
        Objects.requireNonNull(currentTime, "currentTime");
        Objects.requireNonNull(terminationTime, "terminationTime");
        messages = List.copyOf(messages);
    }

    public static PullMessagesResponse read(Element response) throws SoapMessageException {
        List<NotificationMessage> messages = new ArrayList<>();
        for (Element message : Dom.children(response, Namespaces.WSNT, "NotificationMessage")) {
            messages.add(NotificationMessage.read(message));
        }
        return new PullMessagesResponse(EventTimes.instant(response, Namespaces.TEV, "CurrentTime"),
                EventTimes.instant(response, Namespaces.TEV, "TerminationTime"), messages);
    }

    @Override
    public void writeTo(XMLStreamWriter out) throws XMLStreamException {
        XmlOutput.startElement(out, Operation.PULL_MESSAGES.response());
        XmlOutput.textElement(out, Namespaces.tev("CurrentTime"), DateTimeFormatter.ISO_INSTANT.format(currentTime));
        XmlOutput.textElement(out, Namespaces.tev("TerminationTime"), DateTimeFormatter.ISO_INSTANT.format(terminationTime));
        for (NotificationMessage message : messages) {
            message.writeTo(out);
        }
        out.writeEndElement();
    }
}
