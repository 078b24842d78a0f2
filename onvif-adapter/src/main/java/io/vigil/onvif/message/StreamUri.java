package io.vigil.onvif.message;

import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.SoapMessageException;
import io.vigil.onvif.xml.XmlOutput;
import io.vigil.onvif.xml.XmlWritable;
import java.net.URI;
import java.util.Objects;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.w3c.dom.Element;

/**
 * A GetStreamUri answer: Media1 {@code trt:GetStreamUriResponse/trt:MediaUri/tt:Uri} (with the
 * required InvalidAfterConnect, InvalidAfterReboot and Timeout), Media2
 * {@code tr2:GetStreamUriResponse/tr2:Uri}.
 */
public record StreamUri(boolean media2, URI uri) implements XmlWritable {

    public StreamUri {
        Objects.requireNonNull(uri, "uri");
    }

    public static StreamUri read(Element response, boolean media2) throws SoapMessageException {
        return media2 ? new StreamUri(true, Read.uri(response, Namespaces.TR2, "Uri"))
                : new StreamUri(false, Read.uri(Read.child(response, Namespaces.TRT, "MediaUri"), Namespaces.TT, "Uri"));
    }

    @Override
    public void writeTo(XMLStreamWriter out) throws XMLStreamException {
        if (media2) {
            XmlOutput.startElement(out, Operation.MEDIA2_GET_STREAM_URI.response());
            XmlOutput.textElement(out, Namespaces.tr2("Uri"), uri.toString());
        } else {
            XmlOutput.startElement(out, Operation.MEDIA1_GET_STREAM_URI.response());
            XmlOutput.startElement(out, Namespaces.trt("MediaUri"));
            XmlOutput.textElement(out, Namespaces.tt("Uri"), uri.toString());
            XmlOutput.textElement(out, Namespaces.tt("InvalidAfterConnect"), "false");
            XmlOutput.textElement(out, Namespaces.tt("InvalidAfterReboot"), "false");
            XmlOutput.textElement(out, Namespaces.tt("Timeout"), "PT0S");
            out.writeEndElement();
        }
        out.writeEndElement();
    }
}
