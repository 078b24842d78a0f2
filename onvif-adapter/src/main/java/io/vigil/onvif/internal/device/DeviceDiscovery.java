package io.vigil.onvif.internal.device;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Vigil's own WS-Discovery target service, so that a VMS finds it as it finds a camera: answers
 * Probes that ask for {@code dn:NetworkVideoTransmitter}, {@code tds:Device} (or any type) and
 * scopes Vigil has, with a ProbeMatch carrying its device service address. Directed probes on a
 * UDP port of a configured address (loopback by default); only when {@link Options#multicast()}
 * also on the multicast group of one interface, where it says Hello when it starts and Bye when it
 * stops. Joining the group makes the kernel send IGMP off the machine, hence opt-in.
 *
 * <p>A datagram it cannot read is dropped and counted, never answered (ONVIF Core, "SOAP Fault
 * Messages": silence, so that many devices do not all answer one bad packet). The same approach
 * as the camera simulator's responder, with Vigil's types, scopes and addresses.
 *
 * <p>Probes are answered at a bounded rate per source address ({@link ProbeRateLimit}); the
 * others are dropped and counted.
 */
final class DeviceDiscovery implements AutoCloseable {

    /**
     * @param address   where directed probes are received (127.0.0.1 by default)
     * @param port      UDP port for directed probes; 0 for any free one
     * @param multicast whether to join 239.255.255.250:3702 and send Hello and Bye there
     * @param iface     the interface for multicast; null: the one holding {@code address}
     * @param probeBurst     probes from one source address answered at once
     * @param probesPerSecond then how many a second
     */
    record Options(InetAddress address, int port, boolean multicast, NetworkInterface iface, int probeBurst,
            double probesPerSecond) {

        /** Ten probes at once per source address, then one a second. */
        Options(InetAddress address, int port, boolean multicast, NetworkInterface iface) {
            this(address, port, multicast, iface, 10, 1.0);
        }

        Options {
            Objects.requireNonNull(address, "address");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a UDP port: " + port);
            }
        }
    }

    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final Options options;
    private final TargetService target;
    private final DiscoveryMessageReader reader = new DiscoveryMessageReader();
    private final AtomicLong messageNumber = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong limited = new AtomicLong();
    private final ProbeRateLimit rate;
    private final List<Thread> threads = new ArrayList<>();
    private long instanceId;
    private MulticastSocket unicast;
    private MulticastSocket group;

    DeviceDiscovery(Options options, TargetService target) {
        this.options = options;
        this.target = target;
        this.rate = new ProbeRateLimit(options.probeBurst(), options.probesPerSecond(), java.time.Clock.systemUTC());
    }

    static List<javax.xml.namespace.QName> types() {
        return List.of(WsDiscovery.NETWORK_VIDEO_TRANSMITTER, WsDiscovery.DEVICE);
    }

    /** Binds its sockets, starts answering and, with multicast, says Hello. */
    synchronized void start() throws IOException {
        if (unicast != null) {
            throw new IllegalStateException("already answering on " + unicastAddress());
        }
        instanceId = Instant.now().getEpochSecond();
        try {
            unicast = new MulticastSocket(null);
            // shares the port with a listener for Hello and Bye on 0.0.0.0:3702 (the camera side):
            // a datagram to this address still reaches only the socket bound to it
            unicast.setReuseAddress(true);
            unicast.bind(new InetSocketAddress(options.address(), options.port()));
            if (options.multicast()) {
                NetworkInterface iface = options.iface() != null ? options.iface()
                        : NetworkInterface.getByInetAddress(options.address());
                if (iface == null) {
                    throw new IOException("no network interface holds " + options.address().getHostAddress()
                            + " for multicast: name one (discovery.interface)");
                }
                unicast.setNetworkInterface(iface);
                unicast.setTimeToLive(1);
                group = new MulticastSocket(null);
                group.setReuseAddress(true);
                group.bind(WsDiscovery.multicastGroup());
                group.joinGroup(WsDiscovery.multicastGroup(), iface);
                serve(group, "group");
            }
            serve(unicast, "unicast");
            if (options.multicast()) {
                send(new Hello(WsAddressing.newMessageId(), nextSequence(), target), WsDiscovery.multicastGroup());
            }
        } catch (IOException | RuntimeException e) {
            closeSockets();
            throw e;
        }
    }

    synchronized InetSocketAddress unicastAddress() {
        if (unicast == null) {
            throw new IllegalStateException("not answering probes");
        }
        return (InetSocketAddress) unicast.getLocalSocketAddress();
    }

    synchronized boolean running() {
        return unicast != null;
    }

    TargetService target() {
        return target;
    }

    long answeredProbes() {
        return answered.get();
    }

    long droppedDatagrams() {
        return dropped.get();
    }

    /** Probes left unanswered because their source address asked too often. */
    long rateLimitedProbes() {
        return limited.get();
    }

    /** Says Bye (with multicast), stops answering and frees its ports. */
    synchronized void stop() {
        if (unicast == null) {
            return;
        }
        if (options.multicast()) {
            try {
                send(new Bye(WsAddressing.newMessageId(), nextSequence(), target.endpointReference()), WsDiscovery.multicastGroup());
            } catch (IOException e) {
                // leaving anyway
            }
        }
        closeSockets();
    }

    @Override
    public void close() {
        stop();
    }

    private void serve(DatagramSocket socket, String name) {
        DatagramSocket replyThrough = unicast;
        Thread thread = new Thread(() -> receive(socket, replyThrough), "vigil-onvif-device-discovery-" + name);
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
                DiscoveryMessage message = reader.read(packet.getData(), packet.getOffset(), packet.getLength());
                if (message instanceof Probe probe && probe.matches(target)) {
                    if (!rate.allow(packet.getAddress())) {
                        limited.incrementAndGet();
                        continue;
                    }
                    byte[] bytes = new ProbeMatches(WsAddressing.newMessageId(), probe.messageId(), nextSequence(), List.of(target))
                            .toBytes();
                    replyThrough.send(new DatagramPacket(bytes, bytes.length, packet.getSocketAddress()));
                    answered.incrementAndGet();
                }
                // Hello, Bye and others' ProbeMatches are not for a device to answer
            } catch (XmlException | RuntimeException e) {
                dropped.incrementAndGet();
            } catch (IOException e) {
                // the prober is gone; the next probe gets an answer
            }
        }
    }

    private void send(DiscoveryMessage message, SocketAddress to) throws IOException {
        if (!options.multicast() && to instanceof InetSocketAddress address && address.getAddress().isMulticastAddress()) {
            throw new IllegalStateException("multicast is off (discovery.multicast=false)");
        }
        byte[] bytes = message.toBytes();
        unicast.send(new DatagramPacket(bytes, bytes.length, to));
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
