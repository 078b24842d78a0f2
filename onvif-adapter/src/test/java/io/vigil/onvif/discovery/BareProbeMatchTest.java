package io.vigil.onvif.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.onvif.xml.XmlException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A virtual camera seen in the field answers probes with Action {@code .../ProbeMatch} and a bare
 * {@code d:ProbeMatch} as the SOAP Body, without the {@code d:ProbeMatches} wrapper. Vigil reads
 * that unambiguous form (and says it is not WS-Discovery), and reports which replies it refused
 * and why, over real UDP on 127.0.0.1.
 */
@Timeout(10)
class BareProbeMatchTest {

    private static final Duration WAIT = Duration.ofMillis(700);
    private static final String CAMERA = "urn:uuid:5a1e0000-0000-4000-8000-00000000ba2e";

    /** The virtual camera's reply as it sends it (prefixes and layout its own). */
    static String bareProbeMatch(String relatesTo, String action, String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope"
                    xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing"
                    xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"
                    xmlns:dn="http://www.onvif.org/ver10/network/wsdl">
                  <SOAP-ENV:Header>
                    <wsa:MessageID>urn:uuid:7e57d00d-0000-4000-8000-000000000001</wsa:MessageID>
                    <wsa:RelatesTo>%s</wsa:RelatesTo>
                    <wsa:To>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</wsa:To>
                    <wsa:Action>%s</wsa:Action>
                  </SOAP-ENV:Header>
                  <SOAP-ENV:Body>%s</SOAP-ENV:Body>
                </SOAP-ENV:Envelope>
                """.formatted(relatesTo, action, body);
    }

    static String probeMatchElement() {
        return """
                <d:ProbeMatch>
                  <wsa:EndpointReference><wsa:Address>%s</wsa:Address></wsa:EndpointReference>
                  <d:Types>dn:NetworkVideoTransmitter</d:Types>
                  <d:Scopes>onvif://www.onvif.org/name/Virtual%%20camera onvif://www.onvif.org/type/video_encoder</d:Scopes>
                  <d:XAddrs>http://127.0.0.1:8899/onvif/device_service</d:XAddrs>
                  <d:MetadataVersion>1</d:MetadataVersion>
                </d:ProbeMatch>""".formatted(CAMERA);
    }

    private final DiscoveryMessageReader reader = new DiscoveryMessageReader();

    @Test
    void aBareProbeMatchIsReadAsTheOneDeviceItDescribesAndMarkedNonConformant() throws Exception {
        byte[] datagram = bareProbeMatch("urn:uuid:p1", WsDiscovery.D + "/ProbeMatch", probeMatchElement())
                .getBytes(StandardCharsets.UTF_8);

        ProbeMatches read = (ProbeMatches) reader.read(datagram);

        assertEquals("urn:uuid:p1", read.relatesTo());
        assertEquals(List.of(CAMERA), read.matches().stream().map(TargetService::endpointReference).toList());
        assertEquals(List.of(URI.create("http://127.0.0.1:8899/onvif/device_service")), read.matches().get(0).xaddrs());
        assertTrue(read.deviation().isPresent());
        assertEquals(Optional.empty(), new ProbeMatches("urn:uuid:m", "urn:uuid:p1", new AppSequence(1, 1),
                read.matches()).deviation(), "what Vigil writes is conformant");
        assertEquals(Optional.empty(), ((ProbeMatches) reader.read(new ProbeMatches("urn:uuid:m", "urn:uuid:p1",
                new AppSequence(1, 1), read.matches()).toBytes())).deviation());
    }

    @Test
    void whatIsNotUnambiguousIsStillRefused() {
        String probeMatch = WsDiscovery.D + "/ProbeMatch";
        // no RelatesTo: it cannot be tied to a probe
        assertThrows(XmlException.class, () -> reader.read(bareProbeMatch("", probeMatch, probeMatchElement())
                .getBytes(StandardCharsets.UTF_8)));
        // two bare matches side by side: a Body holds one element
        assertThrows(XmlException.class, () -> reader.read(bareProbeMatch("urn:uuid:p1", probeMatch,
                probeMatchElement() + probeMatchElement()).getBytes(StandardCharsets.UTF_8)));
        // something else under that Action
        assertThrows(XmlException.class, () -> reader.read(bareProbeMatch("urn:uuid:p1", probeMatch,
                "<d:Hello/>").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aDirectedProbeFindsTheVirtualCamera() throws Exception {
        try (DatagramSocket device = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            CompletableFuture<Void> answering = CompletableFuture.runAsync(() -> answer(device, false));
            List<DiscoveredDevice> found = new WsDiscoveryClient(DiscoveryClientOptions.on(InetAddress.getLoopbackAddress()))
                    .probeDirected((InetSocketAddress) device.getLocalSocketAddress(), WAIT);
            answering.get(5, TimeUnit.SECONDS);
            assertEquals(List.of(CAMERA), found.stream().map(DiscoveredDevice::endpointReference).toList());
        }
    }

    @Test
    void theReportSaysWhichRepliesWereRefusedAndWhichBentTheProtocol() throws Exception {
        try (DatagramSocket device = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            CompletableFuture<Void> answering = CompletableFuture.runAsync(() -> answer(device, true));
            InetSocketAddress target = (InetSocketAddress) device.getLocalSocketAddress();
            ProbeReport report = new WsDiscoveryClient(DiscoveryClientOptions.on(InetAddress.getLoopbackAddress()))
                    .probeDirectedReport(List.of(target), Probe.forCameras(), WAIT);
            answering.get(5, TimeUnit.SECONDS);

            assertEquals(List.of(CAMERA), report.devices().stream().map(DiscoveredDevice::endpointReference).toList());
            assertEquals(List.of(ProbeReply.Verdict.REFUSED, ProbeReply.Verdict.REFUSED,
                    ProbeReply.Verdict.ACCEPTED_NON_CONFORMANT), report.replies().stream().map(ProbeReply::verdict).toList());
            report.replies().forEach(reply -> assertEquals(target, reply.from()));
            assertEquals(2, report.refused().size());
            assertEquals(0, report.unlisted());
        }
    }

    /** The virtual camera: with {@code noise}, first something unreadable and another probe's answer. */
    private void answer(DatagramSocket device, boolean noise) {
        try {
            byte[] buffer = new byte[WsDiscovery.MAX_DATAGRAM_BYTES];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            device.receive(packet);
            Probe probe = (Probe) reader.read(packet.getData(), packet.getOffset(), packet.getLength());
            SocketAddress prober = packet.getSocketAddress();
            if (noise) {
                send(device, prober, "<not-soap/>");
                send(device, prober, bareProbeMatch("urn:uuid:another-probe", WsDiscovery.D + "/ProbeMatch", probeMatchElement()));
            }
            send(device, prober, bareProbeMatch(probe.messageId(), WsDiscovery.D + "/ProbeMatch", probeMatchElement()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(DatagramSocket socket, SocketAddress to, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }
}
