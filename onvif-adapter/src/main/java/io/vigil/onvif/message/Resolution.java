package io.vigil.onvif.message;

import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.SoapMessageException;
import io.vigil.onvif.xml.XmlOutput;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Element;

/** A video size in pixels ({@code tt:VideoResolution}, {@code tt:VideoResolution2}). */
public record Resolution(int width, int height) {

    public Resolution {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("a resolution must be positive: " + width + "x" + height);
        }
    }

    public long pixels() {
        return (long) width * height;
    }

    @Override
    public String toString() {
        return width + "x" + height;
    }

    static Resolution read(Element parent) throws SoapMessageException {
        Element resolution = Read.child(parent, Namespaces.TT, "Resolution");
        int width = Read.integer(resolution, Namespaces.TT, "Width");
        int height = Read.integer(resolution, Namespaces.TT, "Height");
        if (width < 1 || height < 1) {
            throw new SoapMessageException("a video resolution of " + width + "x" + height);
        }
        return new Resolution(width, height);
    }

    void writeTo(XMLStreamWriter out) throws XMLStreamException {
        XmlOutput.startElement(out, Namespaces.tt("Resolution"));
        XmlOutput.textElement(out, Namespaces.tt("Width"), Integer.toString(width));
        XmlOutput.textElement(out, Namespaces.tt("Height"), Integer.toString(height));
        out.writeEndElement();
    }
}
