package io.vigil.onvif.internal.device;

import io.vigil.api.alert.Alert;
import io.vigil.api.camera.Camera;
import io.vigil.api.camera.CameraRegistry;
import io.vigil.api.camera.CameraState;
import io.vigil.api.camera.SignageStatus;
import io.vigil.api.camera.StreamProfile;
import io.vigil.onvif.device.PrivateDevice;
import io.vigil.onvif.device.PrivateDevices;
import io.vigil.onvif.message.DeviceInformation;
import io.vigil.onvif.security.Credentials;
import jakarta.servlet.Servlet;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * {@link PrivateDevices}: a {@link DeviceRuntime} with the product's broker defaults, one camera,
 * one account and no alert store, and the product's {@link DeviceServlet} for it. Nothing runs
 * until a device is opened.
 */
@Component(service = PrivateDevices.class)
public class PrivateDevicesComponent implements PrivateDevices {

    private static final URI RTSP_BASE = URI.create("rtsp://127.0.0.1:8554");
    /** A PullMessages may wait up to the broker's longest timeout; the servlet's async limit is above it. */
    private static final long ASYNC_TIMEOUT_MILLIS = 180_000;

    @Override
    public PrivateDevice open(String cameraId, String user, char[] password) {
        Camera camera = new Camera(cameraId, cameraId, URI.create("http://127.0.0.1/onvif/device_service"), Optional.empty(),
                cameraId, SignageStatus.UNKNOWN, new StreamProfile(cameraId, Optional.empty(), "H264", 1920, 1080),
                new CameraState(CameraState.Phase.STREAMING, cameraId, Instant.now()));
        CameraRegistry cameras = new CameraRegistry() {
            @Override
            public List<Camera> cameras() {
                return List.of(camera);
            }

            @Override
            public Optional<Camera> camera(String id) {
                return camera.id().equals(id) ? Optional.of(camera) : Optional.empty();
            }
        };
        DeviceRuntime.Settings settings = new DeviceRuntime.Settings(
                new OnvifDevice.Identity(new DeviceInformation("Vigil", "Vigil bench", "0", "bench", "vigil"),
                        "urn:uuid:00000000-0000-4000-8000-00000000be9c", "vigil-bench",
                        List.of("onvif://www.onvif.org/name/VigilBench"), RTSP_BASE.toString()),
                EventBroker.Options.DEFAULTS, Duration.ofSeconds(5), Duration.ofMinutes(5), "VigilFaceRecognition", Map.of(),
                Optional.of("Blacklisted"), Duration.ZERO, "Vigil");
        DeviceRuntime runtime = new DeviceRuntime(settings, cameras, ServiceAccounts.of(Map.of(user, new Credentials(user, password))),
                Optional::empty, Clock.systemUTC());
        DeviceServlet servlet = new DeviceServlet(runtime.device(), ASYNC_TIMEOUT_MILLIS);
        Channel channel = Channel.of(camera, RTSP_BASE);
        return new PrivateDevice() {
            @Override
            public Servlet servlet() {
                return servlet;
            }

            @Override
            public void publish(Alert alert) {
                runtime.feed().publish(alert, channel);
            }

            @Override
            public long dropped() {
                return runtime.broker().dropped();
            }

            @Override
            public int queueCapacity() {
                return EventBroker.Options.DEFAULTS.queueCapacity();
            }

            @Override
            public void close() {
                runtime.close();
            }
        };
    }
}
