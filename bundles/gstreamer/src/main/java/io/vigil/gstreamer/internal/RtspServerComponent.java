package io.vigil.gstreamer.internal;

import io.vigil.api.media.MediaException;
import io.vigil.api.media.MetadataKeepAlive;
import io.vigil.api.media.MetadataMount;
import io.vigil.api.media.RtspCredentials;
import io.vigil.api.media.RtspMount;
import io.vigil.api.media.RtspServer;
import io.vigil.api.media.StreamSource;
import io.vigil.gstreamer.GStreamerRuntime;
import io.vigil.gstreamer.GstRtspServer;
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
@Component(service = RtspServer.class, configurationPid = RtspServerComponent.PID)
@Designate(ocd = RtspServerComponent.Config.class)
public class RtspServerComponent implements RtspServer {

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
    }

    private final GstRtspServer server;
    private final String address;
    private final Logger logger;

    /** {@code gstreamer} is referenced so the server starts only once GStreamer is initialised. */
    @Activate
    public RtspServerComponent(Config config, @Reference GStreamerRuntime gstreamer,
            @Reference(service = LoggerFactory.class) Logger logger) throws MediaException {
        this.logger = logger;
        this.address = config.address();
        this.server = new GstRtspServer(config.address(), config.port());
        logger.info("RTSP server listening on {} port {} ({})", address, server.port(), gstreamer.version());
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

    @Deactivate
    void deactivate() {
        server.close();
        logger.info("RTSP server on {} port {} stopped", address, server.port());
    }
}
