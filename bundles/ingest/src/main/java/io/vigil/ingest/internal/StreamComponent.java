package io.vigil.ingest.internal;

import io.vigil.api.media.Frame;
import io.vigil.api.media.FrameListener;
import io.vigil.api.media.StreamTopics;
import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import io.vigil.api.status.ModuleStatus;
import io.vigil.api.status.StatusReporter;
import io.vigil.gstreamer.GStreamerRuntime;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One camera's stream, made from a factory configuration ({@code io.vigil.ingest.stream-<name>.cfg}
 * in {@code deploy/} or {@code conf/}, or the camera registry). Frames go to every
 * {@link FrameListener} registered for this camera ({@code camera.id}) or for all cameras.
 */
@Component(configurationPid = StreamComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = StatusReporter.class)
@Designate(ocd = StreamComponent.Config.class, factory = true)
public class StreamComponent implements StatusReporter {

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

    private final Logger logger;
    private final ScheduledExecutorService scheduler;
    private final CameraStream stream;
    private final Map<FrameListener, String> listeners = new ConcurrentHashMap<>();

    /** Optional: without Event Admin, state changes are only logged. */
    private volatile EventAdmin eventAdmin;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void bindEventAdmin(EventAdmin admin) {
        eventAdmin = admin;
    }

    void unbindEventAdmin(EventAdmin admin) {
        if (eventAdmin == admin) {
            eventAdmin = null;
        }
    }

    @Activate
    public StreamComponent(Config config, @Reference GStreamerRuntime gstreamer, @Reference SecretStore secrets,
            @Reference(service = LoggerFactory.class) Logger logger) throws SecretStoreException {
        this.logger = logger;
        StreamSettings settings = settings(config, secrets);
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "vigil-ingest-" + config.camera_id());
            thread.setDaemon(true);
            return thread;
        });
        stream = new CameraStream(settings, new DecoderSelector(gstreamer::elementRank), this::deliver,
                this::stateChanged, scheduler);
        stream.start();
        logger.info("Camera {}: stream {} started", settings.cameraId(), settings);
    }

    static StreamSettings settings(Config config, SecretStore secrets) throws SecretStoreException {
        StreamSettings defaults = StreamSettings.defaults(config.camera_id(), URI.create(config.uri()));
        StreamSettings settings = new StreamSettings(defaults.cameraId(), defaults.uri(), defaults.user(),
                defaults.password(), transport(config),
                Duration.ofMillis(config.latency_ms()), config.max_fps(), config.keyframes_only(), config.max_width(),
                config.max_height(), config.decoder(), defaults.backoffInitial(), defaults.backoffMax(),
                defaults.stallTimeout(), config.allow_basic());
        if (!config.user().isBlank()) {
            char[] password = config.password_alias().isBlank() ? new char[0]
                    : secrets.password(config.password_alias()).orElseThrow(() -> new SecretStoreException(
                            "camera " + config.camera_id() + ": no password '" + config.password_alias()
                                    + "' in the secret store (vigil secret set " + config.password_alias() + ")"));
            settings = settings.withCredentials(config.user(), password);
        }
        return settings;
    }

    private static StreamSettings.Transport transport(Config config) {
        try {
            return StreamSettings.Transport.valueOf(config.transport().strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("camera " + config.camera_id() + ": transport must be tcp or udp, not '"
                    + config.transport() + "'", e);
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addFrameListener(FrameListener listener, Map<String, Object> properties) {
        listeners.put(listener, String.valueOf(properties.getOrDefault("camera.id", "")));
    }

    void removeFrameListener(FrameListener listener) {
        listeners.remove(listener);
    }

    private void deliver(Frame frame) {
        listeners.forEach((listener, camera) -> {
            if (camera.isEmpty() || camera.equals(frame.cameraId())) {
                try {
                    listener.onFrame(frame);
                } catch (RuntimeException e) {
                    // one broken consumer must not stop the stream for the others
                    logger.error("Frame listener {} failed on camera {}", listener, frame.cameraId(), e);
                }
            }
        });
    }

    private void stateChanged(CameraStream.StreamState state) {
        String camera = stream == null ? "?" : stream.cameraId();
        logger.info("Camera {}: {} ({})", camera, state.phase(), state.detail());
        EventAdmin events = eventAdmin;
        if (events != null && stream != null) {
            StreamFigures.Snapshot figures = stream.figures();
            Map<String, Object> properties = new HashMap<>();
            properties.put("camera.id", camera);
            properties.put("phase", state.phase().name());
            properties.put("detail", state.detail());
            state.decoder().ifPresent(d -> properties.put("decoder", d));
            state.codec().ifPresent(c -> properties.put("codec", c.name()));
            properties.put("decoded", figures.decoded());
            properties.put("analysed", figures.analysed());
            properties.put("dropped", figures.dropped());
            properties.put("reconnects", figures.reconnects());
            events.postEvent(new Event(StreamTopics.STATE, properties));
        }
    }

    @Override
    public ModuleStatus status() {
        CameraStream.StreamState state = stream.state();
        StreamFigures.Snapshot figures = stream.figures();
        ModuleStatus.Health health = switch (state.phase()) {
            case STREAMING -> ModuleStatus.Health.OK;
            case FAILED -> ModuleStatus.Health.FAILED;
            default -> ModuleStatus.Health.DEGRADED;
        };
        String detail = state.phase() + ": " + state.detail()
                + state.codec().map(c -> ", " + c).orElse("") + state.decoder().map(d -> " via " + d).orElse("")
                + String.format(Locale.ROOT, "; decoded %d, analysed %d, dropped %d, reconnects %d, latency %.0f ms",
                        figures.decoded(), figures.analysed(), figures.dropped(), figures.reconnects(),
                        figures.lastLatencyMillis());
        return new ModuleStatus("ingest/" + stream.cameraId(), health, detail);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        stream.close();
        scheduler.shutdownNow();
        scheduler.awaitTermination(5, TimeUnit.SECONDS);
    }
}
