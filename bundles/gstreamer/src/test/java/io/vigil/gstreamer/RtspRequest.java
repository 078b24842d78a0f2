package io.vigil.gstreamer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One RTSP request written by hand on a fresh TCP connection, for what players never send on their
 * own (a Basic login unasked, a bare SETUP), and the answer's status line and headers. Loopback only.
 */
public final class RtspRequest {

    private RtspRequest() {
    }

    /** The answer up to the blank line: "RTSP/1.0 401 Unauthorized\r\nCSeq: 1\r\n...". */
    public static String send(String method, URI uri, Map<String, String> headers) throws IOException {
        StringBuilder request = new StringBuilder(method).append(' ').append(uri).append(" RTSP/1.0\r\nCSeq: 1\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            while (!answer.toString(StandardCharsets.UTF_8).contains("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                answer.write(b);
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
