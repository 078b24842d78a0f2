package io.vigil.onvif.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DiscoverRequestTest {

    @Test
    void withoutTargetsItProbesByMulticastAndWithTargetsOnlyWhenAsked() {
        assertTrue(DiscoverRequest.parse(List.of()).multicast());
        DiscoverRequest directed = DiscoverRequest.parse(List.of("--target", "127.0.0.1:3702", "--wait", "1"));
        assertFalse(directed.multicast());
        assertEquals(List.of(new InetSocketAddress("127.0.0.1", 3702)), directed.targets());
        assertEquals(Duration.ofSeconds(1), directed.waitFor());
        assertTrue(DiscoverRequest.parse(List.of("--target", "127.0.0.1:3702", "--multicast")).multicast());
    }

    @Test
    void addressRangesExpandForRoutedNetworks() {
        List<InetSocketAddress> lastOctet = DiscoverRequest.targets("10.1.2.250-253:3702");
        assertEquals(4, lastOctet.size());
        assertEquals(new InetSocketAddress("10.1.2.250", 3702), lastOctet.get(0));
        assertEquals(new InetSocketAddress("10.1.2.253", 3702), lastOctet.get(3));
        List<InetSocketAddress> acrossOctets = DiscoverRequest.targets("10.1.2.254-10.1.3.1:3702");
        assertEquals(List.of("10.1.2.254", "10.1.2.255", "10.1.3.0", "10.1.3.1"),
                acrossOctets.stream().map(a -> a.getAddress().getHostAddress()).toList());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DiscoverRequest.targets("10.0.0.0-10.0.9.255:3702"))
                .getMessage().contains("at most 1024"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DiscoverRequest.targets("10.0.0.9-3:3702"))
                .getMessage().contains("upwards"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DiscoverRequest.targets("10.0.0.1-300:3702"))
                .getMessage().contains("0-255"));
    }

    @Test
    void addingNeedsCredentialsAndBadOptionsAreNamed() {
        IllegalArgumentException noCredentials = assertThrows(IllegalArgumentException.class,
                () -> DiscoverRequest.parse(List.of("--add")));
        assertTrue(noCredentials.getMessage().contains("--user and --password-alias"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DiscoverRequest.parse(List.of("--target", "nohost")))
                .getMessage().contains("HOST:PORT"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> DiscoverRequest.parse(List.of("--frobnicate")))
                .getMessage().contains("--frobnicate"));
        DiscoverRequest add = DiscoverRequest.parse(List.of("--add", "--user", "vigil", "--password-alias", "camera.all"));
        assertTrue(add.add());
        assertEquals("camera.all", add.passwordAlias());
    }

    @Test
    void discoveredNamesBecomeReadableUniqueIds() {
        assertEquals("north-gate-a1b2c3", CameraDiscovery.cameraId("North Gate", "urn:uuid:0000-ffff-a1b2c3"));
        assertEquals("camera-a1b2c3", CameraDiscovery.cameraId("!!!", "urn:uuid:a1b2c3"));
    }
}
