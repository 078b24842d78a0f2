package io.vigil.simulator.internal;

import io.vigil.api.media.MediaException;
import io.vigil.api.media.RtspCredentials;
import io.vigil.api.media.RtspMount;
import io.vigil.api.media.RtspServer;
import io.vigil.api.media.StreamSource;
import io.vigil.api.media.VideoCodec;
import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import io.vigil.api.status.ModuleStatus;
import io.vigil.api.status.StatusReporter;
import io.vigil.onvif.security.Credentials;
import io.vigil.simulator.internal.discovery.DiscoverySettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import io.vigil.onvif.message.MediaProfile;
import io.vigil.onvif.message.Resolution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One simulated ONVIF camera made from a factory configuration
 * ({@code io.vigil.simulator.camera-<name>.cfg}): each of its profiles is a stream of its own on
 * the product's RTSP server, encoded as the profile says, under the camera's own user and
 * password (the main stream at {@code /sim/<name>} in the configured codec and size, the others
 * at {@code /sim/<name>/<profile>}); its ONVIF device service answers on loopback with those
 * streams' URIs. A profile whose encoder GStreamer lacks (x265enc for H.265) is not offered.
 */
@Component(configurationPid = SimulatedCameraComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = StatusReporter.class)
@Designate(ocd = SimulatedCameraComponent.Config.class, factory = true)
public class SimulatedCameraComponent implements StatusReporter {

    static final String PID = "io.vigil.simulator.camera";

    @ObjectClassDefinition(name = "Vigil simulated camera", description = "A simulated ONVIF camera on loopback")
    public @interface Config {

        @AttributeDefinition(name = "Name", description = "Also the RTSP path of the main stream: /sim/<name>")
        String name();

        @AttributeDefinition(name = "ONVIF port", description = "0: any free port")
        int port() default 0;

        @AttributeDefinition(name = "User")
        String user() default "admin";

        @AttributeDefinition(name = "Password alias", description = "The camera's password in the secret store")
        String password_alias();

        @AttributeDefinition(name = "Clock offset (s)", description = "How far the camera's clock is ahead (negative: behind)")
        long clock_offset_seconds() default 0;

        @AttributeDefinition(name = "Media2", description = "Offer the Media2 service besides Media1")
        boolean media2() default true;

        @AttributeDefinition(name = "Photos", description = "Image files for a clip, shown in turn; empty: a test pattern")
        String[] photos() default {};

        @AttributeDefinition(name = "Seconds per photo")
        int seconds_per_photo() default 2;

        @AttributeDefinition(name = "Codec", description = "The main stream's: H264, H265 or MJPEG")
        String codec() default "H264";

        @AttributeDefinition(name = "Width")
        int width() default 1280;

        @AttributeDefinition(name = "Height")
        int height() default 720;

        @AttributeDefinition(name = "Frames per second")
        int fps() default 10;

        @AttributeDefinition(name = "Discovery port",
                description = "UDP port on 127.0.0.1 answering directed WS-Discovery probes; -1: none, 0: any")
        int discovery_port() default -1;

        @AttributeDefinition(name = "Discovery by multicast",
                description = "Also say Hello when started and Bye when stopped, and answer multicast probes, on "
                        + "239.255.255.250:3702 through loopback only. For tests and demos inside an isolated "
                        + "network namespace; never on a machine whose network others share")
        boolean discovery_multicast() default false;
    }

    private final String name;
    private final boolean multicast;
    private final List<RtspMount> mounts = new ArrayList<>();
    private final SimulatedCamera camera;

    /**
     * The stream as a client on this machine reaches it: an RTSP server listening on every
     * interface (0.0.0.0) names that wildcard in its URIs, which is no address to connect to, and
     * clients send the camera's login only to the camera's own host, 127.0.0.1.
     */
    static URI onLoopback(URI stream) {
        String host = stream.getHost();
        if (host == null || !(host.equals("0.0.0.0") || host.equals("[::]"))) {
            return stream;
        }
        return URI.create(stream.getScheme() + "://127.0.0.1:" + stream.getPort() + stream.getRawPath());
    }

    @Activate
    public SimulatedCameraComponent(Config config, @Reference RtspServer rtsp, @Reference SecretStore secrets,
            @Reference(service = LoggerFactory.class) Logger logger) throws SecretStoreException, MediaException, IOException {
        this.name = config.name();
        this.multicast = config.discovery_multicast();
        char[] password = secrets.password(config.password_alias()).orElseThrow(() -> new SecretStoreException(
                "simulated camera " + name + ": no password '" + config.password_alias()
                        + "' in the secret store (vigil secret set " + config.password_alias() + ")"));
        try {
            List<SimulatedCameraSettings.ServedProfile> served = mountProfiles(config, rtsp, password, logger);
            SimulatedCameraSettings settings = SimulatedCameraSettings.of(new Credentials(config.user(), password),
                            served.get(0).streamUri())
                    .withProfiles(served)
                    .withPort(config.port())
                    .withClockOffset(Duration.ofSeconds(config.clock_offset_seconds()));
            // a simulator answers directed probes on loopback only, and multicasts only when its
            // configuration says the container runs where that is safe (a network namespace of its own)
            DiscoverySettings discovery = config.discovery_port() < 0 && !config.discovery_multicast() ? null
                    : withPort(DiscoverySettings.unicastOnly(name), Math.max(0, config.discovery_port()),
                            config.discovery_multicast());
            camera = new SimulatedCamera(config.media2() ? settings : settings.withoutMedia2(), discovery);
        } catch (MediaException | RuntimeException e) {
            closeMounts();
            throw e;
        } finally {
            Arrays.fill(password, '\0');
        }
        try {
            camera.start();
        } catch (IOException | RuntimeException e) {
            closeMounts();
            throw e;
        }
        logger.info("Simulated camera {}: ONVIF {} streaming {}", name, camera.deviceService(), mounts.get(0).uri());
    }

    /**
     * Mounts every profile's stream, the main one first; the main stream must mount, another that
     * cannot (its encoder is missing) is logged and left out of the profiles.
     */
    private List<SimulatedCameraSettings.ServedProfile> mountProfiles(Config config, RtspServer rtsp, char[] password,
            Logger logger) throws MediaException {
        VideoCodec mainCodec = VideoCodec.valueOf(config.codec().strip().toUpperCase(Locale.ROOT));
        List<SimulatedCameraSettings.ServedProfile> served = new ArrayList<>();
        for (MediaProfile profile : SimulatedProfiles.of(mainCodec, new Resolution(config.width(), config.height()))) {
            boolean main = served.isEmpty() && mounts.isEmpty();
            String path = "/sim/" + name + (main ? "" : "/" + profile.token().replace("Profile_", "").toLowerCase(Locale.ROOT));
            Resolution size = profile.video().orElseThrow().resolution();
            try {
                RtspMount mount = rtsp.mount(path, source(config, SimulatedProfiles.codec(profile), size.width(), size.height()),
                        Optional.of(new RtspCredentials(config.user(), password.clone())));
                mounts.add(mount);
                served.add(new SimulatedCameraSettings.ServedProfile(profile, onLoopback(mount.uri())));
            } catch (MediaException e) {
                if (main) {
                    throw e;
                }
                logger.warn("Simulated camera {}: profile {} not offered: {}", name, profile.token(), e.getMessage());
            }
        }
        return served;
    }

    private void closeMounts() {
        mounts.forEach(RtspMount::close);
        mounts.clear();
    }

    private static DiscoverySettings withPort(DiscoverySettings settings, int port, boolean multicast) {
        return new DiscoverySettings(settings.endpointReference(), settings.name(), settings.hardware(), settings.location(),
                port, multicast);
    }

    /** The configured pattern or clip, in {@code codec} at {@code width}x{@code height}. */
    static StreamSource source(Config config, VideoCodec codec, int width, int height) {
        if (config.photos().length == 0) {
            return new StreamSource.TestPattern(codec, width, height, config.fps());
        }
        List<Path> photos = Arrays.stream(config.photos()).map(String::strip).map(Path::of).toList();
        return new StreamSource.StillPhotos(photos, Duration.ofSeconds(config.seconds_per_photo()), codec,
                width, height, config.fps());
    }

    @Override
    public ModuleStatus status() {
        return new ModuleStatus("simulator/" + name, ModuleStatus.Health.OK,
                "ONVIF " + camera.deviceService() + ", video " + mounts.get(0).uri() + " and " + (mounts.size() - 1)
                        + " other profile stream(s)" + camera.discoveryResponder()
                        .map(r -> ", discovery udp " + r.unicastAddress().getHostString() + ":" + r.unicastAddress().getPort()
                                + (multicast ? " and multicast" : ""))
                        .orElse(""));
    }

    @Deactivate
    void deactivate() {
        camera.close();
        closeMounts();
    }
}
