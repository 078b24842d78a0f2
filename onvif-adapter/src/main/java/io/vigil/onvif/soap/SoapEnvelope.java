package io.vigil.onvif.soap;

import io.vigil.onvif.xml.XmlOutput;
import io.vigil.onvif.xml.XmlWritable;
import java.util.List;
import java.util.Objects;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * An outgoing SOAP 1.2 message: header blocks and the one element of its body.
 *
 * <pre>{@code
 * <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope">
 *   <s:Header> header blocks </s:Header>   (left out when there are none)
 *   <s:Body> body </s:Body>
 * </s:Envelope>
 * }</pre>
 *
 * @param headers header blocks in order (WS-Addressing, WS-Security, ...)
 * @param body    writes the single body element: a request, a response or a {@link SoapFault}
 */
public record SoapEnvelope(List<XmlWritable> headers, XmlWritable body) implements XmlWritable {

    public SoapEnvelope {
        headers = List.copyOf(headers);
        Objects.requireNonNull(body, "body");
    }

    public static SoapEnvelope of(XmlWritable body, XmlWritable... headers) {
        return new SoapEnvelope(List.of(headers), body);
    }

    @Override
    public void writeTo(XMLStreamWriter out) throws XMLStreamException {
        XmlOutput.startElement(out, Namespaces.soap("Envelope"));
        if (!headers.isEmpty()) {
            XmlOutput.startElement(out, Namespaces.soap("Header"));
            // declared once for the WS-Addressing header blocks instead of on each of them
            out.writeNamespace("a", Namespaces.WSA);
            for (XmlWritable header : headers) {
                header.writeTo(out);
            }
            out.writeEndElement();
        }
        XmlOutput.startElement(out, Namespaces.soap("Body"));
        body.writeTo(out);
        out.writeEndElement();
        out.writeEndElement();
    }

    /** The message as UTF-8 bytes with an XML declaration, ready to send. */
    public byte[] toBytes() {
        return XmlOutput.toBytes(this);
    }
}
