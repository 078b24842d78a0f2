package io.vigil.onvif.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The client's directed probe over real UDP on 127.0.0.1 against a device that answers the way
 * real networks do: noise, answers to other probes, repeats, and a stranger answering too.
 */
@Timeout(10)
class WsDiscoveryClientTest {

    private static final Duration WAIT = Duration.ofMillis(700);
    private final WsDiscoveryClient client = new WsDiscoveryClient(DiscoveryClientOptions.on(InetAddress.getLoopbackAddress()));

    private static TargetService camera(String id, int version) {
        return new TargetService("urn:uuid:" + id, List.of(WsDiscovery.NETWORK_VIDEO_TRANSMITTER, WsDiscovery.DEVICE),
                List.of("onvif://www.onvif.org/name/" + id), List.of(URI.create("http://127.0.0.1:1/" + id)), version);
    }

    @Test
    void directedProbeCollectsTheAnswersToItOnceEachFromTheProbedHost() throws Exception {
        try (DatagramSocket device = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                // another loopback address: a host the probe did not go to
                DatagramSocket stranger = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0))) {
            CompletableFuture<Void> answering = CompletableFuture.runAsync(() -> answer(device, stranger));
            List<DiscoveredDevice> found = client.probeDirected((InetSocketAddress) device.getLocalSocketAddress(), WAIT);
            answering.get(5, TimeUnit.SECONDS);
            assertEquals(List.of("urn:uuid:a", "urn:uuid:b"), found.stream().map(DiscoveredDevice::endpointReference).toList());
            DiscoveredDevice a = found.get(0);
            assertEquals(List.of(URI.create("http://127.0.0.1:1/a")), a.xaddrs());
            assertEquals(List.of("onvif://www.onvif.org/name/a"), a.scopes(), "the later MetadataVersion wins");
            assertTrue(a.types().contains("{http://www.onvif.org/ver10/network/wsdl}NetworkVideoTransmitter"), a.types()::toString);
        }
    }

    /** What the fake device sends in answer to the one probe it receives. */
    private static void answer(DatagramSocket device, DatagramSocket stranger) {
        try {
            byte[] buffer = new byte[WsDiscovery.MAX_DATAGRAM_BYTES];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            device.receive(packet);
            Probe probe = (Probe) new DiscoveryMessageReader().read(packet.getData(), packet.getOffset(), packet.getLength());
            SocketAddress prober = packet.getSocketAddress();
            AppSequence sequence = new AppSequence(1, 1);
            send(device, prober, "not xml at all".getBytes());
            send(device, prober, new ProbeMatches("urn:uuid:m0", "urn:uuid:another-probe", sequence, List.of(camera("x", 1))).toBytes());
            send(stranger, prober, new ProbeMatches("urn:uuid:m1", probe.messageId(), sequence, List.of(camera("spoof", 1))).toBytes());
            TargetService oldA = new TargetService("urn:uuid:a", camera("a", 1).types(), List.of("onvif://www.onvif.org/name/old"),
                    camera("a", 1).xaddrs(), 1);
            send(device, prober, new ProbeMatches("urn:uuid:m2", probe.messageId(), sequence, List.of(oldA)).toBytes());
            send(device, prober, new ProbeMatches("urn:uuid:m3", probe.messageId(), sequence, List.of(camera("a", 2), camera("b", 1))).toBytes());
            send(device, prober, new ProbeMatches("urn:uuid:m4", probe.messageId(), sequence, List.of(oldA)).toBytes());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void send(DatagramSocket socket, SocketAddress to, byte[] bytes) throws Exception {
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    @Test
    void directedProbeWithNobodyThereReturnsNothingWhenTheWaitEnds() throws Exception {
        int freePort;
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            freePort = probe.getLocalPort();
        }
        long start = System.nanoTime();
        assertEquals(List.of(), client.probeDirected(new InetSocketAddress(InetAddress.getLoopbackAddress(), freePort), WAIT));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(3)) < 0);
    }

    @Test
    void directedProbeRefusesAMulticastTarget() {
        assertThrows(IllegalArgumentException.class, () -> client.probeDirected(WsDiscovery.multicastGroup(), WAIT));
    }
}
