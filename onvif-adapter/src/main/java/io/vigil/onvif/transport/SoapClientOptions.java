package io.vigil.onvif.transport;

import io.vigil.onvif.xml.XmlLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * How patient and how generous the SOAP client is with a device.
 *
 * @param connectTimeout longest wait for the TCP connection
 * @param requestTimeout longest wait for the complete answer (status, headers and body) of one
 *                       HTTP exchange; a 401 and its answer are two exchanges
 * @param limits         size, depth and element limits of a response; the size limit also
 *                       bounds how much of the body is read
 */
public record SoapClientOptions(Duration connectTimeout, Duration requestTimeout, XmlLimits limits) {

    public static final SoapClientOptions DEFAULTS =
            new SoapClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(10), XmlLimits.DEFAULTS);

    public SoapClientOptions {
        Objects.requireNonNull(limits, "limits");
        if (connectTimeout == null || connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("the connect timeout must be positive: " + connectTimeout);
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("the request timeout must be positive: " + requestTimeout);
        }
    }

    public SoapClientOptions withConnectTimeout(Duration timeout) {
        return new SoapClientOptions(timeout, requestTimeout, limits);
    }

    public SoapClientOptions withRequestTimeout(Duration timeout) {
        return new SoapClientOptions(connectTimeout, timeout, limits);
    }

    public SoapClientOptions withLimits(XmlLimits newLimits) {
        return new SoapClientOptions(connectTimeout, requestTimeout, newLimits);
    }
}
