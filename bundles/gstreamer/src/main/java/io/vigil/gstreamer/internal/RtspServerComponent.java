package io.vigil.gstreamer.internal;

import io.vigil.api.media.MediaException;
import io.vigil.api.media.MetadataKeepAlive;
import io.vigil.api.media.MetadataMount;
import io.vigil.api.media.RtspCredentials;
import io.vigil.api.media.RtspMount;
import io.vigil.api.media.RtspServer;
import io.vigil.api.media.StreamSource;
import io.vigil.gstreamer.GStreamerRuntime;
import io.vigil.api.status.ModuleStatus;
import io.vigil.api.status.StatusReporter;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The product's RTSP server: serves the simulated cameras, the restreams for the VMS and their
 * ONVIF metadata streams. A new configuration restarts it (its clients reconnect, as they would
 * to a rebooted camera).
 */
@Component(service = {RtspServer.class, StatusReporter.class}, configurationPid = RtspServerComponent.PID)
@Designate(ocd = RtspServerComponent.Config.class)
public class RtspServerComponent implements RtspServer, StatusReporter {

    static final String PID = "io.vigil.gstreamer.rtsp";

    @ObjectClassDefinition(name = "Vigil RTSP server",
            description = "Where Vigil serves RTSP streams: simulated cameras and restreams for the VMS.")
    public @interface Config {

        @AttributeDefinition(name = "Address",
                description = "Address to listen on. 127.0.0.1 keeps the streams on this machine; "
                        + "0.0.0.0 serves every interface.")
        String address() default "127.0.0.1";

        @AttributeDefinition(name = "Port", description = "TCP port for RTSP; 0 picks a free one.",
                min = "0", max = "65535")
        int port() default 8554;

        @AttributeDefinition(name = "Allow Basic",
                description = "Also accept RTSP Basic logins, which send the password in clear on every request "
                        + "(for a VMS that cannot do Digest). Off: Digest only.")
        boolean allow_basic() default false;

        @AttributeDefinition(name = "Maximum sessions",
                description = "RTSP sessions served at once over every stream; a client past it is refused "
                        + "with 503 Service Unavailable.", min = "1")
        int max_sessions() default 64;
    }

    private final NativeRtspServer server;
    private final String address;
    private final Logger logger;

    /** {@code gstreamer} is referenced so the server starts only once GStreamer is initialised. */
    @Activate
    public RtspServerComponent(Config config, @Reference GStreamerRuntime gstreamer,
            @Reference(service = LoggerFactory.class) Logger logger) throws MediaException {
        this.logger = logger;
        this.address = config.address();
        this.server = new NativeRtspServer(config.address(), config.port(),
                new RtspServerOptions(config.allow_basic(), config.max_sessions()));
        logger.info("RTSP server listening on {} port {} ({})", address, server.port(), gstreamer.version());
        if (config.allow_basic()) {
            logger.warn("RTSP Basic logins are allowed (allow.basic=true): passwords cross the network in clear");
        }
    }

    int port() {
        return server.port();
    }

    @Override
    public RtspMount mount(String path, StreamSource source, Optional<RtspCredentials> credentials)
            throws MediaException {
        RtspMount mount = server.mount(path, source, credentials);
        // never the credentials themselves
        logger.info("Serving {} ({})", mount.uri(), credentials.isPresent() ? "credentials required" : "open");
        return mount;
    }

    @Override
    public MetadataMount mountMetadata(String path, Optional<RtspCredentials> credentials,
            MetadataKeepAlive keepAlive) throws MediaException {
        MetadataMount mount = server.mountMetadata(path, credentials, keepAlive);
        // never the credentials themselves
        logger.info("Serving metadata at {} ({})", mount.uri(),
                credentials.isPresent() ? "credentials required" : "open");
        return mount;
    }

    /** Sessions against the limit, refusals, and whether Basic is allowed. */
    @Override
    public ModuleStatus status() {
        RtspServerOptions options = server.options();
        int sessions = server.sessions();
        long refused = server.refusedSessions();
        ModuleStatus.Health health = sessions >= options.maxSessions() ? ModuleStatus.Health.DEGRADED : ModuleStatus.Health.OK;
        return new ModuleStatus("rtsp-server", health, String.format("%s port %d; %d of at most %d session(s), %d refused"
                + " at the limit; logins: %s", address, server.port(), sessions, options.maxSessions(), refused,
                options.allowBasic() ? "Digest and Basic (allow.basic=true: passwords in clear)" : "Digest only"));
    }

    @Deactivate
    void deactivate() {
        server.close();
        logger.info("RTSP server on {} port {} stopped", address, server.port());
    }
}
