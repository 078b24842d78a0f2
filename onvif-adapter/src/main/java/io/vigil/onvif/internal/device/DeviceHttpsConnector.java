package io.vigil.onvif.internal.device;

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
 * The device service's HTTPS connector on the container's Jetty, added as the console adds its
 * own: through Felix HTTP's {@link ConnectorFactory} service, the key store from memory (its
 * password from the secret store, never in framework or Config Admin properties, which are stored
 * in clear). The servlets are the same on every connector; the device refuses plain HTTP when
 * {@code http.enabled=false}. A connection idle longer than {@code idleTimeoutMillis} is closed,
 * so clients that stall before logging in do not keep connections for ever.
 */
final class DeviceHttpsConnector implements ConnectorFactory {

    private final DeviceTls identity;
    private final String host;
    private final int port;
    private final long idleTimeoutMillis;
    private volatile ServerConnector connector;

    DeviceHttpsConnector(DeviceTls identity, String host, int port, long idleTimeoutMillis) {
        this.identity = identity;
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
        // VMSs address the device by IP address, which the generated certificate may not name
        secure.setSniHostCheck(false);
        http.addCustomizer(secure);

        ServerConnector c = new ServerConnector(server, new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(http));
        c.setName("vigil-onvif-device-https");
        c.setHost(host);
        c.setPort(port);
        c.setIdleTimeout(idleTimeoutMillis);
        connector = c;
        return c;
    }

    /** The port it listens on (the configured one, or the one chosen for port 0); -1 before it listens. */
    int localPort() {
        ServerConnector c = connector;
        return c != null && c.isStarted() ? c.getLocalPort() : -1;
    }
}
