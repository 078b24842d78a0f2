package io.vigil.support.https;

import io.vigil.support.tls.TlsIdentity;
import org.apache.felix.http.jetty.ConnectorFactory;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * An HTTPS connector on the container's Jetty, added through Felix HTTP's {@link ConnectorFactory}
 * service rather than its {@code org.apache.felix.https.*} properties: those would need the
 * keystore password in framework or Config Admin properties, which are stored in clear; here the
 * key store comes from memory (its password from the secret store). TLS 1.3 and 1.2 only, Jetty's
 * default cipher suites. The servlets are the same on every connector; each server refuses what
 * should not arrive over plain HTTP itself. A connection idle longer than {@code idleTimeoutMillis}
 * is closed, so clients that stall before logging in do not keep connections for ever.
 */
public final class HttpsConnector implements ConnectorFactory {

    private final TlsIdentity identity;
    private final String name;
    private final String host;
    private final int port;
    private final long idleTimeoutMillis;
    private volatile ServerConnector connector;

    /** {@code name} is Jetty's name for the connector, as its log shows it. */
    public HttpsConnector(TlsIdentity identity, String name, String host, int port, long idleTimeoutMillis) {
        this.identity = identity;
        this.name = name;
        this.host = host;
        this.port = port;
        this.idleTimeoutMillis = idleTimeoutMillis;
    }

    @Override
    public Connector createConnector(Server server) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(identity.keyStore());
        tls.setKeyStorePassword(new String(identity.password()));
        tls.setKeyManagerPassword(new String(identity.password()));
        tls.setCertAlias(identity.alias());
        tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
        tls.setSniRequired(false);

        HttpConfiguration http = new HttpConfiguration();
        http.setSecureScheme("https");
        http.setSecurePort(port);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // the generated certificate names localhost and 127.0.0.1; browsers decide about the name
        // themselves, and VMSs address a device by IP address, which the certificate may not name
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);

        ServerConnector c = new ServerConnector(server, new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(http));
        c.setName(name);
        c.setHost(host);
        c.setPort(port);
        c.setIdleTimeout(idleTimeoutMillis);
        connector = c;
        return c;
    }

    /** The port it listens on (the configured one, or the one chosen for port 0); -1 before it listens. */
    public int localPort() {
        ServerConnector c = connector;
        return c != null && c.isStarted() ? c.getLocalPort() : -1;
    }

    /** Whether the connector Jetty made from this factory is listening. */
    public boolean listening() {
        return localPort() > 0;
    }
}
