package io.vigil.onvif.soap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.onvif.xml.ForbiddenXmlException;
import io.vigil.onvif.xml.MalformedXmlException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SoapReaderTest {

    private static final String S = "http://www.w3.org/2003/05/soap-envelope";

    private final SoapReader reader = new SoapReader();

    private ReceivedEnvelope read(String xml) throws Exception {
        return reader.read(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void headerAndBodyAreFoundByNamespaceWhateverThePrefix() throws Exception {
        for (String envelope : List.of(
                "<env:Envelope xmlns:env='" + S + "'><env:Header><h xmlns='urn:h'>1</h></env:Header>"
                        + "<env:Body><tds:GetDeviceInformationResponse xmlns:tds='http://www.onvif.org/ver10/device/wsdl'/></env:Body></env:Envelope>",
                "<Envelope xmlns='" + S + "'><Header><h xmlns='urn:h'>1</h></Header>"
                        + "<Body><GetDeviceInformationResponse xmlns='http://www.onvif.org/ver10/device/wsdl'/></Body></Envelope>",
                "<SOAP-ENV:Envelope xmlns:SOAP-ENV='" + S + "'>\n  <SOAP-ENV:Header>\n <h xmlns='urn:h'>1</h>\n</SOAP-ENV:Header>\n"
                        + "  <SOAP-ENV:Body>\n    <x:GetDeviceInformationResponse xmlns:x='http://www.onvif.org/ver10/device/wsdl'/>\n"
                        + "  </SOAP-ENV:Body>\n</SOAP-ENV:Envelope>\n")) {
            ReceivedEnvelope read = read(envelope);
            assertEquals("1", read.headerText("urn:h", "h").orElseThrow());
            read.requireBody(Namespaces.TDS, "GetDeviceInformationResponse");
        }
    }

    @Test
    void aResponseWithTheRightNameInAnotherNamespaceIsNotTheResponse() throws Exception {
        ReceivedEnvelope read = read("<s:Envelope xmlns:s='" + S + "'><s:Body>"
                + "<GetDeviceInformationResponse xmlns='urn:impostor'/></s:Body></s:Envelope>");
        SoapMessageException e = assertThrows(SoapMessageException.class,
                () -> read.requireBody(Namespaces.TDS, "GetDeviceInformationResponse"));
        assertTrue(e.getMessage().contains("{urn:impostor}GetDeviceInformationResponse"), e.getMessage());
    }

    @Test
    void messagesThatAreNotSoap12AreRefused() {
        assertTrue(assertThrows(SoapMessageException.class, () -> read("<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'>"
                + "<s:Body/></s:Envelope>")).getMessage().contains("SOAP 1.1"));
        assertTrue(assertThrows(SoapMessageException.class, () -> read("<html><body>Not Found</body></html>"))
                .getMessage().contains("root element is html"));
        assertTrue(assertThrows(SoapMessageException.class, () -> read("<s:Envelope xmlns:s='" + S + "'/>"))
                .getMessage().contains("without a Body"));
        assertThrows(SoapMessageException.class, () -> read("<s:Envelope xmlns:s='" + S + "'><s:Body/><s:Body/></s:Envelope>"));
        assertThrows(SoapMessageException.class, () -> read("<s:Envelope xmlns:s='" + S + "'><s:Header/><s:Header/><s:Body/></s:Envelope>"));
        assertThrows(SoapMessageException.class, () -> read("<s:Envelope xmlns:s='" + S + "'><s:Body><a/><b/></s:Body></s:Envelope>"));
        assertThrows(MalformedXmlException.class, () -> read("<s:Envelope xmlns:s='" + S + "'><s:Body>"));
        assertThrows(ForbiddenXmlException.class, () -> read("<!DOCTYPE s:Envelope><s:Envelope xmlns:s='" + S + "'><s:Body/></s:Envelope>"));
    }

    @Test
    void anEmptyBodyIsAllowedButIsNotAResponse() throws Exception {
        ReceivedEnvelope read = read("<s:Envelope xmlns:s='" + S + "'><s:Body/></s:Envelope>");
        assertTrue(read.body().isEmpty());
        assertThrows(SoapMessageException.class, () -> read.requireBody(Namespaces.TDS, "X"));
    }

    @Test
    void faultIsReadWithCodeNestedSubcodesAndEnglishReason() throws Exception {
        ReceivedEnvelope read = read("<soap:Envelope xmlns:soap='" + S + "' xmlns:ter='http://www.onvif.org/ver10/error'>"
                + "<soap:Body><soap:Fault>"
                + "<soap:Code><soap:Value>soap:Sender</soap:Value>"
                + "<soap:Subcode><soap:Value>ter:InvalidArgVal</soap:Value>"
                + "<soap:Subcode><soap:Value>ter:NoProfile</soap:Value></soap:Subcode></soap:Subcode></soap:Code>"
                + "<soap:Reason><soap:Text xml:lang='de'>Profil fehlt</soap:Text><soap:Text xml:lang='en'>No such profile</soap:Text></soap:Reason>"
                + "</soap:Fault></soap:Body></soap:Envelope>");
        SoapFault fault = read.fault().orElseThrow();
        assertEquals(SoapFault.SENDER, fault.code());
        assertEquals(List.of(new QName(Namespaces.TER, "InvalidArgVal"), new QName(Namespaces.TER, "NoProfile")), fault.subcodes());
        assertEquals("No such profile", fault.reason());
        assertEquals("soap:Sender / ter:InvalidArgVal / ter:NoProfile", fault.codes());
    }

    @Test
    void faultWithoutAnEnglishTextTakesTheFirstAndOneWithoutCodeIsRefused() throws Exception {
        SoapFault fault = read("<s:Envelope xmlns:s='" + S + "'><s:Body><s:Fault><s:Code><s:Value>s:Receiver</s:Value></s:Code>"
                + "<s:Reason><s:Text xml:lang='fr'>échec</s:Text><s:Text xml:lang='de'>Fehler</s:Text></s:Reason>"
                + "</s:Fault></s:Body></s:Envelope>").fault().orElseThrow();
        assertEquals("échec", fault.reason());
        assertTrue(fault.codeIs("Receiver"));
        assertThrows(SoapMessageException.class, () -> read("<s:Envelope xmlns:s='" + S + "'><s:Body><s:Fault>"
                + "<s:Reason><s:Text xml:lang='en'>x</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>"));
    }

    @Test
    void aSubcodeWithAnUndeclaredPrefixIsStillRecognised() throws Exception {
        SoapFault fault = read("<s:Envelope xmlns:s='" + S + "'><s:Body><s:Fault><s:Code><s:Value>s:Sender</s:Value>"
                + "<s:Subcode><s:Value>ter:NotAuthorized</s:Value></s:Subcode></s:Code></s:Fault></s:Body></s:Envelope>")
                .fault().orElseThrow();
        assertTrue(fault.hasSubcode(Namespaces.TER, "NotAuthorized"));
        assertEquals("", fault.reason());
    }

    @Test
    void aHostileReasonIsCleanedAndShortened() throws Exception {
        String reason = "line\r\nforged log line " + "x".repeat(10_000);
        SoapFault fault = read("<s:Envelope xmlns:s='" + S + "'><s:Body><s:Fault><s:Code><s:Value>s:Receiver</s:Value></s:Code>"
                + "<s:Reason><s:Text xml:lang='en'>" + reason + "</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>")
                .fault().orElseThrow();
        assertTrue(fault.reason().startsWith("line forged log line xxx"), fault.reason());
        assertTrue(fault.reason().length() <= SoapFault.MAX_REASON + 1);
    }
}
