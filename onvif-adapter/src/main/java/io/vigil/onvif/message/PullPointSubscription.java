package io.vigil.onvif.message;

import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.SoapMessageException;
import io.vigil.onvif.xml.XmlOutput;
import io.vigil.onvif.xml.XmlWritable;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Element;

/**
 * {@code tev:CreatePullPointSubscriptionResponse}: where the new PullPoint answers (its
 * {@code SubscriptionReference/wsa:Address}, to which PullMessages and Unsubscribe go) and the
 * device's current and termination times.
 */
public record PullPointSubscription(URI address, Instant currentTime, Instant terminationTime) implements XmlWritable {

    public PullPointSubscription {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(currentTime, "currentTime");
        Objects.requireNonNull(terminationTime, "terminationTime");
    }

    public static PullPointSubscription read(Element response) throws SoapMessageException {
        Element reference = Read.child(response, Namespaces.TEV, "SubscriptionReference");
        return new PullPointSubscription(Read.uri(reference, Namespaces.WSA, "Address"),
                EventTimes.instant(response, Namespaces.WSNT, "CurrentTime"),
                EventTimes.instant(response, Namespaces.WSNT, "TerminationTime"));
    }

    @Override
    public void writeTo(XMLStreamWriter out) throws XMLStreamException {
        XmlOutput.startElement(out, Operation.CREATE_PULL_POINT_SUBSCRIPTION.response());
        XmlOutput.startElement(out, Namespaces.tev("SubscriptionReference"));
        XmlOutput.textElement(out, Namespaces.wsa("Address"), address.toString());
        out.writeEndElement();
        XmlOutput.textElement(out, new QName(Namespaces.WSNT, "CurrentTime", "wsnt"), DateTimeFormatter.ISO_INSTANT.format(currentTime));
        XmlOutput.textElement(out, new QName(Namespaces.WSNT, "TerminationTime", "wsnt"),
                DateTimeFormatter.ISO_INSTANT.format(terminationTime));
        out.writeEndElement();
    }
}
