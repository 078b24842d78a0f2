package io.vigil.onvif.transport;

import io.vigil.onvif.security.AuthChallenge;
import io.vigil.onvif.security.DigestChallenge;
import io.vigil.onvif.security.UsernameToken;
import io.vigil.onvif.soap.BadRequestException;
import io.vigil.onvif.soap.FaultMapping;
import io.vigil.onvif.soap.InvalidResponseException;
import io.vigil.onvif.soap.NotAuthorizedException;
import io.vigil.onvif.soap.OnvifException;
import io.vigil.onvif.soap.ReceivedEnvelope;
import io.vigil.onvif.soap.ResponseTooLargeException;
import io.vigil.onvif.soap.ServerErrorException;
import io.vigil.onvif.soap.SoapEnvelope;
import io.vigil.onvif.soap.SoapFault;
import io.vigil.onvif.soap.SoapReader;
import io.vigil.onvif.soap.SoapRequest;
import io.vigil.onvif.soap.TimeoutException;
import io.vigil.onvif.soap.TransportException;
import io.vigil.onvif.soap.UnreachableException;
import io.vigil.onvif.soap.WsAddressing;
import io.vigil.onvif.xml.SafeText;
import io.vigil.onvif.xml.XmlException;
import io.vigil.onvif.xml.XmlWritable;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLException;

/**
 * SOAP 1.2 over HTTP to ONVIF devices (SOAP 1.2 Part 2, 7: the HTTP binding), on the JDK's
 * {@link HttpClient}: a POST with {@code Content-Type: application/soap+xml; charset=utf-8;
 * action="..."}, HTTP/1.1 (no h2c upgrade attempt, which embedded web servers mishandle), no
 * redirects followed.
 *
 * <p>Authentication follows {@link ClientAuthentication}: a WS-Security UsernameToken first, HTTP
 * Digest once the device answers 401 with a Digest challenge. At most three exchanges per call.
 *
 * <p>Every failure is a typed {@link OnvifException}: faults by their codes ({@link FaultMapping}),
 * also inside HTTP 400 and 500 answers; a response that is not acceptable XML or not SOAP 1.2, or
 * larger than the limit, is an {@link InvalidResponseException}; no connection is an
 * {@link UnreachableException}, no complete answer within the request timeout a
 * {@link TimeoutException}. A slow-dripping answer cannot outlast the request timeout: the
 * deadline covers the body as well, and on expiry the exchange is cancelled and its connection
 * closed.
 *
 * <p>Thread-safe; one client serves every device.
 */
public final class SoapClient {

    private static final String METHOD = "POST";
    private static final int MAX_EXCHANGES = 3;

    private final HttpClient http;
    private final SoapClientOptions options;
    private final SoapReader reader;

    public SoapClient(SoapClientOptions options) {
        this(HttpClient.newBuilder()
                .connectTimeout(options.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build(), options);
    }

    /** With an HTTP client made elsewhere; its own connect timeout applies, not the options'. */
    public SoapClient(HttpClient http, SoapClientOptions options) {
        this.http = http;
        this.options = options;
        this.reader = new SoapReader(options.limits());
    }

    public SoapClientOptions options() {
        return options;
    }

    /**
     * Sends {@code request} to {@code endpoint} and returns the response envelope, whose Body
     * holds one element that is not a fault.
     *
     * @param endpoint an {@code http} or {@code https} service address without user info
     * @throws OnvifException the typed reason the call failed
     */
    public ReceivedEnvelope call(URI endpoint, SoapRequest request, ClientAuthentication auth) throws OnvifException {
        checkEndpoint(endpoint);
        String context = request.operation() + " at " + endpoint;
        String target = requestTarget(endpoint);

        byte[] body;
        String authorization;
        if (auth.usesHttpDigest()) {
            body = envelope(endpoint, request, null);
            authorization = auth.preemptiveDigest(METHOD, target, body).orElse(null);
        } else {
            body = envelope(endpoint, request, auth.usernameToken().orElse(null));
            authorization = null;
        }
        boolean answeredFreshChallenge = false;
        // what this call offered the device, so that a refusal names what was actually tried
        boolean sentToken = authorization == null && auth.hasCredentials();
        boolean sentDigest = authorization != null;
        for (int exchange = 1; ; exchange++) {
            Exchange response = exchange(endpoint, request.action(), body, authorization, context);
            if (response.status() != 401) {
                return interpret(response, context);
            }
            if (!auth.hasCredentials()) {
                throw new NotAuthorizedException(context + ": the device requires authentication (HTTP 401) "
                        + "and no credentials are configured for it", null);
            }
            List<AuthChallenge> challenges = AuthChallenge.parse(response.headers().allValues("WWW-Authenticate"));
            Optional<DigestChallenge> challenge = DigestChallenge.choose(challenges);
            String user = auth.username().orElseThrow();
            if (challenge.isEmpty()) {
                throw new NotAuthorizedException(context + ": the device refused user '" + user + "' (tried "
                        + tried(sentToken, sentDigest) + ") with HTTP 401 and "
                        + (challenges.isEmpty() ? "no authentication challenge"
                        : "asks only for " + schemes(challenges) + ", which Vigil does not use")
                        + "; check the user name and the password in the secret store", null);
            }
            if ((answeredFreshChallenge && !challenge.get().stale()) || exchange >= MAX_EXCHANGES) {
                throw new NotAuthorizedException(context + ": the device refused user '" + user + "' (HTTP Digest, "
                        + challenge.get().algorithm().token() + ", realm '" + SafeText.excerpt(challenge.get().realm(), 80)
                        + "'; tried " + tried(sentToken, true) + "); check the user name and the password in the secret store", null);
            }
            body = envelope(endpoint, request, null);
            authorization = auth.answer(challenge.get(), METHOD, target, body);
            answeredFreshChallenge = true;
            sentDigest = true;
        }
    }

    private ReceivedEnvelope interpret(Exchange response, String context) throws OnvifException {
        int status = response.status();
        if (status >= 200 && status < 300) {
            ReceivedEnvelope envelope;
            try {
                envelope = reader.read(response.body());
            } catch (XmlException e) {
                throw new InvalidResponseException(context + ": unusable response: " + e.getMessage(), e);
            }
            if (envelope.fault().isPresent()) {
                throw FaultMapping.toException(envelope.fault().get(), context);
            }
            if (envelope.body().isEmpty()) {
                throw new InvalidResponseException(context + ": the response has an empty SOAP Body", null);
            }
            return envelope;
        }
        if (status >= 400 && status < 600) {
            // ONVIF devices answer faults with 400 or 500 and a SOAP body: the fault says more than the status
            try {
                Optional<SoapFault> fault = reader.read(response.body()).fault();
                if (fault.isPresent()) {
                    throw FaultMapping.toException(fault.get(), context + " (HTTP " + status + ")");
                }
            } catch (XmlException e) {
                // no usable fault: the status decides
            }
            if (status == 403) {
                throw new NotAuthorizedException(context + ": HTTP 403 Forbidden; the user lacks the rights for this operation", null);
            }
            if (status < 500) {
                throw new BadRequestException(context + ": the device refused the request with HTTP " + status
                        + (status == 404 ? " (no ONVIF service at this address?)" : ""), null);
            }
            throw new ServerErrorException(context + ": the device failed with HTTP " + status, null);
        }
        throw new InvalidResponseException(context + ": unexpected HTTP status " + status
                + response.headers().firstValue("Location").map(l -> " (redirect to " + SafeText.excerpt(l, 120) + ", not followed)").orElse(""),
                null);
    }

    private Exchange exchange(URI endpoint, String action, byte[] body, String authorization, String context) throws OnvifException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(options.requestTimeout())
                .header("Content-Type", "application/soap+xml; charset=utf-8; action=\"" + action + "\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        AtomicReference<BoundedBodySubscriber> subscriber = new AtomicReference<>();
        long limit = options.limits().maxBytes();
        CompletableFuture<HttpResponse<byte[]>> future = http.sendAsync(builder.build(), info -> {
            BoundedBodySubscriber bounded = new BoundedBodySubscriber(limit, info.headers().firstValueAsLong("Content-Length").orElse(-1));
            subscriber.set(bounded);
            return bounded;
        });
        try {
            HttpResponse<byte[]> response = future.get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Exchange(response.statusCode(), response.headers(), response.body());
        } catch (java.util.concurrent.TimeoutException e) {
            abandon(future, subscriber.get());
            throw new TimeoutException(context + ": no complete answer within " + seconds(options.requestTimeout())
                    + " (the device is hung, overloaded or answering too slowly)", e);
        } catch (InterruptedException e) {
            abandon(future, subscriber.get());
            Thread.currentThread().interrupt();
            throw new TransportException(context + ": interrupted while waiting for the answer", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause(), context);
        }
    }

    private static void abandon(CompletableFuture<?> future, BoundedBodySubscriber subscriber) {
        future.cancel(true);
        if (subscriber != null) {
            subscriber.abort();
        }
    }

    private OnvifException failure(Throwable failure, String context) {
        BoundedBodySubscriber.TooLarge tooLarge = find(failure, BoundedBodySubscriber.TooLarge.class);
        if (tooLarge != null) {
            return new ResponseTooLargeException(context + ": " + tooLarge.getMessage());
        }
        if (find(failure, HttpConnectTimeoutException.class) != null) {
            return new UnreachableException(context + ": no connection within " + seconds(options.connectTimeout())
                    + " (is the device on, and is the address right?)", failure);
        }
        if (find(failure, HttpTimeoutException.class) != null) {
            return new TimeoutException(context + ": no answer within " + seconds(options.requestTimeout())
                    + " (the device is hung, overloaded or answering too slowly)", failure);
        }
        if (find(failure, UnresolvedAddressException.class) != null || find(failure, UnknownHostException.class) != null) {
            return new UnreachableException(context + ": unknown host name", failure);
        }
        if (find(failure, NoRouteToHostException.class) != null) {
            return new UnreachableException(context + ": no route to the device", failure);
        }
        if (find(failure, ConnectException.class) != null) {
            return new UnreachableException(context + ": cannot connect (connection refused: is the device on, "
                    + "and is its ONVIF port right?)", failure);
        }
        if (find(failure, SSLException.class) != null) {
            return new TransportException(context + ": TLS failed: " + SafeText.excerpt(find(failure, SSLException.class).getMessage()), failure);
        }
        IOException io = find(failure, IOException.class);
        String reason = io != null && io.getMessage() != null ? io.getMessage() : failure.toString();
        return new TransportException(context + ": the connection failed during the exchange: " + SafeText.excerpt(reason), failure);
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return null;
    }

    private static byte[] envelope(URI endpoint, SoapRequest request, UsernameToken token) {
        List<XmlWritable> headers = new ArrayList<>(2);
        if (request.wsAddressing()) {
            headers.add(WsAddressing.request(request.action(), endpoint.toString()));
        }
        if (token != null) {
            headers.add(token);
        }
        return new SoapEnvelope(headers, request.body()).toBytes();
    }

    private static void checkEndpoint(URI endpoint) {
        String scheme = endpoint.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https")) || endpoint.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) service address: " + SafeText.excerpt(endpoint.toString(), 120));
        }
        if (endpoint.getRawUserInfo() != null) {
            // credentials in an address end up in logs and messages; they come from the secret store only
            throw new IllegalArgumentException("a service address must not carry user info: " + endpoint.getHost());
        }
    }

    /** The request target as sent, which HTTP Digest hashes. */
    private static String requestTarget(URI endpoint) {
        String path = endpoint.getRawPath() == null || endpoint.getRawPath().isEmpty() ? "/" : endpoint.getRawPath();
        return endpoint.getRawQuery() == null ? path : path + "?" + endpoint.getRawQuery();
    }

    private static String tried(boolean sentToken, boolean sentDigest) {
        return sentToken && sentDigest ? "a WS-Security UsernameToken, then HTTP Digest"
                : sentToken ? "a WS-Security UsernameToken" : "HTTP Digest";
    }

    private static String schemes(List<AuthChallenge> challenges) {
        return challenges.stream().map(c -> SafeText.excerpt(c.scheme(), 20)).distinct().toList().toString();
    }

    private static String seconds(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }

    private record Exchange(int status, HttpHeaders headers, byte[] body) {
    }
}
