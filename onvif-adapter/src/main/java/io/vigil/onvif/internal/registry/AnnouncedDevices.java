package io.vigil.onvif.internal.registry;

import io.vigil.api.camera.Camera;
import io.vigil.api.camera.CameraRegistry;
import io.vigil.api.camera.CameraState;
import io.vigil.api.camera.SignageStatus;
import io.vigil.api.camera.StreamProfile;
import io.vigil.onvif.discovery.Announcement;
import io.vigil.onvif.discovery.AppSequence;
import io.vigil.onvif.discovery.DiscoveredDevice;
import io.vigil.onvif.discovery.WsDiscovery;
import java.net.URI;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * What the registry makes of the Hello and Bye it hears. A Hello from a network video
 * transmitter that is not a configured camera lists it as DISCOVERED, without credentials: Vigil
 * never sends a password to a device only because it announced itself, and analysing a camera is
 * an administrator's decision (where it looks, its signage), so it is only listed until added. A
 * Hello from a configured camera lets it retry at once; a Bye marks a configured camera failed and
 * takes a merely announced one off the list. Each change is posted on {@link CameraRegistry#CHANGED}.
 *
 * <p>Announcements are put in order by their AppSequence (a stale one is ignored), and at most
 * {@code maxDevices} devices are remembered, so a flood of datagrams cannot grow memory without
 * bound. Thread-safe.
 */
final class AnnouncedDevices implements AnnouncedCameras {

    static final int MAX_DEVICES = 1024;
    private static final String NVT = WsDiscovery.NETWORK_VIDEO_TRANSMITTER.toString();

    private record Heard(DiscoveredDevice device, Camera camera) {
    }

    private final Supplier<List<CameraHandle>> configured;
    private final Supplier<EventAdmin> events;
    private final int maxDevices;
    /** By endpoint reference, in the order first heard. */
    private final Map<String, Heard> devices = new LinkedHashMap<>();
    private final Map<String, AppSequence> lastSequence = new HashMap<>();
    private long ignored;

    /**
     * @param configured the configured cameras now
     * @param events     Event Admin, or null while there is none
     */
    AnnouncedDevices(Supplier<List<CameraHandle>> configured, Supplier<EventAdmin> events, int maxDevices) {
        this.configured = configured;
        this.events = events;
        this.maxDevices = maxDevices;
    }

    synchronized void heard(Announcement announcement) {
        String reference = announcement.device().endpointReference();
        DiscoveredDevice device = announcement.device();
        boolean hello = announcement.kind() == Announcement.Kind.HELLO;
        if (hello && (!device.types().contains(NVT) || device.xaddrs().isEmpty() || VigilDevices.isVigil(device))) {
            ignored++; // not a camera (Vigil's own device is not one), or one that would need a Resolve first: a probe finds it
            return;
        }
        if (!inOrder(reference, announcement.appSequence())) {
            ignored++;
            return;
        }
        if (hello) {
            hello(device);
        } else {
            bye(reference);
        }
    }

    private void hello(DiscoveredDevice device) {
        Optional<CameraHandle> known = configuredAt(device.xaddrs());
        Heard before = devices.get(device.endpointReference());
        Heard now = new Heard(device, before != null && before.device().xaddrs().equals(device.xaddrs()) ? before.camera()
                : listed(device));
        devices.put(device.endpointReference(), now);
        if (known.isPresent()) {
            known.get().saidHello();
        } else if (before == null || !before.camera().equals(now.camera())) {
            post(now.camera().id(), Map.of());
        }
    }

    private void bye(String reference) {
        Heard gone = devices.remove(reference);
        lastSequence.remove(reference);
        if (gone == null) {
            return; // never said Hello here: nothing to tie it to
        }
        Optional<CameraHandle> known = configuredAt(gone.device().xaddrs());
        if (known.isPresent()) {
            known.get().saidBye();
        } else {
            post(gone.camera().id(), Map.of("removed", Boolean.TRUE));
        }
    }

    /** Remembers the sequence and says whether it follows the last one of this device (a new instance always does). */
    private boolean inOrder(String reference, AppSequence sequence) {
        AppSequence last = lastSequence.get(reference);
        if (last == null && lastSequence.size() >= maxDevices) {
            return false;
        }
        if (last != null && (sequence.instanceId() < last.instanceId()
                || sequence.instanceId() == last.instanceId() && sequence.messageNumber() <= last.messageNumber())) {
            return false;
        }
        lastSequence.put(reference, sequence);
        return true;
    }

    private Optional<CameraHandle> configuredAt(List<URI> addresses) {
        return configured.get().stream().filter(h -> addresses.contains(h.camera().onvifAddress())).findFirst();
    }

    private static Camera listed(DiscoveredDevice device) {
        String name = CameraDiscovery.name(device);
        return new Camera(CameraDiscovery.cameraId(name, device.endpointReference()), name, device.xaddrs().get(0),
                Optional.empty(), "", SignageStatus.UNKNOWN, new StreamProfile("", Optional.empty(), "", 0, 0),
                new CameraState(CameraState.Phase.DISCOVERED, "said Hello; not analysed until added "
                        + "(vigil cameras discover --add, or a camera configuration)", Instant.now()));
    }

    private void post(String cameraId, Map<String, Object> extra) {
        EventAdmin admin = events.get();
        if (admin != null) {
            Map<String, Object> properties = new HashMap<>(extra);
            properties.put("camera.id", cameraId);
            properties.put("phase", CameraState.Phase.DISCOVERED.name());
            admin.postEvent(new Event(CameraRegistry.CHANGED, properties));
        }
    }

    @Override
    public synchronized List<Camera> cameras() {
        List<URI> configuredAddresses = configured.get().stream().map(h -> h.camera().onvifAddress()).toList();
        return devices.values().stream()
                .filter(heard -> heard.device().xaddrs().stream().noneMatch(configuredAddresses::contains))
                .map(Heard::camera).sorted(Comparator.comparing(Camera::id)).toList();
    }

    /** Announcements ignored since start: stale, not from a camera, or beyond the devices remembered. */
    synchronized long ignored() {
        return ignored;
    }
}
