package io.vigil.ingest.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Asks an RTSP server, without credentials, which authentication it wants for a stream: one
 * DESCRIBE on its own connection, read up to the end of the response's headers.
 *
 * <p>Why: GStreamer 1.22's rtspsrc has no setting to refuse an authentication method. Given a
 * user and password, it answers a 401 with the strongest scheme the server offers in that 401
 * (gst_rtspsrc_setup_auth), so a server offering only Basic gets the password in clear; and the
 * Authorization header is added inside GstRTSPConnection after the {@code before-send} signal, so
 * the application never sees it to stop it. Vigil therefore gives rtspsrc the credentials only
 * when this check has seen the server offer Digest (or the camera's configuration allows Basic).
 */
final class RtspAuthCheck {

    /** What the server answered. */
    enum Answer {
        /** 2xx: the stream needs no login. */
        OPEN,
        /** 401 offering Digest (perhaps Basic too: rtspsrc then answers with Digest). */
        DIGEST,
        /** 401 offering Basic and nothing stronger. */
        BASIC_ONLY,
        /** Anything else: 401 without a scheme Vigil knows, another status, no usable answer, no connection. */
        UNKNOWN
    }

    /** What the server answered and, for {@link Answer#UNKNOWN}, why (never a secret: the server's text is cut short). */
    record Result(Answer answer, String detail) {
    }

    private static final int MAX_HEADER_BYTES = 16 * 1024;
    private static final int DEFAULT_PORT = 554;

    private final Duration timeout;

    RtspAuthCheck(Duration timeout) {
        this.timeout = timeout;
    }

    Result check(URI stream) {
        int port = stream.getPort() > 0 ? stream.getPort() : DEFAULT_PORT;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(stream.getHost(), port), (int) timeout.toMillis());
            socket.setSoTimeout((int) timeout.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("DESCRIBE " + stream + " RTSP/1.0\r\nCSeq: 1\r\nAccept: application/sdp\r\n"
                    + "User-Agent: Vigil\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return interpret(readHeaders(socket.getInputStream()));
        } catch (IOException | RuntimeException e) {
            return new Result(Answer.UNKNOWN, "no answer to an unauthenticated DESCRIBE: " + e.getMessage());
        }
    }

    /** The status line and header lines of one response. */
    static List<String> readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the server closed the connection before the end of its answer's headers");
            }
            head.write(b);
            if (head.size() > MAX_HEADER_BYTES) {
                throw new IOException("an answer's headers longer than " + MAX_HEADER_BYTES + " bytes");
            }
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        return List.of(head.toString(StandardCharsets.ISO_8859_1).split("\r\n"));
    }

    static Result interpret(List<String> lines) {
        String status = lines.isEmpty() ? "" : lines.get(0);
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("RTSP/")) {
            return new Result(Answer.UNKNOWN, "not an RTSP answer: " + excerpt(status));
        }
        int code;
        try {
            code = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return new Result(Answer.UNKNOWN, "not an RTSP status: " + excerpt(status));
        }
        if (code >= 200 && code < 300) {
            return new Result(Answer.OPEN, "no login asked");
        }
        if (code != 401) {
            return new Result(Answer.UNKNOWN, "RTSP " + code + " to an unauthenticated DESCRIBE");
        }
        List<String> schemes = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).strip().equalsIgnoreCase("WWW-Authenticate")) {
                String value = line.substring(colon + 1).strip();
                int space = value.indexOf(' ');
                schemes.add((space < 0 ? value : value.substring(0, space)).toLowerCase(Locale.ROOT));
            }
        }
        if (schemes.contains("digest")) {
            return new Result(Answer.DIGEST, "Digest offered");
        }
        if (schemes.contains("basic")) {
            return new Result(Answer.BASIC_ONLY, "only Basic offered");
        }
        return new Result(Answer.UNKNOWN, "401 without a Basic or Digest challenge");
    }

    private static String excerpt(String text) {
        String printable = text.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 80 ? printable.substring(0, 80) + "..." : printable;
    }
}
