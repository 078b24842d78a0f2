package io.vigil.onvif.discovery;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;

/** The receiving side of a discovery socket: every datagram to a handler, until the socket closes. */
final class DatagramLoop {

    /** Handles one datagram; an IOException (an answer that could not be sent) ends only that datagram. */
    @FunctionalInterface
    interface Handler {
        void handle(DatagramPacket packet) throws IOException;
    }

    private DatagramLoop() {
    }

    /** Runs on the calling thread until {@code socket} is closed. */
    static void receive(DatagramSocket socket, Handler handler) {
        byte[] buffer = new byte[WsDiscovery.MAX_DATAGRAM_BYTES];
        while (!socket.isClosed()) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
            } catch (IOException e) {
                return; // closed
            }
            try {
                handler.handle(packet);
            } catch (IOException e) {
                // the other side is gone; the next datagram is handled as usual
            }
        }
    }
}
