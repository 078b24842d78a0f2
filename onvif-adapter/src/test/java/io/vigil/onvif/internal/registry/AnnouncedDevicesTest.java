package io.vigil.onvif.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.camera.Camera;
import io.vigil.api.camera.CameraRegistry;
import io.vigil.api.camera.CameraState;
import io.vigil.api.camera.SignageStatus;
import io.vigil.api.camera.StreamProfile;
import io.vigil.onvif.discovery.Announcement;
import io.vigil.onvif.discovery.AppSequence;
import io.vigil.onvif.discovery.DiscoveredDevice;
import io.vigil.onvif.discovery.WsDiscovery;
import io.vigil.testing.RecordingEventAdmin;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/** What the registry makes of Hello and Bye, and the CHANGED events it posts for them. */
class AnnouncedDevicesTest {

    private static final String GATE = "urn:uuid:6a1f0c2e-1111-4222-8333-0000000a1b2c";
    private static final URI GATE_ADDRESS = URI.create("http://127.0.0.1:8081/onvif/device_service");
    private static final String NVT = WsDiscovery.NETWORK_VIDEO_TRANSMITTER.toString();

    /** A configured camera as the registry sees it, counting the announcements passed to it. */
    static final class ConfiguredCamera implements CameraHandle {
        final Camera camera;
        int hellos;
        int byes;

        ConfiguredCamera(String id, URI address) {
            camera = new Camera(id, id, address, Optional.empty(), "", SignageStatus.UNKNOWN,
                    new StreamProfile("", Optional.empty(), "", 0, 0),
                    new CameraState(CameraState.Phase.STREAMING, "", Instant.now()));
        }

        public Camera camera() {
            return camera;
        }

        public void saidHello() {
            hellos++;
        }

        public void saidBye() {
            byes++;
        }
    }

    private final RecordingEventAdmin events = new RecordingEventAdmin();
    private final List<CameraHandle> configured = new CopyOnWriteArrayList<>();
    private final AnnouncedDevices devices = new AnnouncedDevices(() -> configured, () -> events, 3);

    private static Announcement hello(String reference, URI address, long instance, long message, String... types) {
        return new Announcement(Announcement.Kind.HELLO, new DiscoveredDevice(reference, List.of(address),
                List.of("onvif://www.onvif.org/name/Gate%20camera", "onvif://www.onvif.org/hardware/SIM"), List.of(types)),
                new AppSequence(instance, message));
    }

    private static Announcement bye(String reference, long instance, long message) {
        return new Announcement(Announcement.Kind.BYE, new DiscoveredDevice(reference, List.of(), List.of(), List.of()),
                new AppSequence(instance, message));
    }

    @Test
    void vigilsOwnDeviceSayingHelloIsNotACamera() {
        devices.heard(new Announcement(Announcement.Kind.HELLO, new DiscoveredDevice("urn:uuid:0e3c5b9a-7d1f-4c2e-9a61-5f0b2d7c4e18",
                List.of(URI.create("http://127.0.0.1:8480/onvif/device_service")),
                List.of("onvif://www.onvif.org/type/video_analytics", "onvif://www.onvif.org/name/Vigil", VigilDevices.HARDWARE_SCOPE),
                List.of(NVT)), new AppSequence(100, 1)));
        assertTrue(devices.cameras().isEmpty(), devices.cameras().toString());
        assertEquals(1, devices.ignored());
        assertTrue(events.posted().isEmpty());
    }

    @Test
    void aCameraThatSaysHelloIsListedWithoutCredentialsAndItsByeTakesItOff() {
        devices.heard(hello(GATE, GATE_ADDRESS, 100, 1, NVT));

        Camera listed = devices.cameras().get(0);
        assertEquals(1, devices.cameras().size());
        assertEquals("gate-camera-0a1b2c", listed.id(), "the id vigil cameras discover --add gives it");
        assertEquals("Gate camera", listed.name());
        assertEquals(GATE_ADDRESS, listed.onvifAddress());
        assertEquals(CameraState.Phase.DISCOVERED, listed.state().phase());
        assertTrue(listed.state().detail().contains("not analysed until added"), listed.state().detail());
        assertEquals(1, events.posted().size(), events.posted().toString());
        Event discovered = events.posted().get(0);
        assertEquals(CameraRegistry.CHANGED, discovered.getTopic());
        assertEquals("gate-camera-0a1b2c", discovered.getProperty("camera.id"));
        assertEquals("DISCOVERED", discovered.getProperty("phase"));
        assertEquals(null, discovered.getProperty("removed"));

        // a device repeats its Hello (ONVIF devices do, on each network change): nothing changed
        devices.heard(hello(GATE, GATE_ADDRESS, 100, 2, NVT));
        assertEquals(1, events.posted().size(), events.posted().toString());

        devices.heard(bye(GATE, 100, 3));
        assertEquals(List.of(), devices.cameras());
        assertEquals(2, events.posted().size(), events.posted().toString());
        Event removed = events.posted().get(1);
        assertEquals(CameraRegistry.CHANGED, removed.getTopic());
        assertEquals("gate-camera-0a1b2c", removed.getProperty("camera.id"));
        assertEquals(Boolean.TRUE, removed.getProperty("removed"));
    }

    @Test
    void aConfiguredCameraIsToldOfItsHelloAndByeAndNotListedTwice() {
        ConfiguredCamera gate = new ConfiguredCamera("gate", GATE_ADDRESS);
        configured.add(gate);

        devices.heard(hello(GATE, GATE_ADDRESS, 100, 1, NVT, WsDiscovery.DEVICE.toString()));
        assertEquals(1, gate.hellos);
        assertEquals(List.of(), devices.cameras(), "a configured camera is the registry's already");

        devices.heard(bye(GATE, 100, 2));
        assertEquals(1, gate.byes);
        assertEquals(List.of(), events.posted(), "the configured camera posts its own change");
    }

    @Test
    void aHelloFloodEvictsTheLeastRecentlyHeardNeverAConfiguredCameraAndLocksNoNewCameraOut() {
        ConfiguredCamera gate = new ConfiguredCamera("gate", GATE_ADDRESS);
        configured.add(gate);
        devices.heard(hello(GATE, GATE_ADDRESS, 100, 1, NVT));
        for (int i = 0; i < 50; i++) {
            devices.heard(hello("urn:uuid:f100d000-0000-4000-8000-%012d".formatted(i),
                    URI.create("http://10.9.0." + i + "/onvif/device_service"), 1, 1, NVT));
        }
        URI lobby = URI.create("http://127.0.0.1:8082/onvif/device_service");
        devices.heard(hello("urn:uuid:10bb1000-0000-4000-8000-000000000001", lobby, 7, 1, NVT));

        assertTrue(devices.cameras().stream().anyMatch(c -> c.onvifAddress().equals(lobby)),
                "a camera announced after the flood is listed: " + devices.cameras());
        assertEquals(2, devices.cameras().size(), "the table's bound of 3, one place the configured camera's");
        assertEquals(49, devices.evicted());
        assertEquals(0, devices.ignored());
        // the configured camera kept its place: its Bye is still tied to it
        devices.heard(bye(GATE, 100, 2));
        assertEquals(1, gate.byes);
    }

    @Test
    void aByeNamingAConfiguredCameraOnlyTellsItAndKeepsItTiedToItsAddress() {
        ConfiguredCamera gate = new ConfiguredCamera("gate", GATE_ADDRESS);
        configured.add(gate);
        devices.heard(hello(GATE, GATE_ADDRESS, 100, 1, NVT));

        // spoofed or not, a Bye is passed on (the camera checks itself) and the camera stays known here
        devices.heard(bye(GATE, 100, 2));
        devices.heard(bye(GATE, 100, 3));
        assertEquals(2, gate.byes);
        assertEquals(List.of(), events.posted());
        assertEquals(CameraState.Phase.STREAMING, gate.camera().state().phase());
    }

    @Test
    void byeRechecksRunAtMostOncePerInterval() {
        ByeRecheck recheck = new ByeRecheck(java.time.Duration.ofMinutes(1));
        Instant start = Instant.parse("2026-12-07T18:00:00Z");
        assertTrue(recheck.due(start));
        for (int second = 1; second < 60; second++) {
            assertTrue(!recheck.due(start.plusSeconds(second)), "a flood of Byes makes no second check within the minute");
        }
        assertTrue(recheck.due(start.plusSeconds(60)));
    }

    @Test
    void anAnnouncedDeviceAddedAsACameraIsNoLongerListedAsAnnounced() {
        devices.heard(hello(GATE, GATE_ADDRESS, 100, 1, NVT));
        assertEquals(1, devices.cameras().size());
        configured.add(new ConfiguredCamera("gate-camera-0a1b2c", GATE_ADDRESS));
        assertEquals(List.of(), devices.cameras());
    }

    @Test
    void staleAnnouncementsDevicesThatAreNotCamerasAndFloodsAreIgnored() {
        devices.heard(hello(GATE, GATE_ADDRESS, 100, 5, NVT));
        // a Bye older than the Hello (UDP reorders): the device is still there
        devices.heard(bye(GATE, 100, 4));
        devices.heard(bye(GATE, 99, 9));
        assertEquals(1, devices.cameras().size());
        assertEquals(2, devices.ignored());

        // a printer or another WS-Discovery service
        devices.heard(hello("urn:uuid:00000000-0000-4000-8000-00000000beef", URI.create("http://127.0.0.1:9/wsd"), 1, 1,
                "{http://schemas.microsoft.com/windows/2006/08/wdp/print}PrintDeviceType"));
        assertEquals(1, devices.cameras().size());

        // at most 3 devices remembered (this test's bound; what is not a camera takes no place): the
        // fourth and later take the places of the least recently heard
        for (int i = 0; i < 5; i++) {
            devices.heard(hello("urn:uuid:00000000-0000-4000-8000-0000000000" + i + "0", URI.create("http://127.0.0.1:1" + i
                    + "/onvif/device_service"), 1, 1, NVT));
        }
        assertEquals(3, devices.cameras().size(), devices.cameras().toString());
        assertEquals(2 + 1, devices.ignored());
        assertEquals(3, devices.evicted());

        // a device that restarted (a new instance) is heard again whatever its message number
        devices.heard(hello(GATE, GATE_ADDRESS, 101, 1, NVT));
        assertTrue(devices.cameras().stream().anyMatch(c -> c.onvifAddress().equals(GATE_ADDRESS)));
    }
}
