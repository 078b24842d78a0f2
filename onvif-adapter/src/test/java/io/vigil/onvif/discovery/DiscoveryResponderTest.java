package io.vigil.onvif.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.onvif.soap.WsAddressing;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import javax.xml.namespace.QName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The WS-Discovery target service of Vigil's device and of the camera simulator, probed directly on
 * loopback (no multicast here; the simulator's tests cover it inside a network namespace).
 */
@Timeout(30)
class DiscoveryResponderTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final List<String> SCOPES = List.of("onvif://www.onvif.org/type/video_analytics",
            "onvif://www.onvif.org/name/Vigil", "onvif://www.onvif.org/location/Main%20hall");
    private static final URI XADDR = URI.create("http://127.0.0.1:8480/onvif/device_service");

    private static DiscoveryResponder started() throws Exception {
        DiscoveryResponder discovery = new DiscoveryResponder(DiscoveryResponder.Options.directed(LOOPBACK, 0, "test-discovery"),
                new TargetService("urn:uuid:6a4c2c1e-0000-4000-8000-00000000d1ce", DiscoveryResponder.CAMERA_TYPES, SCOPES,
                        List.of(XADDR), 1));
        discovery.start();
        return discovery;
    }

    private static List<DiscoveredDevice> probe(DiscoveryResponder discovery, Probe probe) throws Exception {
        return new WsDiscoveryClient(DiscoveryClientOptions.on(LOOPBACK)).probeDirected(discovery.unicastAddress(), probe,
                Duration.ofMillis(700));
    }

    @Test
    void aDirectedProbeForCamerasOrDevicesOrVigilsScopesFindsVigil() throws Exception {
        try (DiscoveryResponder discovery = started()) {
            for (Probe probe : List.of(Probe.forCameras(), Probe.forTypes(WsDiscovery.DEVICE), Probe.forTypes(),
                    new Probe(WsAddressing.newMessageId(), List.of(WsDiscovery.NETWORK_VIDEO_TRANSMITTER),
                            List.of("onvif://www.onvif.org/name/Vigil"), null))) {
                List<DiscoveredDevice> found = probe(discovery, probe);
                assertEquals(1, found.size(), probe + " -> " + found);
                DiscoveredDevice vigil = found.get(0);
                assertEquals("urn:uuid:6a4c2c1e-0000-4000-8000-00000000d1ce", vigil.endpointReference());
                assertEquals(List.of(XADDR), vigil.xaddrs());
                assertEquals(SCOPES, vigil.scopes());
                assertTrue(vigil.types().toString().contains("NetworkVideoTransmitter") && vigil.types().toString().contains("Device"),
                        vigil.types().toString());
            }
            assertEquals(4, discovery.answeredProbes());
        }
    }

    @Test
    void probesForOtherTypesOrScopesAndUnreadableDatagramsGetNoAnswer() throws Exception {
        try (DiscoveryResponder discovery = started()) {
            assertTrue(probe(discovery, Probe.forTypes(new QName(WsDiscovery.DN, "NetworkVideoDisplay", "dn"))).isEmpty());
            assertTrue(probe(discovery, new Probe(WsAddressing.newMessageId(), List.of(),
                    List.of("onvif://www.onvif.org/location/Car%20park"), null)).isEmpty());
            try (DatagramSocket socket = new DatagramSocket(0, LOOPBACK)) {
                byte[] junk = "<not-soap".getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(junk, junk.length, discovery.unicastAddress()));
                byte[] entity = ("<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><e>&x;</e>")
                        .getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(entity, entity.length, discovery.unicastAddress()));
                socket.setSoTimeout(700);
                try {
                    socket.receive(new DatagramPacket(new byte[2048], 2048));
                    throw new AssertionError("an unreadable datagram was answered");
                } catch (java.net.SocketTimeoutException expected) {
                    // silence, as ONVIF Core advises
                }
            }
            assertEquals(2, discovery.droppedDatagrams());
            assertEquals(0, discovery.answeredProbes());
        }
    }

    @Test
    void withoutMulticastItNeverSendsToTheGroupAndStopFreesThePort() throws Exception {
        DiscoveryResponder discovery = started();
        int port = discovery.unicastAddress().getPort();
        discovery.stop();
        assertTrue(!discovery.running());
        try (DatagramSocket again = new DatagramSocket(port, LOOPBACK)) {
            assertEquals(port, again.getLocalPort());
        }
    }

    @Test
    void probesFromOneSourceAreAnsweredAtABoundedRateAndOtherSourcesStillGetAnswers() throws Exception {
        DiscoveryResponder discovery = new DiscoveryResponder(DiscoveryResponder.Options.directed(LOOPBACK, 0, "test-discovery")
                .withProbeRate(new DiscoveryResponder.ProbeRate(5, 2.0)),
                new TargetService("urn:uuid:6a4c2c1e-0000-4000-8000-00000000d1ce", DiscoveryResponder.CAMERA_TYPES, SCOPES,
                        List.of(XADDR), 1));
        discovery.start();
        try (discovery; DatagramSocket flood = new DatagramSocket(0, LOOPBACK);
                DatagramSocket other = new DatagramSocket(0, InetAddress.getByName("127.0.0.2"))) {
            for (int i = 0; i < 40; i++) {
                byte[] bytes = Probe.forCameras().toBytes();
                flood.send(new DatagramPacket(bytes, bytes.length, discovery.unicastAddress()));
            }
            int answers = 0;
            flood.setSoTimeout(700);
            try {
                while (true) {
                    flood.receive(new DatagramPacket(new byte[8192], 8192));
                    answers++;
                }
            } catch (java.net.SocketTimeoutException done) {
                // no more answers
            }
            System.out.println("40 probes from one address at once: " + answers + " answered");
            assertTrue(answers >= 5 && answers <= 7, answers + " answers (burst 5, then 2 a second)");
            assertTrue(discovery.rateLimitedProbes() >= 33, discovery.rateLimitedProbes() + " limited");
            byte[] bytes = Probe.forCameras().toBytes();
            other.send(new DatagramPacket(bytes, bytes.length, discovery.unicastAddress()));
            other.setSoTimeout(2_000);
            other.receive(new DatagramPacket(new byte[8192], 8192)); // answered: another source has its own bucket
        }
    }
}
