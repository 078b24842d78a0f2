package io.vigil.onvif.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.camera.Camera;
import io.vigil.api.camera.CameraRegistry;
import io.vigil.api.camera.CameraState;
import io.vigil.api.camera.SignageStatus;
import io.vigil.api.camera.StreamProfile;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What Vigil's ONVIF device offers as profiles: configured cameras, failed ones included, never a device that only said Hello. */
class ConfiguredCamerasTest {

    private static Camera camera(String id, CameraState.Phase phase) {
        return new Camera(id, id, URI.create("http://127.0.0.1:1/onvif/device_service"), Optional.empty(), "", SignageStatus.UNKNOWN,
                new StreamProfile("", Optional.empty(), "", 0, 0), new CameraState(phase, "", Instant.now()));
    }

    @Test
    void announcedDevicesAreNotOfferedAndFailedCamerasStay() {
        Camera lobby = camera("lobby", CameraState.Phase.STREAMING);
        Camera failed = camera("gate", CameraState.Phase.FAILED);
        Camera heard = camera("hello-1", CameraState.Phase.DISCOVERED);
        CameraRegistry registry = new CameraRegistry() {
            @Override
            public List<Camera> cameras() {
                return List.of(failed, heard, lobby);
            }

            @Override
            public Optional<Camera> camera(String id) {
                return cameras().stream().filter(c -> c.id().equals(id)).findFirst();
            }
        };
        AnnouncedCameras announced = () -> List.of(heard);
        CameraRegistry configured = ConfiguredCameras.of(registry, () -> announced);
        assertEquals(List.of("gate", "lobby"), configured.cameras().stream().map(Camera::id).toList());
        assertTrue(configured.camera("hello-1").isEmpty());
        assertEquals(CameraState.Phase.FAILED, configured.camera("gate").orElseThrow().state().phase());
        assertEquals(3, ConfiguredCameras.of(registry, () -> null).cameras().size(), "no listener: nothing announced");
    }
}
