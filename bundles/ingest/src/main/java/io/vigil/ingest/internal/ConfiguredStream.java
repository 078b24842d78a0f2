package io.vigil.ingest.internal;

import io.vigil.api.media.CameraStreams;
import io.vigil.api.media.StreamSpec;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * A stream an administrator configured by hand ({@code io.vigil.ingest.stream-<name>.cfg} in
 * {@code deploy/} or {@code conf/}): a plain RTSP camera with no ONVIF device behind it, or one
 * whose stream is tuned beyond what the registry offers. It is offered to ingest like the
 * registry's streams, as a {@link CameraStreams} with one spec; {@link StreamRunner} runs it. A
 * changed file is a new configuration: SCR makes this component again, so the runner sees the old
 * offer go and the new one come, and restarts the stream.
 */
@Component(configurationPid = ConfiguredStream.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = CameraStreams.class, property = "vigil.streams.source=configuration")
@Designate(ocd = ConfiguredStream.Config.class, factory = true)
public class ConfiguredStream implements CameraStreams {

    static final String PID = "io.vigil.ingest.stream";

    @ObjectClassDefinition(name = "Vigil camera stream", description = "One camera's RTSP stream, analysed by Vigil.")
    public @interface Config {

        @AttributeDefinition(name = "Camera id", description = "Vigil's id for the camera")
        String camera_id();

        @AttributeDefinition(name = "RTSP URI", description = "Without user name or password")
        String uri();

        @AttributeDefinition(name = "User", description = "RTSP user; empty when the stream needs none")
        String user() default "";

        @AttributeDefinition(name = "Password alias", description = "Alias of the password in the secret store")
        String password_alias() default "";

        @AttributeDefinition(name = "Transport", description = "tcp (default) or udp")
        String transport() default "tcp";

        @AttributeDefinition(name = "Latency (ms)", description = "Jitter buffer latency")
        int latency_ms() default 200;

        @AttributeDefinition(name = "Maximum analysed frames per second")
        double max_fps() default 5;

        @AttributeDefinition(name = "Key frames only", description = "Decode only key frames (very large fleets)")
        boolean keyframes_only() default false;

        @AttributeDefinition(name = "Maximum width", description = "Scale larger frames down; 0 keeps full resolution")
        int max_width() default 0;

        @AttributeDefinition(name = "Maximum height", description = "Scale larger frames down; 0 keeps full resolution")
        int max_height() default 0;

        @AttributeDefinition(name = "Decoder", description = "auto (hardware when present), software, or a decoder element")
        String decoder() default DecoderSelector.AUTO;

        @AttributeDefinition(name = "Allow RTSP Basic",
                description = "Send the password as RTSP Basic (in clear) to a camera that offers nothing better over "
                        + "plain rtsp://; off by default: the password goes only as Digest")
        boolean allow_basic() default false;
    }

    private final StreamSpec spec;

    /** A bad value fails activation with the camera named (SCR logs it); nothing is offered then. */
    @Activate
    public ConfiguredStream(Config config) {
        this.spec = spec(config);
    }

    static StreamSpec spec(Config config) {
        return new StreamSpec(config.camera_id(), URI.create(config.uri()), config.user(), config.password_alias(),
                transport(config), Duration.ofMillis(config.latency_ms()), config.max_fps(), config.keyframes_only(),
                config.max_width(), config.max_height(), config.decoder(), config.allow_basic());
    }

    private static StreamSpec.Transport transport(Config config) {
        try {
            return StreamSpec.Transport.valueOf(config.transport().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("camera " + config.camera_id() + ": transport must be tcp or udp, not '"
                    + config.transport() + "'", e);
        }
    }

    @Override
    public List<StreamSpec> streams() {
        return List.of(spec);
    }
}
