package io.vigil.ingest.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An RTSP server on 127.0.0.1 that plays a camera wanting a login: it answers OPTIONS, and every
 * other request with 401 and the challenges it was made with (Basic only, like cameras whose
 * firmware knows nothing else, or Digest and Basic), whatever Authorization the request carries.
 * It records every request's headers, so a test sees exactly what a client sent. Not a media
 * server: gst-rtsp-server (GstRtspServer) always offers Basic and Digest together, so it cannot
 * play a Basic-only camera.
 */
final class ChallengingRtspServer implements AutoCloseable {

    private final ServerSocket socket;
    private final List<String> challenges;
    private final List<List<String>> requests = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    ChallengingRtspServer(List<String> challenges) throws IOException {
        this.challenges = challenges;
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        acceptor = new Thread(this::accept, "challenging-rtsp");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    URI uri(String path) {
        return URI.create("rtsp://127.0.0.1:" + socket.getLocalPort() + path);
    }

    /** Each request received: its request line, then its header lines. */
    List<List<String>> requests() {
        return List.copyOf(requests);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                Thread connection = new Thread(() -> serve(client), "challenging-rtsp-connection");
                connection.setDaemon(true);
                connection.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            client.setSoTimeout(10_000);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            while (true) {
                List<String> request = RtspAuthCheck.readHeaders(in);
                requests.add(request);
                String cseq = request.stream().filter(l -> l.regionMatches(true, 0, "CSeq:", 0, 5))
                        .map(l -> l.substring(5).strip()).findFirst().orElse("0");
                StringBuilder answer = new StringBuilder();
                if (request.get(0).startsWith("OPTIONS ")) {
                    answer.append("RTSP/1.0 200 OK\r\nCSeq: ").append(cseq)
                            .append("\r\nPublic: OPTIONS, DESCRIBE, SETUP, PLAY, TEARDOWN\r\n\r\n");
                } else {
                    answer.append("RTSP/1.0 401 Unauthorized\r\nCSeq: ").append(cseq).append("\r\n");
                    challenges.forEach(c -> answer.append("WWW-Authenticate: ").append(c).append("\r\n"));
                    answer.append("Content-Length: 0\r\n\r\n");
                }
                out.write(answer.toString().getBytes(StandardCharsets.US_ASCII));
                out.flush();
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
