package io.vigil.onvif.internal.registry;

import io.vigil.api.camera.Camera;
import io.vigil.api.camera.CameraRegistry;
import io.vigil.api.camera.CameraState;
import io.vigil.api.camera.SignageStatus;
import io.vigil.api.camera.StreamProfile;
import io.vigil.api.media.CameraStreams;
import io.vigil.api.media.CameraStreamsListener;
import io.vigil.api.media.StreamSpec;
import io.vigil.api.media.StreamTopics;
import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import io.vigil.onvif.soap.OnvifException;
import io.vigil.onvif.security.Credentials;
import io.vigil.onvif.transport.ClientAuthentication;
import io.vigil.onvif.transport.SoapClient;
import io.vigil.onvif.transport.SoapClientOptions;
import io.vigil.onvif.internal.client.ConnectedCamera;
import io.vigil.onvif.internal.client.DeviceClient;
import io.vigil.onvif.internal.client.OnvifCamera;
import io.vigil.onvif.internal.client.ProfilePolicy;
import io.vigil.onvif.message.Resolution;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One camera the VMS has, added by hand or imported ({@code io.vigil.onvif.camera-<id>.cfg}):
 * Vigil reaches its ONVIF device service with the credentials from the secret store, chooses a
 * stream profile and offers its RTSP URI to ingest as a {@link CameraStreams} (one spec, once
 * resolved; ingest runs it and stops it when this component goes). Failures are retried with
 * backoff; the state says where it stands and why.
 */
@Component(configurationPid = CameraComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {CameraHandle.class, EventHandler.class, CameraStreams.class},
        property = EventConstants.EVENT_TOPIC + "=" + StreamTopics.STATE)
@Designate(ocd = CameraComponent.Config.class, factory = true)
public class CameraComponent implements CameraHandle, EventHandler, CameraStreams {

    static final String PID = "io.vigil.onvif.camera";
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofMinutes(5);

    @ObjectClassDefinition(name = "Vigil camera", description = "A camera Vigil analyses, reached over ONVIF")
    public @interface Config {

        @AttributeDefinition(name = "Camera id", description = "Vigil's id for the camera")
        String camera_id();

        @AttributeDefinition(name = "Name")
        String name() default "";

        @AttributeDefinition(name = "ONVIF device service", description = "e.g. http://10.1.2.3/onvif/device_service")
        String address();

        @AttributeDefinition(name = "User")
        String user() default "";

        @AttributeDefinition(name = "Password alias", description = "The camera's password in the secret store")
        String password_alias() default "";

        @AttributeDefinition(name = "VMS camera id", description = "The VMS's own id for this camera")
        String vms_camera_id() default "";

        @AttributeDefinition(name = "Location")
        String location() default "";

        @AttributeDefinition(name = "Signage", description = "posted, not_posted or unknown")
        String signage() default "unknown";

        @AttributeDefinition(name = "Profile width", description = "The stream chosen is the profile closest to this size")
        int profile_width() default 1280;

        @AttributeDefinition(name = "Profile height")
        int profile_height() default 720;

        @AttributeDefinition(name = "Profile encodings", description = "Accepted encodings, comma-separated, preferred first")
        String profile_encodings() default "H264,H265";

        @AttributeDefinition(name = "RTSP URI override",
                description = "Use this stream (e.g. the VMS's restream) instead of asking the camera; the camera's "
                        + "login goes to its host. Without it, a stream or service the camera names on another host "
                        + "than its address is refused")
        String rtsp_uri() default "";

        @AttributeDefinition(name = "Allow RTSP Basic",
                description = "Send the password as RTSP Basic (in clear) when the camera offers nothing better over "
                        + "plain rtsp://. Off by default: the password goes only as Digest")
        boolean rtsp_allow_basic() default false;
    }

    private final Config config;
    private final SecretStore secrets;
    private final Logger logger;
    private final ScheduledExecutorService worker;
    private final ByeRecheck byeRecheck = new ByeRecheck(ByeRecheck.INTERVAL);
    private volatile Duration nextRetry = FIRST_RETRY;
    private volatile Camera camera;
    /** The stream offered to ingest: none until the camera's stream is resolved. */
    private volatile Optional<StreamSpec> offered = Optional.empty();
    /** The retry waiting to run, if any; touched on the worker thread only. */
    private ScheduledFuture<?> retry;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile EventAdmin events;

    /** Told when the offered stream changes (ingest); a new or withdrawn offer is a service coming or going. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, fieldOption = FieldOption.UPDATE)
    private final List<CameraStreamsListener> streamListeners = new CopyOnWriteArrayList<>();

    @Activate
    public CameraComponent(Config config, org.osgi.framework.BundleContext context, @Reference SecretStore secrets,
            @Reference(service = LoggerFactory.class) Logger logger) {
        this.config = config;
        this.secrets = secrets;
        this.logger = logger;
        URI address = URI.create(config.address());
        this.camera = new Camera(config.camera_id(), config.name().isBlank() ? config.camera_id() : config.name(), address,
                config.vms_camera_id().isBlank() ? Optional.empty() : Optional.of(config.vms_camera_id()),
                config.location(), signage(config.signage()), new StreamProfile("", Optional.empty(), "", 0, 0),
                new CameraState(CameraState.Phase.DISCOVERED, "configured", Instant.now()));
        worker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "vigil-camera-" + config.camera_id());
            thread.setDaemon(true);
            return thread;
        });
        // a one-shot container for a data command (vigil faces, watchlist, compliance ...) lists the
        // cameras as configured but neither reaches them nor pulls their streams
        if (MEDIA_OFF.equals(context.getProperty(MEDIA_PROPERTY))) {
            camera = new Camera(camera.id(), camera.name(), camera.onvifAddress(), camera.vmsCameraId(), camera.location(),
                    camera.signage(), camera.streamProfile(), new CameraState(CameraState.Phase.DISCOVERED,
                            "configured; not connected by a one-shot container", Instant.now()));
        } else {
            worker.execute(this::resolve);
        }
    }

    /** Framework property the launcher sets to {@value #MEDIA_OFF} for a container that serves and pulls no media. */
    static final String MEDIA_PROPERTY = "vigil.media";
    static final String MEDIA_OFF = "off";

    static SignageStatus signage(String value) {
        try {
            return SignageStatus.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("signage must be posted, not_posted or unknown, not '" + value + "'", e);
        }
    }

    /** Reaches the camera, chooses its stream and hands it to ingest; on failure, tries again later. */
    private void resolve() {
        try {
            // a camera checked again while it streams (a Bye named it) keeps streaming if the check passes
            boolean streaming = camera.state().phase() == CameraState.Phase.STREAMING;
            StreamProfile profile = streamProfile();
            change(streaming ? CameraState.Phase.STREAMING : CameraState.Phase.STREAM_RESOLVED,
                    "stream " + profile.streamUri().orElseThrow(), profile);
            offer(profile.streamUri().orElseThrow());
            nextRetry = FIRST_RETRY;
        } catch (OnvifException | SecretStoreException | RuntimeException e) {
            Duration delay = nextRetry;
            nextRetry = delay.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : delay.multipliedBy(2);
            change(CameraState.Phase.FAILED, e.getMessage() + "; retrying in " + delay.toSeconds() + " s", camera.streamProfile());
            retry = worker.schedule(this::resolve, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void saidHello() {
        onWorker(() -> {
            // a camera back on the network need not wait out a backoff of up to five minutes
            if (camera.state().phase() == CameraState.Phase.FAILED) {
                if (retry != null) {
                    retry.cancel(false);
                }
                nextRetry = FIRST_RETRY;
                resolve();
            }
        });
    }

    @Override
    public void saidBye() {
        onWorker(() -> {
            // anyone can send a Bye naming this camera (unauthenticated UDP), so it fails nothing
            // by itself: the camera is asked again with its credentials at its configured address;
            // a camera really gone fails that check (or its stream fails), a spoofed Bye changes nothing
            if (camera.state().phase() != CameraState.Phase.FAILED && byeRecheck.due(Instant.now())) {
                logger.info("Camera {}: a WS-Discovery Bye named it; checking it over ONVIF", config.camera_id());
                resolve();
            }
        });
    }

    private void onWorker(Runnable task) {
        try {
            worker.execute(task);
        } catch (RejectedExecutionException e) {
            // deactivated: the camera is no longer Vigil's
        }
    }

    private StreamProfile streamProfile() throws OnvifException, SecretStoreException {
        if (!config.rtsp_uri().isBlank()) {
            return new StreamProfile("configured", Optional.of(URI.create(config.rtsp_uri())), "", 0, 0);
        }
        char[] password = config.password_alias().isBlank() ? new char[0]
                : secrets.password(config.password_alias()).orElseThrow(() -> new SecretStoreException("no password '"
                        + config.password_alias() + "' in the secret store (vigil secret set " + config.password_alias() + ")"));
        try {
            ClientAuthentication auth = config.user().isBlank() ? ClientAuthentication.none()
                    : ClientAuthentication.of(new Credentials(config.user(), password));
            DeviceClient device = new DeviceClient(new SoapClient(SoapClientOptions.DEFAULTS), camera.onvifAddress(), auth,
                    Clock.systemUTC());
            ProfilePolicy policy = new ProfilePolicy(new Resolution(config.profile_width(), config.profile_height()),
                    Arrays.stream(config.profile_encodings().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList());
            ConnectedCamera connected = new OnvifCamera(device, policy).connect();
            if (camera.state().phase() != CameraState.Phase.STREAMING) {
                change(CameraState.Phase.AUTHENTICATED, connected.device().manufacturer() + " " + connected.device().model(),
                        camera.streamProfile());
            }
            return new StreamProfile(connected.profile().token(), Optional.of(connected.streamUri()),
                    connected.profile().encoding(), connected.profile().resolution().width(),
                    connected.profile().resolution().height());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** Offers the camera's stream to ingest; a changed stream is announced so that ingest restarts it. */
    private void offer(URI stream) {
        Optional<StreamSpec> next = Optional.of(StreamSpec.of(config.camera_id(), stream, config.user(), config.password_alias(),
                config.rtsp_allow_basic()));
        if (next.equals(offered)) {
            return;
        }
        offered = next;
        for (CameraStreamsListener listener : streamListeners) {
            try {
                listener.streamsChanged(this);
            } catch (RuntimeException e) {
                logger.error("Camera {}: a stream listener failed: {}", config.camera_id(), e.getMessage());
            }
        }
    }

    @Override
    public List<StreamSpec> streams() {
        return offered.stream().toList();
    }

    @Override
    public void handleEvent(Event event) {
        if (!config.camera_id().equals(event.getProperty("camera.id"))) {
            return;
        }
        String phase = String.valueOf(event.getProperty("phase"));
        String detail = String.valueOf(event.getProperty("detail"));
        switch (phase) {
            case "STREAMING" -> change(CameraState.Phase.STREAMING, detail, camera.streamProfile());
            case "FAILED", "RECONNECTING" -> {
                if (camera.state().phase() == CameraState.Phase.STREAMING) {
                    change(CameraState.Phase.FAILED, "stream: " + detail, camera.streamProfile());
                }
            }
            default -> {
                // connecting: the registry's own phase still says where it stands
            }
        }
    }

    private void change(CameraState.Phase phase, String detail, StreamProfile profile) {
        Camera old = camera;
        camera = new Camera(old.id(), old.name(), old.onvifAddress(), old.vmsCameraId(), old.location(), old.signage(),
                profile, new CameraState(phase, detail, Instant.now()));
        if (old.state().phase() != phase) {
            logger.info("Camera {}: {} ({})", old.id(), phase, detail);
            EventAdmin admin = events;
            if (admin != null) {
                admin.postEvent(new Event(CameraRegistry.CHANGED, Map.of("camera.id", old.id(), "phase", phase.name())));
            }
        }
    }

    @Override
    public Camera camera() {
        return camera;
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
        // the camera is gone from Vigil: so is its stream (its CameraStreams service is gone, and ingest with it)
        // those who follow the registry (the ONVIF device's profiles and restreams) drop it now
        EventAdmin admin = events;
        if (admin != null) {
            admin.postEvent(new Event(CameraRegistry.CHANGED, Map.of("camera.id", config.camera_id(), "phase",
                    camera.state().phase().name(), "removed", Boolean.TRUE)));
        }
    }
}
