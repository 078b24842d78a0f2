package io.vigil.console.internal;

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
 * The HTTPS connector of the container's Jetty, added through Felix HTTP's {@link ConnectorFactory}
 * service rather than its {@code org.apache.felix.https.*} properties: those would need the
 * keystore password in framework or Config Admin properties, which are stored in clear; here the
 * key store comes from memory (its password from the secret store). The servlets are the same on
 * every connector; the console refuses what does not arrive over TLS.
 */
final class HttpsConnectorFactory implements ConnectorFactory {

    private final TlsIdentity identity;
    private final String host;
    private final int port;
    private volatile ServerConnector connector;

    HttpsConnectorFactory(TlsIdentity identity, String host, int port) {
        this.identity = identity;
        this.host = host;
        this.port = port;
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
        // the certificate names localhost and 127.0.0.1; a browser decides about the name itself
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);

        ServerConnector c = new ServerConnector(server, new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(http));
        c.setName("vigil-console-https");
        c.setHost(host);
        c.setPort(port);
        connector = c;
        return c;
    }

    /** Whether the connector Jetty made from this factory is listening. */
    boolean listening() {
        ServerConnector c = connector;
        return c != null && c.isStarted() && c.getLocalPort() > 0;
    }
}
