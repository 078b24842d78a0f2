package io.vigil.onvif.internal.registry;

import io.vigil.api.camera.Camera;
import io.vigil.api.camera.CameraRegistry;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The registry's configured cameras only, whatever their state (a failed camera is still one),
 * without the devices that merely announced themselves: what Vigil's ONVIF device offers a VMS as
 * profiles, each of which may cost the VMS a channel licence. A removed camera leaves the registry
 * and so leaves this view.
 */
public final class ConfiguredCameras implements CameraRegistry {

    private final CameraRegistry registry;
    private final Supplier<AnnouncedCameras> announced;

    private ConfiguredCameras(CameraRegistry registry, Supplier<AnnouncedCameras> announced) {
        this.registry = registry;
        this.announced = announced;
    }

    /** @param announced the announced devices now, or null when announcements are not listened to */
    public static CameraRegistry of(CameraRegistry registry, Supplier<AnnouncedCameras> announced) {
        return new ConfiguredCameras(registry, announced);
    }

    private Set<String> onlyAnnounced() {
        AnnouncedCameras heard = announced.get();
        return heard == null ? Set.of() : heard.cameras().stream().map(Camera::id).collect(Collectors.toSet());
    }

    @Override
    public List<Camera> cameras() {
        Set<String> skip = onlyAnnounced();
        return registry.cameras().stream().filter(c -> !skip.contains(c.id())).toList();
    }

    @Override
    public Optional<Camera> camera(String id) {
        return onlyAnnounced().contains(id) ? Optional.empty() : registry.camera(id);
    }
}
