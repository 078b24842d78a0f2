package io.vigil.onvif.discovery;

import io.vigil.onvif.xml.SafeText;
import io.vigil.onvif.xml.XmlException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Finds ONVIF devices with WS-Discovery: a multicast Probe on the local network, a directed
 * (unicast) Probe to one address for routed networks where multicast does not reach, and a
 * listener for the Hello and Bye devices multicast when they come and go.
 *
 * <p>Each probe opens its own socket and closes it before returning, so concurrent probes never
 * see each other's answers. Datagrams that are not well-formed discovery messages, or answer
 * another probe, are dropped; the probe's {@link ProbeReport} says which and why. Thread-safe.
 */
public final class WsDiscoveryClient {

    /** Non-conformant replies that were accepted, at DEBUG: which devices bend the protocol. */
    private static final System.Logger LOG = System.getLogger(WsDiscoveryClient.class.getName());

    private final DiscoveryClientOptions options;
    private final DiscoveryMessageReader reader = new DiscoveryMessageReader();

    public WsDiscoveryClient(DiscoveryClientOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    /** {@link #probeMulticast(Probe, Duration)} for cameras ({@link Probe#forCameras()}). */
    public List<DiscoveredDevice> probeMulticast(Duration wait) throws IOException {
        return probeMulticast(Probe.forCameras(), wait);
    }

    /**
     * Sends {@code probe} to the multicast group from the configured interface and collects the
     * devices whose ProbeMatches relate to it until {@code wait} has passed.
     *
     * @return the devices found, once each (by endpoint reference), in the order they answered
     */
    public List<DiscoveredDevice> probeMulticast(Probe probe, Duration wait) throws IOException {
        return probeMulticastReport(probe, wait).devices();
    }

    /** {@link #probeMulticast(Probe, Duration)}, with every reply heard and what became of it. */
    public ProbeReport probeMulticastReport(Probe probe, Duration wait) throws IOException {
        NetworkInterface networkInterface = interfaceOf();
        // bound to the interface's address so that the probe leaves from it and answers come back to it
        MulticastSocket socket = new MulticastSocket(new InetSocketAddress(options.interfaceAddress(), 0));
        try {
            if (networkInterface != null) {
                socket.setNetworkInterface(networkInterface);
            }
            socket.setTimeToLive(options.timeToLive());
            byte[] message = probe.toBytes();
            socket.send(new DatagramPacket(message, message.length, options.group()));
            return collect(socket, probe, wait, null);
        } finally {
            socket.close();
        }
    }

    /** {@link #probeDirected(InetSocketAddress, Probe, Duration)} for cameras. */
    public List<DiscoveredDevice> probeDirected(InetSocketAddress target, Duration wait) throws IOException {
        return probeDirected(target, Probe.forCameras(), wait);
    }

    /**
     * Sends {@code probe} by unicast to {@code target} and collects the answers that come from
     * that host and relate to the probe until {@code wait} has passed.
     */
    public List<DiscoveredDevice> probeDirected(InetSocketAddress target, Probe probe, Duration wait) throws IOException {
        return probeDirected(List.of(target), probe, wait);
    }

    /**
     * Sends {@code probe} by unicast to each of {@code targets} (an address range on a routed
     * network) and collects, in one wait, the answers that come from those hosts and relate to
     * the probe.
     */
    public List<DiscoveredDevice> probeDirected(List<InetSocketAddress> targets, Probe probe, Duration wait)
            throws IOException {
        return probeDirectedReport(targets, probe, wait).devices();
    }

    /** {@link #probeDirected(List, Probe, Duration)}, with every reply heard and what became of it. */
    public ProbeReport probeDirectedReport(List<InetSocketAddress> targets, Probe probe, Duration wait) throws IOException {
        Set<InetAddress> probed = new HashSet<>();
        for (InetSocketAddress target : targets) {
            if (target.isUnresolved() || target.getAddress().isMulticastAddress()) {
                throw new IllegalArgumentException("a directed probe needs resolved unicast addresses: " + target);
            }
            probed.add(target.getAddress());
        }
        DatagramSocket socket = new DatagramSocket();
        try {
            byte[] message = probe.toBytes();
            for (InetSocketAddress target : targets) {
                try {
                    socket.send(new DatagramPacket(message, message.length, target));
                } catch (IOException e) {
                    // an unroutable address in a range must not stop the probe of the others
                }
            }
            return collect(socket, probe, wait, probed);
        } finally {
            socket.close();
        }
    }

    /**
     * Joins the multicast group on the configured interface and calls {@code listener} with each
     * Hello and Bye, on the listener's own thread, until the returned handle is closed. The
     * listener should hand work off rather than do it there.
     */
    public AnnouncementListener listen(Consumer<Announcement> listener) throws IOException {
        return AnnouncementListener.start(options, interfaceOf(), reader, listener);
    }

    private ProbeReport collect(DatagramSocket socket, Probe probe, Duration wait, Set<InetAddress> onlyFrom)
            throws IOException {
        ProbeAnswers answers = new ProbeAnswers(probe.messageId());
        Replies replies = new Replies();
        byte[] buffer = new byte[WsDiscovery.MAX_DATAGRAM_BYTES];
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            long remainingMillis = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
            if (remainingMillis <= 0) {
                return replies.report(answers.devices());
            }
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, remainingMillis));
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (SocketTimeoutException e) {
                return replies.report(answers.devices());
            }
            InetSocketAddress from = (InetSocketAddress) packet.getSocketAddress();
            if (onlyFrom != null && !onlyFrom.contains(packet.getAddress())) {
                // a directed probe is answered by the hosts it went to
                replies.add(new ProbeReply(from, ProbeReply.Verdict.REFUSED, "from a host the probe did not go to"));
                continue;
            }
            try {
                answers.add(reader.read(packet.getData(), packet.getOffset(), packet.getLength()), from).ifPresent(reply -> {
                    if (reply.verdict() == ProbeReply.Verdict.ACCEPTED_NON_CONFORMANT) {
                        LOG.log(System.Logger.Level.DEBUG, "Non-conformant WS-Discovery reply from {0} accepted: {1}",
                                from, reply.detail());
                    }
                    replies.add(reply);
                });
            } catch (XmlException e) {
                // not a discovery message we can use: WS-Discovery and ONVIF say to drop it, so
                // nothing is answered; the report says why for an administrator who asks
                replies.add(new ProbeReply(from, ProbeReply.Verdict.REFUSED, SafeText.excerpt(e.getMessage(), 160)));
            }
        }
    }

    /** The replies of one probe, listed up to {@link ProbeReport#MAX_LISTED} and counted beyond. */
    private static final class Replies {

        private final List<ProbeReply> listed = new ArrayList<>();
        private long unlisted;

        void add(ProbeReply reply) {
            if (listed.size() < ProbeReport.MAX_LISTED) {
                listed.add(reply);
            } else {
                unlisted++;
            }
        }

        ProbeReport report(List<DiscoveredDevice> devices) {
            return new ProbeReport(devices, listed, unlisted);
        }
    }

    /** The configured interface, or null for the wildcard address: the system's multicast route chooses. */
    private NetworkInterface interfaceOf() throws IOException {
        if (options.interfaceAddress().isAnyLocalAddress()) {
            return null;
        }
        NetworkInterface networkInterface = NetworkInterface.getByInetAddress(options.interfaceAddress());
        if (networkInterface == null) {
            throw new IOException("no network interface has the address " + options.interfaceAddress().getHostAddress());
        }
        return networkInterface;
    }
}
