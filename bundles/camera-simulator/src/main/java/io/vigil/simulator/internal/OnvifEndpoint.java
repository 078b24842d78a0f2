package io.vigil.simulator.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.vigil.onvif.security.Credentials;
import io.vigil.onvif.security.PasswordLookup;
import io.vigil.onvif.security.TokenRejectedException;
import io.vigil.onvif.security.UsernameTokenVerifier;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.ReceivedEnvelope;
import io.vigil.onvif.soap.SoapEnvelope;
import io.vigil.onvif.soap.SoapFault;
import io.vigil.onvif.soap.SoapMessageException;
import io.vigil.onvif.soap.SoapReader;
import io.vigil.onvif.soap.WsAddressing;
import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.SecureXmlParser;
import io.vigil.onvif.xml.XmlException;
import io.vigil.onvif.xml.XmlWritable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.w3c.dom.Element;

/**
 * One ONVIF service of a simulated camera over HTTP: reads the request through the secure parser,
 * authenticates it with a WS-Security UsernameToken unless the operation is PRE_AUTH (Core
 * specification, access classes), and answers with the operation's response or a SOAP fault.
 * Whatever arrives, malformed or hostile, gets an answer (a fault with HTTP 400) and never
 * stops the camera.
 */
final class OnvifEndpoint implements HttpHandler {

    /** Each request's service and operation at DEBUG: which operations a client calls. */
    private static final System.Logger LOG = System.getLogger(OnvifEndpoint.class.getName());
    private static final String CONTENT_TYPE = "application/soap+xml; charset=utf-8";
    private static final String FAULT_ACTION = "http://www.w3.org/2005/08/addressing/soap/fault";

    private final String serviceNamespace;
    private final CameraOperations operations;
    private final UsernameTokenVerifier verifier;
    private final PasswordLookup users;
    private final SecureXmlParser parser;
    private final AtomicLong refusedTokens;

    /**
     * @param serviceNamespace the WSDL namespace of the operations this address serves
     * @param refusedTokens    counts refused UsernameTokens (the reasons stay inside the camera)
     */
    OnvifEndpoint(String serviceNamespace, CameraOperations operations, UsernameTokenVerifier verifier, Credentials user,
            SecureXmlParser parser, AtomicLong refusedTokens) {
        this.serviceNamespace = serviceNamespace;
        this.operations = operations;
        this.verifier = verifier;
        this.users = username -> user.username().equals(username) ? Optional.of(user) : Optional.empty();
        this.parser = parser;
        this.refusedTokens = refusedTokens;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            ReceivedEnvelope request;
            try {
                request = SoapReader.envelope(parser.parse(exchange.getRequestBody()));
            } catch (XmlException e) {
                // ONVIF generic fault for a request that is not well-formed (Core, "Generic faults")
                send(exchange, null, new SoapFaultResponse(SoapFault.sender(Namespaces.ter("WellFormed"),
                        "The request is not a well-formed SOAP 1.2 message: " + e.getMessage())));
                return;
            }
            try {
                send(exchange, request, 200, answer(request));
            } catch (SoapFaultResponse fault) {
                send(exchange, request, fault);
            } catch (SoapMessageException e) {
                send(exchange, request, new SoapFaultResponse(SoapFault.sender(Namespaces.ter("InvalidArgs"),
                        "The request lacks a required argument: " + e.getMessage())));
            } catch (RuntimeException e) {
                send(exchange, request, new SoapFaultResponse(new SoapFault(SoapFault.RECEIVER, List.of(),
                        "The simulated camera failed to answer")));
            }
        }
    }

    private XmlWritable answer(ReceivedEnvelope request) throws SoapFaultResponse, SoapMessageException {
        Element body = request.body().orElseThrow(() -> new SoapFaultResponse(SoapFault.sender(Namespaces.ter("WellFormed"),
                "The SOAP Body is empty")));
        Optional<SimulatorOperation> operation = operations.find(serviceNamespace, body);
        LOG.log(System.Logger.Level.DEBUG, "{0} {1}{2}", serviceNamespace, Dom.describe(body),
                operation.isPresent() ? "" : " (not implemented)");
        if (operation.isEmpty() || !operation.get().preAuth()) {
            // an unknown action is answered only to an authenticated user, so it tells a stranger nothing
            authenticate(request);
        }
        if (operation.isEmpty()) {
            throw new SoapFaultResponse(SoapFault.receiver(Namespaces.ter("ActionNotSupported"),
                    "Optional Action Not Implemented"));
        }
        return operations.answer(operation.get(), body);
    }

    private void authenticate(ReceivedEnvelope request) throws SoapFaultResponse {
        try {
            verifier.verify(request, users);
        } catch (TokenRejectedException e) {
            refusedTokens.incrementAndGet();
            // the client learns only that it is not authorised, never which part was wrong
            throw new SoapFaultResponse(SoapFault.sender(Namespaces.ter("NotAuthorized"), "Sender not Authorized"));
        }
    }

    private static void send(HttpExchange exchange, ReceivedEnvelope request, SoapFaultResponse fault) throws IOException {
        List<XmlWritable> headers = new ArrayList<>();
        replyAddressing(request, FAULT_ACTION).ifPresent(headers::add);
        write(exchange, fault.httpStatus(), new SoapEnvelope(headers, fault.fault()).toBytes());
    }

    private static void send(HttpExchange exchange, ReceivedEnvelope request, int status, XmlWritable response) throws IOException {
        List<XmlWritable> headers = new ArrayList<>();
        Optional<String> action = SimulatorOperation.ofRequest(request.body().orElseThrow()).map(operation -> operation.action() + "Response");
        action.flatMap(a -> replyAddressing(request, a)).ifPresent(headers::add);
        write(exchange, status, new SoapEnvelope(headers, response).toBytes());
    }

    /** WS-Addressing headers of the reply, when the request used WS-Addressing (the npm clients do not). */
    private static Optional<XmlWritable> replyAddressing(ReceivedEnvelope request, String action) {
        if (request == null) {
            return Optional.empty();
        }
        return WsAddressing.from(request).map(addressing -> WsAddressing.reply(action, addressing.messageId()));
    }

    private static void write(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
