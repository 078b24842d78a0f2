package io.vigil.onvif.internal.device;

import io.vigil.api.alert.Alert;
import io.vigil.api.alert.AlertState;
import io.vigil.api.alert.AlertStore;
import io.vigil.api.alert.RecognitionEvidence;
import io.vigil.api.camera.Camera;
import io.vigil.api.camera.CameraRegistry;
import io.vigil.api.camera.CameraState;
import io.vigil.api.camera.SignageStatus;
import io.vigil.api.camera.StreamProfile;
import io.vigil.api.watchlist.Recognition;
import io.vigil.onvif.message.DeviceInformation;
import io.vigil.onvif.security.Credentials;
import io.vigil.support.https.HttpsConnector;
import io.vigil.support.tls.TlsIdentity;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;

/**
 * A running Vigil device for tests: the real {@link DeviceServlet} in the same Jetty the container
 * runs (Felix HTTP Jetty's embedded Jetty 11), on 127.0.0.1 and a free port, over two cameras and
 * an in-memory {@link AlertStore}. Public for the tests of Vigil's own ONVIF clients in other
 * packages (the events client), which follow this device as they follow any.
 */
public final class DeviceHarness implements AutoCloseable {

    public static final String USER = "vms";
    public static final char[] PASSWORD = "s3cret vms".toCharArray();
    /** A second service account, as a second VMS (or a hostile one) would have. */
    static final String OTHER_USER = "vms-2";
    static final char[] OTHER_PASSWORD = "other s3cret".toCharArray();

    /** A small in-memory alert store: what the durable one answers, without SQLite. */
    static final class MemoryAlertStore implements AlertStore {
        final Map<String, Alert> alerts = new ConcurrentHashMap<>();
        final List<String> order = new CopyOnWriteArrayList<>();

        void put(Alert alert) {
            alerts.put(alert.id(), alert);
            order.add(alert.id());
        }

        @Override
        public Alert store(Recognition recognition, RecognitionEvidence evidence) {
            throw new UnsupportedOperationException("tests put alerts directly");
        }

        @Override
        public Optional<Alert> alert(String id) {
            return Optional.ofNullable(alerts.get(id));
        }

        @Override
        public List<Alert> since(Optional<String> afterId, int limit) {
            int start = afterId.map(id -> order.indexOf(id) + 1).orElse(0);
            return order.subList(start, Math.min(order.size(), start + limit)).stream().map(alerts::get).toList();
        }
    }

    final MemoryAlertStore store = new MemoryAlertStore();
    final List<Camera> cameras = new CopyOnWriteArrayList<>();
    final DeviceRuntime runtime;
    private final Server server;
    final URI base;

    public DeviceHarness() throws Exception {
        this(EventBroker.Options.DEFAULTS, Duration.ofSeconds(5));
    }

    DeviceHarness(EventBroker.Options events, Duration reapEvery) throws Exception {
        this(events, reapEvery, DeviceRuntime.Protection.DEFAULTS, 200);
    }

    /** Push allowed to loopback consumers (a VMS's event receiver on this machine), deadline {@code pushDeadline}. */
    static DeviceRuntime.Protection loopbackPush(Duration pushDeadline) {
        DeviceRuntime.Protection defaults = DeviceRuntime.Protection.DEFAULTS;
        return new DeviceRuntime.Protection(PushAllowList.parse(new String[] {"127.0.0.0/8"}), pushDeadline, defaults.logins(),
                defaults.externalAddress(), defaults.bodyDeadline());
    }

    /**
     * @param maxThreads Jetty's thread pool (200 is Jetty's default)
     */
    DeviceHarness(EventBroker.Options events, Duration reapEvery, DeviceRuntime.Protection protection, int maxThreads)
            throws Exception {
        this(events, reapEvery, protection, maxThreads, true);
    }

    /** @param plainHttp whether the device serves plain HTTP (else only connectors added by {@link #addHttps}) */
    DeviceHarness(EventBroker.Options events, Duration reapEvery, DeviceRuntime.Protection protection, int maxThreads,
            boolean plainHttp) throws Exception {
        cameras.add(camera("cam-1", "Entrance"));
        cameras.add(camera("cam-2", "Lobby"));
        CameraRegistry registry = new CameraRegistry() {
            @Override
            public List<Camera> cameras() {
                return List.copyOf(cameras);
            }

            @Override
            public Optional<Camera> camera(String id) {
                return cameras.stream().filter(c -> c.id().equals(id)).findFirst();
            }
        };
        DeviceRuntime.Settings settings = new DeviceRuntime.Settings(
                new OnvifDevice.Identity(new DeviceInformation("Vigil", "Vigil face watchlist", "0.1.0", "SN1", "vigil"),
                        "urn:uuid:5f0c1a52-0000-4000-8000-000000000001", "vigil-test",
                        List.of("onvif://www.onvif.org/type/video_analytics", "onvif://www.onvif.org/name/Vigil"),
                        "rtsp://127.0.0.1:8554"),
                events, reapEvery, Duration.ofMinutes(5), "VigilFaceRecognition", Map.of("wl-suspects", "suspect"),
                Optional.empty(), Duration.ofMillis(500), "Vigil", protection);
        runtime = new DeviceRuntime(settings, registry, ServiceAccounts.of(Map.of(USER, new Credentials(USER, PASSWORD),
                OTHER_USER, new Credentials(OTHER_USER, OTHER_PASSWORD))),
                () -> Optional.of(store), Clock.systemUTC());
        org.eclipse.jetty.util.thread.QueuedThreadPool threads = new org.eclipse.jetty.util.thread.QueuedThreadPool(maxThreads,
                Math.min(8, maxThreads));
        threads.setName("device-harness");
        server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        ServletHolder holder = new ServletHolder(new DeviceServlet(runtime.device(), 180_000, protection.bodyDeadline(), plainHttp));
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/onvif/*");
        server.setHandler(context);
        server.start();
        base = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    /** Adds the device's HTTPS connector, as the component registers it with the container's Jetty; its address. */
    URI addHttps(TlsIdentity identity) throws Exception {
        HttpsConnector factory = new HttpsConnector(identity, "vigil-onvif-device-https", "127.0.0.1", 0, 30_000);
        org.eclipse.jetty.server.Connector connector = factory.createConnector(server);
        server.addConnector(connector);
        connector.start();
        return URI.create("https://127.0.0.1:" + factory.localPort());
    }

    static Camera camera(String id, String name) {
        return new Camera(id, name, URI.create("http://10.0.0.1/onvif/device_service"), Optional.empty(), name,
                SignageStatus.POSTED, new StreamProfile("main", Optional.empty(), "H264", 1920, 1080),
                new CameraState(CameraState.Phase.STREAMING, "test", Instant.now()));
    }

    public URI device() {
        return base.resolve(OnvifDevice.DEVICE_PATH);
    }

    URI events() {
        return base.resolve(OnvifDevice.EVENTS_PATH);
    }

    /** Stores an alert and hands its id to the feed, as the Event Admin handler does. */
    public Alert recognise(String id, String cameraId, String pseudonym, Instant captureTime) {
        // a 100x100 face at the left quarter of a 1280x720 frame: BoundingBox (-0.75, 0.444) .. (-0.594, 0.167)
        Alert alert = new Alert(id, "dep-1", cameraId, Optional.empty(), captureTime, 42L, "wl-suspects", pseudonym, 0.83f,
                0.6f, AlertState.NEW, Instant.now(), Optional.of(new io.vigil.api.alert.FacePlacement(
                        new io.vigil.api.face.BoundingBox(160, 200, 100, 100), 1280, 720)));
        store.put(alert);
        runtime.feed().offer(id);
        return alert;
    }

    /** How many subscriptions the device holds now (an unsubscribed follower leaves none). */
    public int subscriptions() {
        return runtime.broker().size();
    }

    @Override
    public void close() throws Exception {
        server.stop();
        runtime.close();
    }

    static List<String> list(String... values) {
        return new ArrayList<>(List.of(values));
    }
}
