package io.vigil.onvif.internal.registry;

import io.vigil.api.camera.Camera;
import io.vigil.api.camera.CameraRegistry;
import io.vigil.api.camera.CameraState;
import io.vigil.api.status.ModuleStatus;
import io.vigil.api.status.StatusReporter;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Every configured camera with its state, and the devices that announced themselves but are not
 * added (DISCOVERED), for other bundles, {@code vigil cameras} and status.
 */
@Component(service = {CameraRegistry.class, StatusReporter.class}, property = "vigil.module=cameras")
public class CameraRegistryService implements CameraRegistry, StatusReporter {

    private final List<CameraHandle> handles = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AnnouncedCameras announced;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCamera(CameraHandle handle) {
        handles.add(handle);
    }

    void removeCamera(CameraHandle handle) {
        handles.remove(handle);
    }

    @Override
    public List<Camera> cameras() {
        return all().sorted(Comparator.comparing(Camera::id)).toList();
    }

    @Override
    public Optional<Camera> camera(String id) {
        return all().filter(c -> c.id().equals(id)).findFirst();
    }

    /** Configured cameras first, so an id both have is the configured camera's. */
    private Stream<Camera> all() {
        AnnouncedCameras heard = announced;
        Stream<Camera> configured = handles.stream().map(CameraHandle::camera);
        return heard == null ? configured : Stream.concat(configured, heard.cameras().stream());
    }

    @Override
    public ModuleStatus status() {
        List<Camera> cameras = cameras();
        Map<CameraState.Phase, Long> byPhase = cameras.stream().collect(Collectors.groupingBy(c -> c.state().phase(),
                () -> new EnumMap<>(CameraState.Phase.class), Collectors.counting()));
        String detail = cameras.isEmpty() ? "no cameras configured" : cameras.size() + " cameras: "
                + byPhase.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().name().toLowerCase())
                        .collect(Collectors.joining(", "));
        ModuleStatus.Health health = byPhase.containsKey(CameraState.Phase.FAILED) ? ModuleStatus.Health.DEGRADED
                : ModuleStatus.Health.OK;
        return new ModuleStatus("cameras", health, detail);
    }
}
