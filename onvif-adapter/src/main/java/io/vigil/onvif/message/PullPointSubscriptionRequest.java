package io.vigil.onvif.message;

import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.SoapMessageException;
import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.SafeText;
import io.vigil.onvif.xml.XmlOutput;
import io.vigil.onvif.xml.XmlWritable;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Element;

/**
 * {@code tev:CreatePullPointSubscription} (event.wsdl): an optional topic filter
 * ({@code tev:Filter/wsnt:TopicExpression} in the ONVIF ConcreteSet dialect, {@code tns1} bound to
 * the ONVIF topic namespace) and an optional InitialTerminationTime, written as an xs:duration so
 * that the device's clock, not ours, decides when it ends.
 *
 * @param topicExpression  for example {@code tns1:RuleEngine/Recognition/Face}; empty: every topic
 * @param initialTermination how long the subscription lives unless pulled or renewed; empty: the device's default
 */
public record PullPointSubscriptionRequest(Optional<String> topicExpression, Optional<Duration> initialTermination)
        implements XmlWritable {

    /** ONVIF's topic expression dialect (Core specification, "Topic filter"). */
    public static final String CONCRETE_SET = "http://www.onvif.org/ver10/tev/topicExpression/ConcreteSet";

    public PullPointSubscriptionRequest {
        Objects.requireNonNull(topicExpression, "topicExpression");
        Objects.requireNonNull(initialTermination, "initialTermination");
        if (topicExpression.isPresent() && topicExpression.get().isBlank()) {
            throw new IllegalArgumentException("an empty topic expression; leave it out for every topic");
        }
        if (initialTermination.isPresent() && (initialTermination.get().isNegative() || initialTermination.get().isZero())) {
            throw new IllegalArgumentException("the initial termination must be in the future: " + initialTermination.get());
        }
    }

    /** The request in a received {@code tev:CreatePullPointSubscription}. */
    public static PullPointSubscriptionRequest read(Element request) throws SoapMessageException {
        Optional<String> topic = Dom.child(request, Namespaces.TEV, "Filter")
                .flatMap(filter -> Dom.child(filter, Namespaces.WSNT, "TopicExpression")).map(Dom::text);
        Optional<String> termination = Read.optionalText(request, Namespaces.TEV, "InitialTerminationTime");
        try {
            return new PullPointSubscriptionRequest(topic, termination.map(Duration::parse));
        } catch (DateTimeParseException e) {
            throw new SoapMessageException("InitialTerminationTime is not an xs:duration: '"
                    + SafeText.excerpt(termination.orElse(""), 40) + "'");
        }
    }

    @Override
    public void writeTo(XMLStreamWriter out) throws XMLStreamException {
        XmlOutput.startElement(out, Operation.CREATE_PULL_POINT_SUBSCRIPTION.request());
        if (topicExpression.isPresent()) {
            XmlOutput.startElement(out, Namespaces.tev("Filter"));
            XmlOutput.startElement(out, new QName(Namespaces.WSNT, "TopicExpression", "wsnt"));
            // the expression's prefixes are resolved where it stands: tns1 must be declared here
            out.writeNamespace("tns1", Namespaces.TNS1);
            XmlOutput.attribute(out, "Dialect", CONCRETE_SET);
            XmlOutput.characters(out, topicExpression.get());
            out.writeEndElement();
            out.writeEndElement();
        }
        if (initialTermination.isPresent()) {
            XmlOutput.textElement(out, Namespaces.tev("InitialTerminationTime"), initialTermination.get().toString());
        }
        out.writeEndElement();
    }
}
