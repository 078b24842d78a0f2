package io.vigil.onvif.xml;

import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Something that writes itself as XML elements: a SOAP header block, a body element, a typed
 * ONVIF message. Written through {@link XmlOutput}'s helpers, which declare namespaces and refuse
 * characters XML cannot carry; never assembled from strings.
 */
@FunctionalInterface
@ConsumerType
public interface XmlWritable {

    void writeTo(XMLStreamWriter out) throws XMLStreamException;
}
