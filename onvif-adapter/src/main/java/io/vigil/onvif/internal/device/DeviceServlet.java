package io.vigil.onvif.internal.device;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Vigil device over the container's HTTP server (Servlet Whiteboard, Jetty). Reads at most
 * the request limit plus one byte, hands the request to {@link OnvifDevice} and answers
 * asynchronously: a PullMessages waiting for an event holds no servlet thread.
 */
final class DeviceServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient OnvifDevice device;
    private final long asyncTimeoutMillis;

    DeviceServlet(OnvifDevice device, long asyncTimeoutMillis) {
        this.device = device;
        this.asyncTimeoutMillis = asyncTimeoutMillis;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int limit = OnvifDevice.REQUEST_LIMITS.maxBytes();
        byte[] body;
        boolean tooLarge;
        if (request.getContentLengthLong() > limit) {
            body = new byte[0];
            tooLarge = true;
        } else {
            try (InputStream in = request.getInputStream()) {
                body = in.readNBytes(limit + 1);
            }
            tooLarge = body.length > limit;
        }
        String host = request.getServerName();
        URI base = URI.create(request.getScheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + request.getServerPort());
        String path = request.getRequestURI().substring(request.getContextPath().length());
        DeviceExchange.Request exchange = new DeviceExchange.Request(request.getMethod(), path, base, request.getLocalAddr(),
                Optional.ofNullable(request.getHeader("Authorization")), body, tooLarge);
        if (tooLarge) {
            response.setHeader("Connection", "close"); // the rest of the body is not read
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(asyncTimeoutMillis);
        device.handle(exchange).whenComplete((answer, failure) -> {
            try {
                HttpServletResponse out = (HttpServletResponse) async.getResponse();
                if (failure != null) {
                    out.setStatus(500);
                } else {
                    write(out, answer);
                }
            } catch (IOException | IllegalStateException e) {
                // the client went away (or the async context timed out): nothing to answer
            } finally {
                try {
                    async.complete();
                } catch (IllegalStateException e) {
                    // already completed by a timeout
                }
            }
        });
    }

    private static void write(HttpServletResponse out, DeviceExchange.Response answer) throws IOException {
        out.setStatus(answer.status());
        for (Map.Entry<String, List<String>> header : answer.headers().entrySet()) {
            for (String value : header.getValue()) {
                out.addHeader(header.getKey(), value);
            }
        }
        out.setContentLength(answer.body().length);
        try (OutputStream stream = out.getOutputStream()) {
            stream.write(answer.body());
        }
    }
}
