package io.vigil.launcher;

import io.vigil.onvif.discovery.AppSequence;
import io.vigil.onvif.discovery.Bye;
import io.vigil.onvif.discovery.WsDiscovery;
import java.net.DatagramPacket;
import java.net.InetAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.util.UUID;

/**
 * Run by a test inside the container's network namespace ({@code nsenter -n}): multicasts on
 * loopback a WS-Discovery Bye naming {@code args[0]} (an endpoint reference) as anyone on a
 * camera network could, with an AppSequence later than any real one, then prints {@code SENT}.
 */
public final class ByeSender {

    private ByeSender() {
    }

    public static void main(String[] args) throws Exception {
        byte[] bye = new Bye("urn:uuid:" + UUID.randomUUID(), new AppSequence(Long.MAX_VALUE, 1), args[0]).toBytes();
        try (MulticastSocket socket = new MulticastSocket(0)) {
            socket.setNetworkInterface(NetworkInterface.getByInetAddress(InetAddress.getLoopbackAddress()));
            socket.send(new DatagramPacket(bye, bye.length, WsDiscovery.multicastGroup()));
        }
        System.out.println("SENT");
    }
}
