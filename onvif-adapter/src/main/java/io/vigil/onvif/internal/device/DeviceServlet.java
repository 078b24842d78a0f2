package io.vigil.onvif.internal.device;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.time.Duration;

/**
 * The Vigil device over the container's HTTP server (Servlet Whiteboard, Jetty). Reads at most
 * the request limit plus one byte, without a thread while the client is slow to send it (servlet
 * non-blocking reads), and gives up on a body that has not arrived within the body deadline
 * (408): a client that sends slowly before it has logged in holds no Jetty thread. Hands the
 * request to {@link OnvifDevice} and answers asynchronously: a PullMessages waiting for an event
 * holds no servlet thread either.
 */
final class DeviceServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final Duration DEFAULT_BODY_DEADLINE = Duration.ofSeconds(10);

    private final transient OnvifDevice device;
    private final long asyncTimeoutMillis;
    private final Duration bodyDeadline;
    private final boolean plainHttp;

    DeviceServlet(OnvifDevice device, long asyncTimeoutMillis) {
        this(device, asyncTimeoutMillis, DEFAULT_BODY_DEADLINE, true);
    }

    DeviceServlet(OnvifDevice device, long asyncTimeoutMillis, Duration bodyDeadline) {
        this(device, asyncTimeoutMillis, bodyDeadline, true);
    }

    /** @param plainHttp whether requests over plain HTTP are served (else only those over TLS) */
    DeviceServlet(OnvifDevice device, long asyncTimeoutMillis, Duration bodyDeadline, boolean plainHttp) {
        this.device = device;
        this.asyncTimeoutMillis = asyncTimeoutMillis;
        this.bodyDeadline = bodyDeadline;
        this.plainHttp = plainHttp;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!plainHttp && !request.isSecure()) {
            response.setHeader("Connection", "close");
            response.sendError(403, "This ONVIF device is served over HTTPS only (http.enabled=false in io.vigil.onvif.device.cfg)");
            return;
        }
        int limit = OnvifDevice.REQUEST_LIMITS.maxBytes();
        String local = request.getLocalAddr();
        // the address the request arrived on, never the Host header (which the client chooses)
        URI base = URI.create(request.getScheme() + "://" + (local.contains(":") ? "[" + local + "]" : local) + ":"
                + request.getLocalPort());
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String target = request.getQueryString() == null ? request.getRequestURI()
                : request.getRequestURI() + "?" + request.getQueryString();
        AsyncContext async = request.startAsync();
        async.setTimeout(asyncTimeoutMillis);
        BodyReader reader = new BodyReader(async, limit, (body, tooLarge) -> {
            DeviceExchange.Request exchange = new DeviceExchange.Request(request.getMethod(), path, base, local,
                    String.valueOf(request.getRemoteAddr()), target, Optional.ofNullable(request.getHeader("Authorization")), body,
                    tooLarge);
            if (tooLarge) {
                response.setHeader("Connection", "close"); // the rest of the body is not read
            }
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
                    complete(async);
                }
            });
        });
        if (request.getContentLengthLong() > limit) {
            reader.finish(true);
            return;
        }
        CompletableFuture.delayedExecutor(bodyDeadline.toMillis(), TimeUnit.MILLISECONDS).execute(reader::expire);
        request.getInputStream().setReadListener(reader);
    }

    /** Reads the body as it arrives, on Jetty's callbacks; hands it on once, or answers 408 at the deadline. */
    private static final class BodyReader implements ReadListener {
        private final AsyncContext async;
        private final int limit;
        private final BiConsumer<byte[], Boolean> then;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final byte[] buffer = new byte[8192];
        private final AtomicBoolean done = new AtomicBoolean();

        BodyReader(AsyncContext async, int limit, BiConsumer<byte[], Boolean> then) {
            this.async = async;
            this.limit = limit;
            this.then = then;
        }

        @Override
        public void onDataAvailable() throws IOException {
            ServletInputStream in = async.getRequest().getInputStream();
            while (!done.get() && in.isReady()) {
                int n = in.read(buffer);
                if (n < 0) {
                    return; // onAllDataRead follows
                }
                synchronized (body) {
                    body.write(buffer, 0, n);
                    if (body.size() > limit) {
                        finish(true);
                        return;
                    }
                }
            }
        }

        @Override
        public void onAllDataRead() {
            finish(false);
        }

        @Override
        public void onError(Throwable failure) {
            if (done.compareAndSet(false, true)) {
                complete(async); // the client went away or the connection failed: nothing to answer
            }
        }

        void finish(boolean tooLarge) {
            if (done.compareAndSet(false, true)) {
                byte[] bytes;
                synchronized (body) {
                    bytes = tooLarge ? new byte[0] : body.toByteArray();
                }
                then.accept(bytes, tooLarge);
            }
        }

        /** At the body deadline: a body still arriving is given up (408, connection closed). */
        void expire() {
            if (done.compareAndSet(false, true)) {
                try {
                    HttpServletResponse out = (HttpServletResponse) async.getResponse();
                    out.setHeader("Connection", "close");
                    out.setStatus(408);
                    out.setContentLength(0);
                } catch (IllegalStateException e) {
                    // already gone
                } finally {
                    complete(async);
                }
            }
        }
    }

    private static void complete(AsyncContext async) {
        try {
            async.complete();
        } catch (IllegalStateException e) {
            // already completed by a timeout
        }
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
