package io.vigil.onvif.soap;

import io.vigil.onvif.xml.XmlOutput;
import io.vigil.onvif.xml.XmlWritable;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A body element without content: the request of every ONVIF operation whose request message
 * "is an empty message" ({@code tds:GetSystemDateAndTime}, {@code tds:GetDeviceInformation}, ...).
 */
public record EmptyElement(QName name) implements XmlWritable {

    @Override
    public void writeTo(XMLStreamWriter out) throws XMLStreamException {
        XmlOutput.emptyElement(out, name);
    }
}
