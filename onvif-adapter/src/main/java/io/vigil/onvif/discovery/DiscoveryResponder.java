package io.vigil.onvif.discovery;

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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.xml.namespace.QName;

/**
 * A WS-Discovery target service, so that clients find a device as they find a camera: answers
 * Probes that ask for its types (or for any type) and its scopes with a ProbeMatch carrying its
 * addresses. Directed probes arrive on a UDP port of one address; only when
 * {@link Options#multicast()} also on the multicast group of one interface, where it says Hello
 * when it starts and Bye when it stops. Joining the group makes the kernel send IGMP off the
 * machine, hence opt-in. Vigil's ONVIF device and the camera simulator each run one.
 *
 * <p>A datagram it cannot read (including hostile XML, which the reader refuses) is dropped and
 * counted, never answered: ONVIF Core ("SOAP Fault Messages") advises silence over faults so that
 * many devices do not all answer one bad packet. Where {@link Options#probeRate()} is set, probes
 * are answered at a bounded rate per source address; the others are dropped and counted.
 */
public final class DiscoveryResponder implements AutoCloseable {

    /** The types an ONVIF camera answers probes for, and Vigil's device as one. */
    public static final List<QName> CAMERA_TYPES = List.of(WsDiscovery.NETWORK_VIDEO_TRANSMITTER, WsDiscovery.DEVICE);

    /**
     * How many probes one source address gets answered: {@code burst} at once, then
     * {@code perSecond}. A probe's source is not verified (UDP), so without a limit a spoofed flood
     * makes the device send ProbeMatches, several times larger, at whatever address it names.
     */
    public record ProbeRate(int burst, double perSecond) {

        /** Ten probes at once per source address, then one a second. */
        public static final ProbeRate DEFAULT = new ProbeRate(10, 1.0);

        public ProbeRate {
            if (burst < 1 || perSecond <= 0) {
                throw new IllegalArgumentException("a probe rate needs a burst of at least 1 and more than 0 a second");
            }
        }
    }

    /**
     * @param address    where directed probes are received
     * @param port       UDP port for directed probes; 0 for any free one
     * @param multicast  whether to join 239.255.255.250:3702 and send Hello and Bye there
     * @param iface      the interface for multicast; empty: the one holding {@code address}
     * @param probeRate  the answers each source address gets; empty: every probe is answered
     * @param threadName prefix of the names of the responder's threads
     */
    public record Options(InetAddress address, int port, boolean multicast, Optional<NetworkInterface> iface,
            Optional<ProbeRate> probeRate, String threadName) {

        public Options {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(iface, "iface");
            Objects.requireNonNull(probeRate, "probeRate");
            Objects.requireNonNull(threadName, "threadName");
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a UDP port: " + port);
            }
        }

        /** Directed probes only, on {@code address}:{@code port}, every probe answered. */
        public static Options directed(InetAddress address, int port, String threadName) {
            return new Options(address, port, false, Optional.empty(), Optional.empty(), threadName);
        }

        public Options withMulticast(boolean on, Optional<NetworkInterface> through) {
            return new Options(address, port, on, through, probeRate, threadName);
        }

        public Options withProbeRate(ProbeRate rate) {
            return new Options(address, port, multicast, iface, Optional.of(rate), threadName);
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
    private final Optional<ProbeRateLimit> rate;
    private final List<Thread> threads = new ArrayList<>();
    private long instanceId;
    private MulticastSocket unicast;
    private MulticastSocket group;

    public DiscoveryResponder(Options options, TargetService target) {
        this.options = Objects.requireNonNull(options, "options");
        this.target = Objects.requireNonNull(target, "target");
        this.rate = options.probeRate().map(r -> new ProbeRateLimit(r.burst(), r.perSecond(), Clock.systemUTC()));
    }

    /** Binds its sockets, starts answering and, with multicast, says Hello. */
    public synchronized void start() throws IOException {
        if (unicast != null) {
            throw new IllegalStateException("already answering probes on " + unicastAddress());
        }
        instanceId = Instant.now().getEpochSecond();
        try {
            // a MulticastSocket so that Hello and Bye can leave through one interface with TTL 1
            unicast = new MulticastSocket(null);
            // shares the port with a listener for Hello and Bye on 0.0.0.0:3702 (the camera side):
            // a datagram to this address still reaches only the socket bound to it
            unicast.setReuseAddress(true);
            unicast.bind(new InetSocketAddress(options.address(), options.port()));
            if (options.multicast()) {
                NetworkInterface iface = options.iface().isPresent() ? options.iface().get()
                        : NetworkInterface.getByInetAddress(options.address());
                if (iface == null) {
                    throw new IOException("no network interface holds " + options.address().getHostAddress()
                            + " for multicast: name one");
                }
                unicast.setNetworkInterface(iface);
                unicast.setTimeToLive(1);
                group = new MulticastSocket(null);
                // several devices and listeners share port 3702 on one host
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

    /** The address and port directed probes go to. */
    public synchronized InetSocketAddress unicastAddress() {
        if (unicast == null) {
            throw new IllegalStateException("not answering probes");
        }
        return (InetSocketAddress) unicast.getLocalSocketAddress();
    }

    public synchronized boolean running() {
        return unicast != null;
    }

    public TargetService target() {
        return target;
    }

    /** Probes answered since construction. */
    public long answeredProbes() {
        return answered.get();
    }

    /** Datagrams dropped as unreadable since construction. */
    public long droppedDatagrams() {
        return dropped.get();
    }

    /** Probes left unanswered because their source address asked too often. */
    public long rateLimitedProbes() {
        return limited.get();
    }

    /** Says Bye (with multicast), stops answering and frees its ports. */
    public synchronized void stop() {
        if (unicast == null) {
            return;
        }
        if (options.multicast()) {
            try {
                send(new Bye(WsAddressing.newMessageId(), nextSequence(), target.endpointReference()),
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

    private void serve(DatagramSocket socket, String name) {
        DatagramSocket replyThrough = unicast;
        Thread thread = new Thread(() -> receive(socket, replyThrough),
                options.threadName() + "-" + name + "-" + socket.getLocalPort());
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void receive(DatagramSocket socket, DatagramSocket replyThrough) {
        DatagramLoop.receive(socket, packet -> answer(packet, replyThrough));
    }

    private void answer(DatagramPacket packet, DatagramSocket replyThrough) throws IOException {
        try {
            DiscoveryMessage message = reader.read(packet.getData(), packet.getOffset(), packet.getLength());
            if (message instanceof Probe probe && probe.matches(target)) {
                if (rate.isPresent() && !rate.get().allow(packet.getAddress())) {
                    limited.incrementAndGet();
                    return;
                }
                byte[] bytes = new ProbeMatches(WsAddressing.newMessageId(), probe.messageId(), nextSequence(),
                        List.of(target)).toBytes();
                replyThrough.send(new DatagramPacket(bytes, bytes.length, packet.getSocketAddress()));
                answered.incrementAndGet();
            }
            // Hello, Bye and others' ProbeMatches are not for a device to answer
        } catch (XmlException | RuntimeException e) {
            dropped.incrementAndGet();
        }
    }

    private void send(DiscoveryMessage message, SocketAddress to) throws IOException {
        if (!options.multicast() && to instanceof InetSocketAddress address && address.getAddress().isMulticastAddress()) {
            // the one rule this class must never break: no multicast unless told it is safe
            throw new IllegalStateException("multicast is off for this discovery responder");
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
