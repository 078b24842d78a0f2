package io.vigil.onvif.internal.device;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** What the HTTP layer hands the device and what it gets back; nothing servlet-specific. */
final class DeviceExchange {

    private DeviceExchange() {
    }

    /**
     * @param method        HTTP method
     * @param path          request path, e.g. {@code /onvif/device_service}
     * @param base          {@code scheme://address:port} the request arrived on (the local address, never
     *                      the client's Host header, which the client chooses)
     * @param localAddress  the local IP address the request arrived on
     * @param remoteAddress the client's IP address (for the login throttle)
     * @param target        the request-target as sent: path and query (HTTP Digest's {@code uri} must match it)
     * @param authorization the HTTP Authorization header, if any
     * @param body          the request body, at most the size limit plus one byte
     * @param tooLarge      the body was longer than the limit (and was not read to its end)
     */
    record Request(String method, String path, URI base, String localAddress, String remoteAddress, String target,
            Optional<String> authorization, byte[] body, boolean tooLarge) {
        Request {
            Objects.requireNonNull(remoteAddress, "remoteAddress");
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(base, "base");
            Objects.requireNonNull(authorization, "authorization");
            Objects.requireNonNull(body, "body");
        }
    }

    /** An HTTP response: status, extra headers (each possibly repeated), SOAP body. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        Response {
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }
    }
}
