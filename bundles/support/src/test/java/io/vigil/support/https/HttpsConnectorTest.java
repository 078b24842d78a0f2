package io.vigil.support.https;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.support.tls.TlsIdentity;
import io.vigil.testing.MemorySecretStore;
import io.vigil.testing.TrustedCertificate;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.AbstractHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The connector on a real Jetty on loopback, with a client that verifies the generated certificate. */
@Timeout(60)
class HttpsConnectorTest {

    @TempDir
    Path data;
    private Server server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void servesTls13And12WithTheIdentityAndNothingOlder() throws Exception {
        TlsIdentity identity = TlsIdentity.obtain(new TlsIdentity.Source("console", "vigil-console", Optional.empty(), "PKCS12",
                "console.tls.keystore", data.resolve("tls.p12"), "127.0.0.1"), new MemorySecretStore(), Clock.systemUTC(),
                IllegalStateException::new);
        server = new Server();
        server.setHandler(new AbstractHandler() {
            @Override
            public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.setStatus(200);
                response.getWriter().print(request.getScheme() + " " + request.isSecure());
                base.setHandled(true);
            }
        });
        server.start();
        HttpsConnector factory = new HttpsConnector(identity, "vigil-test-https", "127.0.0.1", 0, 30_000);
        assertEquals(-1, factory.localPort());
        assertFalse(factory.listening());
        Connector connector = factory.createConnector(server);
        server.addConnector(connector);
        connector.start();
        assertTrue(factory.listening());
        assertEquals("vigil-test-https", connector.getName());
        URI uri = URI.create("https://127.0.0.1:" + factory.localPort() + "/");

        SSLContext ssl = TrustedCertificate.only(identity.certificate());
        for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
            HttpClient client = HttpClient.newBuilder().sslContext(ssl).sslParameters(new SSLParameters(null, new String[] {protocol}))
                    .build();
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), protocol);
            assertEquals("https true", response.body(), protocol);
            assertEquals(Optional.empty(), response.headers().firstValue("Server"), "no server version");
            assertEquals(protocol, response.sslSession().orElseThrow().getProtocol());
        }
        // the JDK client refuses TLS 1.1 itself, so the server's side is read from its factory
        SslConnectionFactory tls = ((ServerConnector) connector).getConnectionFactory(SslConnectionFactory.class);
        assertEquals(List.of("TLSv1.3", "TLSv1.2"), List.of(tls.getSslContextFactory().getSelectedProtocols()));
        assertEquals("vigil-console", tls.getSslContextFactory().getCertAlias());
    }
}
