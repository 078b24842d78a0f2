package io.vigil.simulator.internal.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.onvif.discovery.DiscoveryResponder;
import io.vigil.onvif.discovery.DiscoveredDevice;
import io.vigil.onvif.discovery.DiscoveryClientOptions;
import io.vigil.onvif.discovery.Probe;
import io.vigil.onvif.discovery.WsDiscovery;
import io.vigil.onvif.discovery.WsDiscoveryClient;
import io.vigil.onvif.security.Credentials;
import io.vigil.simulator.internal.SimulatedCamera;
import io.vigil.simulator.internal.SimulatedCameraSettings;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A simulated camera's discovery responder found by Vigil's client with directed probes over
 * unicast on 127.0.0.1: no multicast, so no network namespace is needed.
 */
@Timeout(15)
class DiscoveryResponderTest {

    private static final Duration WAIT = Duration.ofMillis(500);
    private final WsDiscoveryClient client = new WsDiscoveryClient(DiscoveryClientOptions.on(InetAddress.getLoopbackAddress()));
    private SimulatedCamera camera;

    static SimulatedCamera camera(DiscoverySettings discovery) {
        return new SimulatedCamera(SimulatedCameraSettings.of(new Credentials("operator", "secret".toCharArray()),
                URI.create("rtsp://127.0.0.1:8554/simulated")), discovery);
    }

    private DiscoveryResponder start(String name) throws Exception {
        camera = camera(DiscoverySettings.unicastOnly(name));
        camera.start();
        return camera.discoveryResponder().orElseThrow();
    }

    @AfterEach
    void stop() {
        if (camera != null) {
            camera.close();
        }
    }

    @Test
    void aDirectedProbeFindsTheCameraWithItsDeviceServiceAndScopes() throws Exception {
        DiscoveryResponder responder = start("Lobby camera");
        List<DiscoveredDevice> found = client.probeDirected(responder.unicastAddress(), WAIT);
        assertEquals(1, found.size(), found::toString);
        DiscoveredDevice device = found.get(0);
        assertEquals(responder.target().endpointReference(), device.endpointReference());
        assertTrue(device.endpointReference().startsWith("urn:uuid:"));
        assertEquals(List.of(camera.deviceService()), device.xaddrs());
        assertTrue(device.scopes().containsAll(List.of("onvif://www.onvif.org/type/video_encoder",
                "onvif://www.onvif.org/name/Lobby%20camera", "onvif://www.onvif.org/hardware/Vigil-SIM",
                "onvif://www.onvif.org/location/simulator")), device.scopes()::toString);
        assertEquals(List.of(WsDiscovery.NETWORK_VIDEO_TRANSMITTER.toString(), WsDiscovery.DEVICE.toString()), device.types());
    }

    @Test
    void aProbeWithoutTypesIsAnsweredAndOneForAnotherTypeOrScopeIsNot() throws Exception {
        DiscoveryResponder responder = start("Gate");
        InetSocketAddress target = responder.unicastAddress();
        assertEquals(1, client.probeDirected(target, new Probe("urn:uuid:any", List.of(), List.of(), null), WAIT).size());
        assertEquals(List.of(), client.probeDirected(target,
                Probe.forTypes(new QName("http://www.onvif.org/ver10/network/wsdl", "Printer", "dn")), WAIT));
        assertEquals(List.of(), client.probeDirected(target,
                new Probe("urn:uuid:s", List.of(), List.of("onvif://www.onvif.org/name/Lobby"), null), WAIT));
        assertEquals(1, client.probeDirected(target,
                new Probe("urn:uuid:n", List.of(WsDiscovery.DEVICE), List.of("onvif://www.onvif.org/name/Gate"), null), WAIT).size());
        assertEquals(2, responder.answeredProbes());
    }

    @Test
    void aProbeOfAnAddressRangeFindsTheCameraAmongAddressesWhereNothingAnswers() throws Exception {
        DiscoveryResponder responder = start("Yard");
        int port = responder.unicastAddress().getPort();
        // 127.0.0.2 and .3 are loopback too, but nothing listens there
        List<java.net.InetSocketAddress> range = List.of(new java.net.InetSocketAddress("127.0.0.2", port),
                responder.unicastAddress(), new java.net.InetSocketAddress("127.0.0.3", port));
        List<DiscoveredDevice> found = client.probeDirected(range, Probe.forCameras(), WAIT);
        assertEquals(1, found.size(), found.toString());
        assertEquals(responder.target().endpointReference(), found.get(0).endpointReference());
    }

    @Test
    void malformedAndHostileDatagramsAreDroppedAndTheResponderKeepsAnswering() throws Exception {
        DiscoveryResponder responder = start("Hall");
        List<byte[]> hostile = hostileDatagrams();
        try (DatagramSocket attacker = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            for (byte[] datagram : hostile) {
                attacker.send(new DatagramPacket(datagram, datagram.length, responder.unicastAddress()));
            }
            // nothing comes back to the sender of junk: no faults, no echoes
            attacker.setSoTimeout(300);
            DatagramPacket reply = new DatagramPacket(new byte[WsDiscovery.MAX_DATAGRAM_BYTES], WsDiscovery.MAX_DATAGRAM_BYTES);
            assertTrue(receivesNothing(attacker, reply), "the responder answered junk");
        }
        List<DiscoveredDevice> found = client.probeDirected(responder.unicastAddress(), WAIT);
        assertEquals(List.of(camera.deviceService()), found.get(0).xaddrs());
        assertEquals(hostile.size(), responder.droppedDatagrams());
    }

    private static boolean receivesNothing(DatagramSocket socket, DatagramPacket packet) throws Exception {
        try {
            socket.receive(packet);
            return false;
        } catch (java.net.SocketTimeoutException e) {
            return true;
        }
    }

    /** Junk, hostile XML and messages a device must not answer. */
    static List<byte[]> hostileDatagrams() {
        String probe = new String(Probe.forCameras().toBytes(), StandardCharsets.UTF_8);
        return List.of(new byte[0], new byte[] {(byte) 0xFF, 0, 0x3C},
                utf8("<?xml version=\"1.0\"?><!DOCTYPE s [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><s>&x;</s>"),
                utf8("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><l>&b;&b;</l>"),
                utf8("<a>".repeat(200) + "</a>".repeat(200)),
                utf8(probe.substring(0, probe.length() / 2)),
                utf8(probe.replaceAll("<wsa:MessageID>[^<]*</wsa:MessageID>", "")),
                utf8(probe.replace("http://www.w3.org/2003/05/soap-envelope", "http://schemas.xmlsoap.org/soap/envelope/")),
                new byte[60_000]);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
