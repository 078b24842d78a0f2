package io.vigil.onvif.internal.device;

import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.xml.XmlOutput;
import io.vigil.onvif.xml.XmlWritable;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * One {@code wsnt:NotificationMessage}: its topic and the {@code tt:Message} (Core specification,
 * "Notification structure"): UtcTime, PropertyOperation for property events, Source and Data as
 * SimpleItems, and Data ElementItems (ObjectId, BoundingBox) written by {@link ElementItem}s.
 * Immutable; one instance is shared by every subscription it is queued on.
 *
 * @param topic             the topic
 * @param utcTime           for a recognition, the capture time of the frame (so VMS bookmarks hit the video)
 * @param propertyOperation Initialized, Changed or Deleted for property topics; empty otherwise
 * @param source            Source SimpleItems, name and value
 * @param data              Data SimpleItems
 * @param elements          Data ElementItems
 */
record Notification(EventTopic topic, Instant utcTime, Optional<String> propertyOperation, List<Item> source,
        List<Item> data, List<ElementItem> elements) implements XmlWritable {

    /** A SimpleItem. */
    record Item(String name, String value) {
        Item {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** An ElementItem: its name and what it writes inside. */
    record ElementItem(String name, XmlWritable content) {
    }

    Notification {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(utcTime, "utcTime");
        Objects.requireNonNull(propertyOperation, "propertyOperation");
        source = List.copyOf(source);
        data = List.copyOf(data);
        elements = List.copyOf(elements);
    }

    /** The value of a Source or Data SimpleItem, for tests and logs. */
    Optional<String> item(String name) {
        return java.util.stream.Stream.concat(source.stream(), data.stream())
                .filter(item -> item.name().equals(name)).map(Item::value).findFirst();
    }

    @Override
    public void writeTo(XMLStreamWriter out) throws XMLStreamException {
        XmlOutput.startElement(out, DeviceFault.wsnt("NotificationMessage"));
        XmlOutput.startElement(out, DeviceFault.wsnt("Topic"));
        XmlOutput.attribute(out, "Dialect", EventTopic.CONCRETE_SET);
        XmlOutput.qnameText(out, new QName(topic.namespace(), String.join("/", topic.path()), topic.prefix()));
        out.writeEndElement();
        XmlOutput.startElement(out, DeviceFault.wsnt("Message"));
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
        for (ElementItem element : elements) {
            XmlOutput.startElement(out, Namespaces.tt("ElementItem"));
            XmlOutput.attribute(out, "Name", element.name());
            element.content().writeTo(out);
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
