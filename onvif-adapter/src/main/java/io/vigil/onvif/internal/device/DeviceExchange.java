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
     * @param base          {@code scheme://host:port} as the client addressed Vigil (its Host header),
     *                      so every address Vigil answers with is one the client can reach
     * @param localAddress  the local IP address the request arrived on
     * @param authorization the HTTP Authorization header, if any
     * @param body          the request body, at most the size limit plus one byte
     * @param tooLarge      the body was longer than the limit (and was not read to its end)
     */
    record Request(String method, String path, URI base, String localAddress, Optional<String> authorization, byte[] body,
            boolean tooLarge) {
        Request {
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
