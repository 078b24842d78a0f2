package io.vigil.onvif.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.XmlOutput;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Element;

@Timeout(10)
class SoapEnvelopeTest {

    private static final String ACTION = "http://www.onvif.org/ver10/device/wsdl/GetSystemDateAndTime";
    private static final String TO = "http://192.0.2.10/onvif/device_service";

    private final SoapReader reader = new SoapReader();

    @Test
    void requestWithAddressingIsSoap12WithNamespacedHeadersAndOneBodyElement() throws Exception {
        SoapEnvelope envelope = SoapEnvelope.of(new EmptyElement(Namespaces.tds("GetSystemDateAndTime")),
                WsAddressing.request(ACTION, TO));
        byte[] bytes = envelope.toBytes();
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><s:Envelope xmlns:s=\"" + Namespaces.SOAP + "\">"), text);

        ReceivedEnvelope read = reader.read(bytes);
        assertEquals(List.of("Action", "MessageID", "To"), read.headers().stream().map(Element::getLocalName).toList());
        read.headers().forEach(header -> assertEquals(Namespaces.WSA, header.getNamespaceURI()));
        assertEquals(ACTION, read.headerText(Namespaces.WSA, "Action").orElseThrow());
        assertEquals(TO, read.headerText(Namespaces.WSA, "To").orElseThrow());
        assertTrue(read.headerText(Namespaces.WSA, "MessageID").orElseThrow()
                .matches("urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
        assertTrue(read.header(Namespaces.WSA, "ReplyTo").isEmpty(), "ReplyTo only when asked for: absent means anonymous");
        assertTrue(read.header(Namespaces.WSA, "Action").orElseThrow().getAttributeNS(Namespaces.SOAP, "mustUnderstand").isEmpty());
        Element body = read.requireBody(Namespaces.TDS, "GetSystemDateAndTime");
        assertTrue(Dom.childElements(body).isEmpty());
        assertTrue(read.fault().isEmpty());
    }

    @Test
    void eachRequestHasItsOwnMessageId() {
        assertNotEquals(WsAddressing.request(ACTION, TO).messageId(), WsAddressing.request(ACTION, TO).messageId());
    }

    @Test
    void replyToAnonymousAndRelatesToRoundTrip() throws Exception {
        WsAddressing request = WsAddressing.request(ACTION, TO).withAnonymousReplyTo();
        ReceivedEnvelope read = reader.read(SoapEnvelope.of(new EmptyElement(Namespaces.tds("X")), request).toBytes());
        assertEquals(request, WsAddressing.from(read).orElseThrow());
        assertEquals(WsAddressing.ANONYMOUS, Dom.text(Dom.child(read.header(Namespaces.WSA, "ReplyTo").orElseThrow(),
                Namespaces.WSA, "Address").orElseThrow()));

        WsAddressing reply = WsAddressing.reply(ACTION + "Response", request.messageId());
        ReceivedEnvelope replied = reader.read(SoapEnvelope.of(new EmptyElement(Namespaces.tds("XResponse")), reply).toBytes());
        assertEquals(request.messageId(), WsAddressing.from(replied).orElseThrow().relatesTo());
    }

    @Test
    void anEnvelopeWithoutHeadersHasNoHeaderElement() {
        String text = new String(SoapEnvelope.of(new EmptyElement(Namespaces.trt("GetProfiles"))).toBytes(), StandardCharsets.UTF_8);
        assertFalse(text.contains("Header"), text);
        assertTrue(text.contains("<s:Body><trt:GetProfiles xmlns:trt=\"" + Namespaces.TRT + "\"></trt:GetProfiles></s:Body>"), text);
    }

    @Test
    void typedBodiesWriteTheirContentThroughTheWriterNotStrings() throws Exception {
        String injected = "</tt:Name><tt:Admin>true</tt:Admin>";
        byte[] bytes = SoapEnvelope.of(out -> {
            XmlOutput.startElement(out, Namespaces.tds("SetHostname"));
            XmlOutput.textElement(out, Namespaces.tds("Name"), injected);
            out.writeEndElement();
        }).toBytes();
        Element body = reader.read(bytes).requireBody(Namespaces.TDS, "SetHostname");
        assertEquals(1, Dom.childElements(body).size());
        assertEquals(injected, Dom.text(Dom.child(body, Namespaces.TDS, "Name").orElseThrow()));
    }
}
