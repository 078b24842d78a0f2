package io.vigil.onvif.message;

import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.SoapMessageException;
import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.SafeText;
import io.vigil.onvif.xml.XmlOutput;
import io.vigil.onvif.xml.XmlWritable;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Element;

/**
 * One received {@code wsnt:NotificationMessage} (Core specification, "Notification structure"):
 * its topic, and the {@code tt:Message} inside with UtcTime, PropertyOperation, the Source and Data
 * SimpleItems, and the two ElementItems a recognition carries, {@code ObjectId}
 * ({@code tt:ObjectId/@ObjectId}) and {@code BoundingBox} (a {@code tt:Rectangle}: bottom, top,
 * right, left). Other ElementItems are not kept.
 *
 * @param topicNamespace the namespace the topic's prefix stands for (ONVIF's is {@link Namespaces#TNS1})
 * @param topic          the topic path, {@code RuleEngine/Recognition/Face}
 */
public record NotificationMessage(String topicNamespace, String topic, Instant utcTime, Optional<String> propertyOperation,
        List<Item> source, List<Item> data, Optional<String> objectId, Optional<Box> boundingBox) implements XmlWritable {

    /** A SimpleItem. */
    public record Item(String name, String value) {
        public Item {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** A {@code tt:Rectangle} in ONVIF's normalised coordinates (x -1 left .. 1 right, y -1 bottom .. 1 top). */
    public record Box(float left, float top, float right, float bottom) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "(%.3f,%.3f)-(%.3f,%.3f)", left, top, right, bottom);
        }
    }

    public NotificationMessage {
        Objects.requireNonNull(topicNamespace, "topicNamespace");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(utcTime, "utcTime");
        Objects.requireNonNull(propertyOperation, "propertyOperation");
        source = List.copyOf(source);
        data = List.copyOf(data);
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(boundingBox, "boundingBox");
    }

    /** The topic as ONVIF writes it: {@code tns1:RuleEngine/Recognition/Face}, else {@code {namespace}path}. */
    public String topicExpression() {
        return Namespaces.TNS1.equals(topicNamespace) ? "tns1:" + topic : "{" + topicNamespace + "}" + topic;
    }

    /** A Source or Data SimpleItem's value. */
    public Optional<String> item(String name) {
        return java.util.stream.Stream.concat(source.stream(), data.stream()).filter(item -> item.name().equals(name))
                .map(Item::value).findFirst();
    }

    public static NotificationMessage read(Element notification) throws SoapMessageException {
        QName topic = Dom.qnameValue(Read.child(notification, Namespaces.WSNT, "Topic"));
        Element message = Read.child(Read.child(notification, Namespaces.WSNT, "Message"), Namespaces.TT, "Message");
        Instant utc = EventTimes.parse(Read.attribute(message, "UtcTime"), "tt:Message/@UtcTime");
        Optional<String> operation = Optional.of(message.getAttribute("PropertyOperation")).filter(v -> !v.isEmpty());
        List<Item> source = Dom.child(message, Namespaces.TT, "Source").map(NotificationMessage::items).orElse(List.of());
        Optional<Element> dataElement = Dom.child(message, Namespaces.TT, "Data");
        List<Item> data = dataElement.map(NotificationMessage::items).orElse(List.of());
        Optional<String> objectId = Optional.empty();
        Optional<Box> box = Optional.empty();
        if (dataElement.isPresent()) {
            for (Element element : Dom.children(dataElement.get(), Namespaces.TT, "ElementItem")) {
                Optional<Element> content = Dom.childElements(element).stream().findFirst();
                if (content.isEmpty()) {
                    continue;
                }
                switch (element.getAttribute("Name")) {
                    case "ObjectId" -> objectId = Optional.of(Read.attribute(content.get(), "ObjectId"));
                    case "BoundingBox" -> box = Optional.of(new Box(number(content.get(), "left"), number(content.get(), "top"),
                            number(content.get(), "right"), number(content.get(), "bottom")));
                    default -> {
                        // other ElementItems: not needed by Vigil's readers
                    }
                }
            }
        }
        return new NotificationMessage(topic.getNamespaceURI(), topic.getLocalPart(), utc, operation, source, data, objectId, box);
    }

    private static List<Item> items(Element parent) {
        List<Item> items = new ArrayList<>();
        for (Element item : Dom.children(parent, Namespaces.TT, "SimpleItem")) {
            items.add(new Item(item.getAttribute("Name"), item.getAttribute("Value")));
        }
        return items;
    }

    private static float number(Element element, String attribute) throws SoapMessageException {
        String text = Read.attribute(element, attribute);
        try {
            return Float.parseFloat(text);
        } catch (NumberFormatException e) {
            throw new SoapMessageException(Dom.describe(element) + "/@" + attribute + " is not a number: '" + SafeText.excerpt(text, 40) + "'");
        }
    }

    @Override
    public void writeTo(XMLStreamWriter out) throws XMLStreamException {
        XmlOutput.startElement(out, new QName(Namespaces.WSNT, "NotificationMessage", "wsnt"));
        XmlOutput.startElement(out, new QName(Namespaces.WSNT, "Topic", "wsnt"));
        XmlOutput.attribute(out, "Dialect", PullPointSubscriptionRequest.CONCRETE_SET);
        XmlOutput.qnameText(out, new QName(topicNamespace, topic, Namespaces.TNS1.equals(topicNamespace) ? "tns1" : "ns1"));
        out.writeEndElement();
        XmlOutput.startElement(out, new QName(Namespaces.WSNT, "Message", "wsnt"));
        XmlOutput.startElement(out, Namespaces.tt("Message"));
        XmlOutput.attribute(out, "UtcTime", DateTimeFormatter.ISO_INSTANT.format(utcTime));
        if (propertyOperation.isPresent()) {
            XmlOutput.attribute(out, "PropertyOperation", propertyOperation.get());
        }
        XmlOutput.startElement(out, Namespaces.tt("Source"));
        writeItems(out, source);
        out.writeEndElement();
        XmlOutput.startElement(out, Namespaces.tt("Data"));
        writeItems(out, data);
        if (objectId.isPresent()) {
            XmlOutput.startElement(out, Namespaces.tt("ElementItem"));
            XmlOutput.attribute(out, "Name", "ObjectId");
            XmlOutput.startElement(out, Namespaces.tt("ObjectId"));
            XmlOutput.attribute(out, "ObjectId", objectId.get());
            out.writeEndElement();
            out.writeEndElement();
        }
        if (boundingBox.isPresent()) {
            Box b = boundingBox.get();
            XmlOutput.startElement(out, Namespaces.tt("ElementItem"));
            XmlOutput.attribute(out, "Name", "BoundingBox");
            XmlOutput.startElement(out, Namespaces.tt("BoundingBox"));
            XmlOutput.attribute(out, "bottom", Float.toString(b.bottom()));
            XmlOutput.attribute(out, "top", Float.toString(b.top()));
            XmlOutput.attribute(out, "right", Float.toString(b.right()));
            XmlOutput.attribute(out, "left", Float.toString(b.left()));
            out.writeEndElement();
            out.writeEndElement();
        }
        out.writeEndElement();
        out.writeEndElement();
        out.writeEndElement();
        out.writeEndElement();
    }

    private static void writeItems(XMLStreamWriter out, List<Item> items) throws XMLStreamException {
        for (Item item : items) {
            XmlOutput.startElement(out, Namespaces.tt("SimpleItem"));
            XmlOutput.attribute(out, "Name", item.name());
            XmlOutput.attribute(out, "Value", item.value());
            out.writeEndElement();
        }
    }
}
