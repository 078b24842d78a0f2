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
 * Hello from a configured camera lets it retry at once. A Bye takes a merely announced device off
 * the list; a configured camera is only told of it ({@link CameraHandle#saidBye()}), never failed
 * by it, since anyone on the network can send a Bye naming any device. Each change is posted on
 * {@link CameraRegistry#CHANGED}.
 *
 * <p>Announcements are put in order by their AppSequence (a stale one is ignored). At most
 * {@code maxDevices} devices are remembered, so a flood of Hellos cannot grow memory without
 * bound nor lock out the cameras that come after it: when the table is full, the device heard
 * least recently that is not a configured camera makes room (counted in {@link #evicted()}).
 * Thread-safe.
 */
final class AnnouncedDevices implements AnnouncedCameras {

    static final int MAX_DEVICES = 1024;
    private static final String NVT = WsDiscovery.NETWORK_VIDEO_TRANSMITTER.toString();

    private record Heard(DiscoveredDevice device, Camera camera) {
    }

    private final Supplier<List<CameraHandle>> configured;
    private final Supplier<EventAdmin> events;
    private final int maxDevices;
    /** By endpoint reference, least recently heard first. */
    private final Map<String, Heard> devices = new LinkedHashMap<>();
    private final Map<String, AppSequence> lastSequence = new HashMap<>();
    private long ignored;
    private long evicted;

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
        Heard before = devices.remove(device.endpointReference()); // put back last: the most recently heard
        if (before == null && devices.size() >= maxDevices && !evictOldestUnconfigured()) {
            ignored++; // every place holds a configured camera: a table this full is an attack, not a network
            lastSequence.remove(device.endpointReference());
            return;
        }
        Heard now = new Heard(device, before != null && before.device().xaddrs().equals(device.xaddrs()) ? before.camera()
                : listed(device));
        devices.put(device.endpointReference(), now);
        if (known.isPresent()) {
            known.get().saidHello();
        } else if (before == null || !before.camera().equals(now.camera())) {
            post(now.camera().id(), Map.of());
        }
    }

    /** Forgets the least recently heard device that is not a configured camera; false when there is none. */
    private boolean evictOldestUnconfigured() {
        List<URI> configuredAddresses = configured.get().stream().map(h -> h.camera().onvifAddress()).toList();
        for (Map.Entry<String, Heard> entry : devices.entrySet()) {
            if (entry.getValue().device().xaddrs().stream().noneMatch(configuredAddresses::contains)) {
                devices.remove(entry.getKey());
                lastSequence.remove(entry.getKey());
                evicted++;
                post(entry.getValue().camera().id(), Map.of("removed", Boolean.TRUE));
                return true;
            }
        }
        return false;
    }

    private void bye(String reference) {
        Heard gone = devices.get(reference);
        if (gone == null) {
            lastSequence.remove(reference);
            return; // never said Hello here: nothing to tie it to
        }
        Optional<CameraHandle> known = configuredAt(gone.device().xaddrs());
        if (known.isPresent()) {
            // a Bye is unauthenticated UDP: the camera checks for itself, with its credentials,
            // whether it is still there; it stays in the table, tied to its address
            known.get().saidBye();
        } else {
            devices.remove(reference);
            lastSequence.remove(reference);
            post(gone.camera().id(), Map.of("removed", Boolean.TRUE));
        }
    }

    /**
     * Remembers the sequence and says whether it follows the last one of this device (a new
     * instance always does). Sequences are kept only for the devices in the table (a Bye's is
     * dropped with its device), so this map is bounded as the table is.
     */
    private boolean inOrder(String reference, AppSequence sequence) {
        AppSequence last = lastSequence.get(reference);
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

    /** Announced devices forgotten since start to make room for newer ones (a full table: a Hello flood, or a very large network). */
    synchronized long evicted() {
        return evicted;
    }
}
