package io.vigil.onvif.discovery;

import io.vigil.onvif.xml.XmlException;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.InetSocketAddress;
import java.net.MulticastSocket;
import java.net.NetworkInterface;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Hears Hello and Bye on the multicast group until closed. Made by {@link WsDiscoveryClient#listen}.
 */
public final class AnnouncementListener implements AutoCloseable {

    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final MulticastSocket socket;
    private final DiscoveryMessageReader reader;
    private final Consumer<Announcement> listener;
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;

    private AnnouncementListener(MulticastSocket socket, DiscoveryMessageReader reader, Consumer<Announcement> listener) {
        this.socket = socket;
        this.reader = reader;
        this.listener = listener;
        this.thread = new Thread(this::receive, "ws-discovery-announcements");
        thread.setDaemon(true);
    }

    static AnnouncementListener start(DiscoveryClientOptions options, NetworkInterface networkInterface,
            DiscoveryMessageReader reader, Consumer<Announcement> listener) throws IOException {
        MulticastSocket socket = new MulticastSocket(null);
        try {
            // devices and other listeners on this host use the same port; bound to the group
            // address, the socket gets the group's datagrams only
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(options.group().getAddress(), options.group().getPort()));
            // null (a wildcard interface address): the interface of the system's multicast route
            socket.joinGroup(options.group(), networkInterface);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        AnnouncementListener started = new AnnouncementListener(socket, reader, listener);
        started.thread.start();
        return started;
    }

    /** Datagrams on the group that were not a readable discovery message, since start. */
    public long droppedDatagrams() {
        return dropped.get();
    }

    private void receive() {
        DatagramLoop.receive(socket, this::announce);
    }

    private void announce(DatagramPacket packet) {
        try {
            DiscoveryMessage message = reader.read(packet.getData(), packet.getOffset(), packet.getLength());
            if (message instanceof Hello hello) {
                listener.accept(Announcement.of(hello));
            } else if (message instanceof Bye bye) {
                listener.accept(Announcement.of(bye));
            }
        } catch (XmlException e) {
            dropped.incrementAndGet();
        } catch (RuntimeException e) {
            // the listener failed on one announcement; the next one still deserves it
            dropped.incrementAndGet();
        }
    }

    /** Leaves the group, closes the socket and waits briefly for the thread. */
    @Override
    public void close() {
        socket.close();
        try {
            thread.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
