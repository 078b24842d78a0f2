package io.vigil.onvif.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.xml.XmlException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Discovery messages written and read back, matching rules, and datagrams that must be refused. */
@Timeout(10)
class DiscoveryMessagesTest {

    static final String EPR = "urn:uuid:0f5e3c2a-1111-4a4a-9c9c-000000000001";
    static final TargetService CAMERA = new TargetService(EPR,
            List.of(WsDiscovery.NETWORK_VIDEO_TRANSMITTER, WsDiscovery.DEVICE),
            List.of("onvif://www.onvif.org/type/video_encoder", "onvif://www.onvif.org/name/Lobby%20camera",
                    "onvif://www.onvif.org/hardware/D1-566", "onvif://www.onvif.org/location/country/china"),
            List.of(URI.create("http://127.0.0.1:8080/onvif/device_service")), 3);

    private final DiscoveryMessageReader reader = new DiscoveryMessageReader();

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void probeForCamerasRoundTripsWithTheDiscoveryAndOldAddressingNamespaces() throws Exception {
        Probe probe = Probe.forCameras();
        byte[] bytes = probe.toBytes();
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.contains(WsDiscovery.D) && text.contains(WsDiscovery.WSA), text);
        assertFalse(text.contains(Namespaces.WSA), "WS-Addressing 1.0 has no place in WS-Discovery 2005/04: " + text);
        Probe read = assertInstanceOf(Probe.class, reader.read(bytes));
        assertEquals(probe, read);
        assertEquals(List.of(WsDiscovery.NETWORK_VIDEO_TRANSMITTER, WsDiscovery.DEVICE), read.types());
    }

    @Test
    void probeMatchesHelloAndByeRoundTrip() throws Exception {
        ProbeMatches matches = new ProbeMatches("urn:uuid:m1", "urn:uuid:p1", new AppSequence(7, 2), List.of(CAMERA));
        assertEquals(matches, reader.read(matches.toBytes()));
        Hello hello = new Hello("urn:uuid:h1", new AppSequence(7, 1), CAMERA);
        assertEquals(hello, reader.read(hello.toBytes()));
        Bye bye = new Bye("urn:uuid:b1", new AppSequence(7, 3), EPR);
        assertEquals(bye, reader.read(bye.toBytes()));
    }

    @Test
    void typesWithAnyPrefixOrDefaultNamespaceReadAsTheSameNames() throws Exception {
        // written as a camera of another make would: other prefixes, Types in a default namespace
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope"
                    xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing"
                    xmlns:wsdd="http://schemas.xmlsoap.org/ws/2005/04/discovery">
                  <SOAP-ENV:Header>
                    <wsa:MessageID>uuid:abc</wsa:MessageID>
                    <wsa:RelatesTo>urn:uuid:probe-1</wsa:RelatesTo>
                    <wsa:To SOAP-ENV:mustUnderstand="true">http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:To>
                    <wsa:Action SOAP-ENV:mustUnderstand="true">http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches</wsa:Action>
                    <wsdd:AppSequence InstanceId="1700000000" MessageNumber="12"/>
                  </SOAP-ENV:Header>
                  <SOAP-ENV:Body>
                    <wsdd:ProbeMatches>
                      <wsdd:ProbeMatch>
                        <wsa:EndpointReference><wsa:Address>urn:uuid:cam-9</wsa:Address></wsa:EndpointReference>
                        <wsdd:Types xmlns:ns1="http://www.onvif.org/ver10/network/wsdl"
                            xmlns:ns2="http://www.onvif.org/ver10/device/wsdl">ns1:NetworkVideoTransmitter
                            ns2:Device</wsdd:Types>
                        <wsdd:Scopes>onvif://www.onvif.org/type/video_encoder  onvif://www.onvif.org/name/X</wsdd:Scopes>
                        <wsdd:XAddrs>http://192.0.2.7/onvif/device_service file:///etc/passwd not a uri</wsdd:XAddrs>
                        <wsdd:MetadataVersion>10</wsdd:MetadataVersion>
                      </wsdd:ProbeMatch>
                    </wsdd:ProbeMatches>
                  </SOAP-ENV:Body>
                </SOAP-ENV:Envelope>
                """;
        ProbeMatches matches = assertInstanceOf(ProbeMatches.class, reader.read(utf8(xml.strip())));
        assertEquals("urn:uuid:probe-1", matches.relatesTo());
        assertEquals(new AppSequence(1700000000L, 12), matches.appSequence());
        TargetService camera = matches.matches().get(0);
        assertEquals(List.of(WsDiscovery.NETWORK_VIDEO_TRANSMITTER, WsDiscovery.DEVICE), camera.types());
        assertEquals(List.of("onvif://www.onvif.org/type/video_encoder", "onvif://www.onvif.org/name/X"), camera.scopes());
        assertEquals(List.of(URI.create("http://192.0.2.7/onvif/device_service")), camera.xaddrs(),
                "only http(s) device service addresses are kept");
        assertEquals(10, camera.metadataVersion());
        assertTrue(Probe.forCameras().matches(camera));
    }

    @Test
    void probesMatchByTypesAndRfc3986Scopes() {
        assertTrue(Probe.forCameras().matches(CAMERA));
        assertTrue(new Probe("urn:uuid:1", List.of(), List.of(), null).matches(CAMERA), "an empty probe matches any device");
        assertFalse(Probe.forTypes(new QName("http://example.com/other", "Printer", "p")).matches(CAMERA));
        assertFalse(Probe.forTypes(new QName("", "NetworkVideoTransmitter")).matches(CAMERA), "the namespace counts");
        // the examples of ONVIF Core, "Scopes"
        assertTrue(scopes("onvif://www.onvif.org").matches(CAMERA));
        assertTrue(scopes("onvif://www.onvif.org/location/country/china").matches(CAMERA));
        assertTrue(scopes("ONVIF://WWW.onvif.org/location/country").matches(CAMERA), "scheme and authority ignore case");
        assertFalse(scopes("onvif://www.onvif.org/hardware/D1").matches(CAMERA), "segments compare whole");
        assertFalse(scopes("onvif://www.onvif.org/Location/country").matches(CAMERA), "paths compare with case");
        assertFalse(scopes("onvif://www.onvif.org/location/../name").matches(CAMERA));
        assertTrue(scopes("onvif://www.onvif.org/name/Lobby%20camera", "onvif://www.onvif.org/type").matches(CAMERA));
        assertFalse(scopes("onvif://www.onvif.org/name/Lobby%20camera", "onvif://www.onvif.org/name/Other").matches(CAMERA));
        assertTrue(new Probe("urn:uuid:2", List.of(), List.of("onvif://www.onvif.org/hardware/D1-566"),
                WsDiscovery.MATCH_BY_STRCMP0).matches(CAMERA));
        assertFalse(new Probe("urn:uuid:3", List.of(), List.of("onvif://www.onvif.org/hardware"),
                WsDiscovery.MATCH_BY_STRCMP0).matches(CAMERA));
        assertFalse(new Probe("urn:uuid:4", List.of(), List.of("onvif://www.onvif.org"), "urn:unknown-rule").matches(CAMERA),
                "a rule nobody knows matches nothing, so it is not answered");
    }

    @Test
    void scopeMatchingRuleSurvivesTheWire() throws Exception {
        Probe probe = new Probe("urn:uuid:5", List.of(WsDiscovery.DEVICE), List.of("onvif://www.onvif.org/hardware/D1-566"),
                WsDiscovery.MATCH_BY_STRCMP0);
        assertEquals(probe, reader.read(probe.toBytes()));
    }

    private static Probe scopes(String... scopes) {
        return new Probe("urn:uuid:s", List.of(), List.of(scopes), null);
    }

    @Test
    void hostileAndMalformedDatagramsAreRefusedWithAnXmlException() {
        for (byte[] datagram : HostileDatagrams.all()) {
            assertThrows(XmlException.class, () -> reader.read(datagram),
                    () -> "accepted: " + new String(datagram, 0, Math.min(200, datagram.length), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aDatagramLargerThanUdpCanCarryIsRefusedBeforeParsing() {
        byte[] huge = new byte[WsDiscovery.MAX_DATAGRAM_BYTES + 1];
        assertThrows(XmlException.class, () -> reader.read(huge, 0, huge.length));
    }
}
