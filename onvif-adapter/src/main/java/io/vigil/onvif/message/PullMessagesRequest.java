package io.vigil.onvif.message;

import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.SoapMessageException;
import io.vigil.onvif.xml.SafeText;
import io.vigil.onvif.xml.XmlOutput;
import io.vigil.onvif.xml.XmlWritable;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Element;

/**
 * {@code tev:PullMessages}, sent to a PullPoint's address: how long the device may hold the
 * request open waiting for a message (a long poll) and how many messages one answer may carry.
 */
public record PullMessagesRequest(Duration timeout, int messageLimit) implements XmlWritable {

    public PullMessagesRequest {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || messageLimit < 1) {
            throw new IllegalArgumentException("PullMessages needs a timeout of 0 or more and a message limit of 1 or more");
        }
    }

    public static PullMessagesRequest read(Element request) throws SoapMessageException {
        String timeout = Read.text(request, Namespaces.TEV, "Timeout");
        try {
            return new PullMessagesRequest(Duration.parse(timeout), Read.integer(request, Namespaces.TEV, "MessageLimit"));
        } catch (DateTimeParseException e) {
            throw new SoapMessageException("PullMessages/Timeout is not an xs:duration: '" + SafeText.excerpt(timeout, 40) + "'");
        }
    }

    @Override
    public void writeTo(XMLStreamWriter out) throws XMLStreamException {
        XmlOutput.startElement(out, Operation.PULL_MESSAGES.request());
        XmlOutput.textElement(out, Namespaces.tev("Timeout"), timeout.toString());
        XmlOutput.textElement(out, Namespaces.tev("MessageLimit"), Integer.toString(messageLimit));
        out.writeEndElement();
    }
}
