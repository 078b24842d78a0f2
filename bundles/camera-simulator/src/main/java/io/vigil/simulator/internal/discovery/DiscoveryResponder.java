package io.vigil.simulator.internal.discovery;

import io.vigil.onvif.discovery.AppSequence;
import io.vigil.onvif.discovery.Bye;
import io.vigil.onvif.discovery.DiscoveryMessage;
import io.vigil.onvif.discovery.DiscoveryMessageReader;
import io.vigil.onvif.discovery.Hello;
import io.vigil.onvif.discovery.Probe;
import io.vigil.onvif.discovery.ProbeMatches;
import io.vigil.onvif.discovery.TargetService;
import io.vigil.onvif.discovery.WsDiscovery;
import io.vigil.onvif.soap.WsAddressing;
import io.vigil.onvif.xml.XmlException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated camera's WS-Discovery target service: answers Probes that ask for its types (or
 * for any type) and its scopes with a ProbeMatch carrying its device service address, on a UDP
 * port of 127.0.0.1 for directed probes and, only when its settings allow multicast, on the
 * multicast group, where it also says Hello when it starts and Bye when it stops.
 *
 * <p>A datagram it cannot read is dropped and counted, never answered: ONVIF Core ("SOAP Fault
 * Messages") advises silence over faults so that many devices do not all answer one bad packet.
 */
public final class DiscoveryResponder implements AutoCloseable {

    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final DiscoverySettings settings;
    private final TargetService target;
    private final DiscoveryMessageReader reader = new DiscoveryMessageReader();
    private final AtomicLong messageNumber = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private long instanceId;
    private MulticastSocket unicast;
    private MulticastSocket group;

    /** @param deviceService the camera's device service address, its one XAddr */
    public DiscoveryResponder(DiscoverySettings settings, URI deviceService) {
        this.settings = settings;
        this.target = new TargetService(settings.endpointReference(),
                List.of(WsDiscovery.NETWORK_VIDEO_TRANSMITTER, WsDiscovery.DEVICE),
                OnvifScopes.of(settings), List.of(deviceService), 1);
    }

    /** Binds its sockets, starts answering and, when multicast is allowed, says Hello. */
    public synchronized void start() throws IOException {
        if (unicast != null) {
            throw new IllegalStateException("the discovery responder is already running on " + unicastAddress());
        }
        InetAddress loopback = InetAddress.getLoopbackAddress();
        instanceId = Instant.now().getEpochSecond();
        try {
            // a MulticastSocket so that Hello and Bye can leave through lo with TTL 1; it is
            // bound to 127.0.0.1, so directed probes only ever reach it from this host
            unicast = new MulticastSocket(new InetSocketAddress(loopback, settings.unicastPort()));
            if (settings.multicast()) {
                NetworkInterface lo = NetworkInterface.getByInetAddress(loopback);
                unicast.setNetworkInterface(lo);
                unicast.setTimeToLive(1);
                group = new MulticastSocket(null);
                // several cameras and listeners share port 3702 on one host
                group.setReuseAddress(true);
                group.bind(WsDiscovery.multicastGroup());
                group.joinGroup(WsDiscovery.multicastGroup(), lo);
                serve(group, unicast, "group");
            }
            serve(unicast, unicast, "unicast");
            if (settings.multicast()) {
                send(unicast, new Hello(WsAddressing.newMessageId(), nextSequence(), target), WsDiscovery.multicastGroup());
            }
        } catch (IOException | RuntimeException e) {
            closeSockets();
            throw e;
        }
    }

    /** 127.0.0.1 and the port directed probes go to. */
    public synchronized InetSocketAddress unicastAddress() {
        if (unicast == null) {
            throw new IllegalStateException("the discovery responder is not running");
        }
        return (InetSocketAddress) unicast.getLocalSocketAddress();
    }

    public String endpointReference() {
        return target.endpointReference();
    }

    /** Probes answered since construction. */
    public long answeredProbes() {
        return answered.get();
    }

    /** Datagrams dropped as unreadable since construction. */
    public long droppedDatagrams() {
        return dropped.get();
    }

    /** Says Bye (when multicast is allowed), stops answering and frees its ports. */
    public synchronized void stop() {
        if (unicast == null) {
            return;
        }
        if (settings.multicast()) {
            try {
                send(unicast, new Bye(WsAddressing.newMessageId(), nextSequence(), target.endpointReference()),
                        WsDiscovery.multicastGroup());
            } catch (IOException e) {
                // leaving anyway; listeners will notice the device is gone some other way
            }
        }
        closeSockets();
    }

    @Override
    public void close() {
        stop();
    }

    /** Reads {@code socket} on a new thread, answering through {@code replyThrough}. */
    private void serve(DatagramSocket socket, DatagramSocket replyThrough, String name) {
        Thread thread = new Thread(() -> receive(socket, replyThrough), "simulated-camera-discovery-" + name + "-" + socket.getLocalPort());
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void receive(DatagramSocket socket, DatagramSocket replyThrough) {
        byte[] buffer = new byte[WsDiscovery.MAX_DATAGRAM_BYTES];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return; // closed
            }
            try {
                answer(reader.read(packet.getData(), packet.getOffset(), packet.getLength()), packet.getSocketAddress(),
                        replyThrough);
            } catch (XmlException | RuntimeException e) {
                dropped.incrementAndGet();
            } catch (IOException e) {
                // the answer could not be sent (the prober is gone); the next probe gets one
            }
        }
    }

    private void answer(DiscoveryMessage message, SocketAddress sender, DatagramSocket replyThrough) throws IOException {
        if (message instanceof Probe probe && probe.matches(target)) {
            send(replyThrough, new ProbeMatches(WsAddressing.newMessageId(), probe.messageId(), nextSequence(), List.of(target)), sender);
            answered.incrementAndGet();
        }
        // Hello, Bye and ProbeMatches of others on the group are not for a device to answer
    }

    private void send(DatagramSocket through, DiscoveryMessage message, SocketAddress to) throws IOException {
        if (!settings.multicast() && to instanceof InetSocketAddress address && address.getAddress().isMulticastAddress()) {
            // the one rule this class must never break: no multicast unless told it is safe
            throw new IllegalStateException("multicast is not allowed for this responder");
        }
        byte[] bytes = message.toBytes();
        through.send(new DatagramPacket(bytes, bytes.length, to));
    }

    private AppSequence nextSequence() {
        return new AppSequence(instanceId, messageNumber.incrementAndGet());
    }

    private void closeSockets() {
        if (group != null) {
            group.close();
        }
        if (unicast != null) {
            unicast.close();
        }
        for (Thread thread : threads) {
            try {
                thread.join(CLOSE_WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
        group = null;
        unicast = null;
    }
}
