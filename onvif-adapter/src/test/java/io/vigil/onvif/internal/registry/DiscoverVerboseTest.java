package io.vigil.onvif.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.admin.AdminCommand;
import io.vigil.api.camera.Camera;
import io.vigil.api.camera.CameraRegistry;
import io.vigil.onvif.discovery.DiscoveryMessageReader;
import io.vigil.onvif.discovery.Probe;
import io.vigil.onvif.discovery.WsDiscovery;
import io.vigil.onvif.testing.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code vigil cameras discover --target ... --verbose/--json} against a virtual camera on
 * 127.0.0.1 that answers with a bare ProbeMatch, after an unreadable datagram: the camera is
 * found, and the replies say which was refused and which bent the protocol.
 */
@Timeout(15)
class DiscoverVerboseTest {

    private static final String CAMERA = "urn:uuid:5a1e0000-0000-4000-8000-00000000ba2e";

    private final CameraRegistry noCameras = new CameraRegistry() {
        @Override
        public List<Camera> cameras() {
            return List.of();
        }

        @Override
        public Optional<Camera> camera(String id) {
            return Optional.empty();
        }
    };
    private final CameraDiscovery discovery = new CameraDiscovery(noCameras, List::of, null);

    @Test
    void jsonCarriesTheDeviceAndEveryReplyWithItsVerdict() throws Exception {
        Map<String, Object> result = Json.object(Json.parse(discover("--json")));

        List<Object> devices = Json.array(result.get("devices"));
        assertEquals(1, devices.size());
        Map<String, Object> device = Json.object(devices.get(0));
        assertEquals(CAMERA, device.get("endpointReference"));
        assertEquals("Virtual camera", device.get("name"));
        assertEquals("new", device.get("status"));
        List<String> verdicts = Json.array(result.get("replies")).stream().map(r -> (String) Json.object(r).get("verdict")).toList();
        assertEquals(List.of("refused", "accepted-non-conformant"), verdicts);
    }

    @Test
    void verboseListsTheRefusedReply() throws Exception {
        String text = discover("--verbose");
        assertTrue(text.lines().anyMatch(l -> l.startsWith("Virtual camera")), text);
        assertTrue(text.lines().anyMatch(l -> l.contains("refused")), text);
        assertTrue(text.lines().anyMatch(l -> l.contains("accepted-non-conformant")), text);
    }

    private String discover(String option) throws Exception {
        try (DatagramSocket device = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            CompletableFuture<Void> answering = CompletableFuture.runAsync(() -> answer(device));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exit = discovery.run(DiscoverRequest.parse(List.of("--target", "127.0.0.1:" + device.getLocalPort(),
                    "--wait", "1", option)), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            answering.get(5, TimeUnit.SECONDS);
            assertEquals(AdminCommand.OK, exit, err.toString(StandardCharsets.UTF_8));
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    private static void answer(DatagramSocket device) {
        try {
            byte[] buffer = new byte[WsDiscovery.MAX_DATAGRAM_BYTES];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            device.receive(packet);
            Probe probe = (Probe) new DiscoveryMessageReader().read(packet.getData(), packet.getOffset(), packet.getLength());
            SocketAddress prober = packet.getSocketAddress();
            send(device, prober, "<not-soap/>");
            send(device, prober, """
                    <SOAP-ENV:Envelope xmlns:SOAP-ENV="http://www.w3.org/2003/05/soap-envelope"
                        xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/08/addressing"
                        xmlns:d="http://schemas.xmlsoap.org/ws/2005/04/discovery"
                        xmlns:dn="http://www.onvif.org/ver10/network/wsdl">
                      <SOAP-ENV:Header>
                        <wsa:MessageID>urn:uuid:7e57d00d-0000-4000-8000-000000000001</wsa:MessageID>
                        <wsa:RelatesTo>%s</wsa:RelatesTo>
                        <wsa:Action>http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatch</wsa:Action>
                      </SOAP-ENV:Header>
                      <SOAP-ENV:Body><d:ProbeMatch>
                        <wsa:EndpointReference><wsa:Address>%s</wsa:Address></wsa:EndpointReference>
                        <d:Types>dn:NetworkVideoTransmitter</d:Types>
                        <d:Scopes>onvif://www.onvif.org/name/Virtual%%20camera</d:Scopes>
                        <d:XAddrs>http://127.0.0.1:8899/onvif/device_service</d:XAddrs>
                        <d:MetadataVersion>1</d:MetadataVersion>
                      </d:ProbeMatch></SOAP-ENV:Body>
                    </SOAP-ENV:Envelope>""".formatted(probe.messageId(), CAMERA));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(DatagramSocket socket, SocketAddress to, String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }
}
