package io.vigil.onvif.internal.device;

import io.vigil.onvif.testing.NodeClients;
import io.vigil.onvif.testing.Json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Vigil's ONVIF device against clients nobody here wrote: npm {@code onvif@0.8.3} and
 * {@code node-onvif@0.1.7}, run as child processes over real HTTP on 127.0.0.1.
 */
@Timeout(120)
class NpmDeviceClientsTest {

    private final NodeClients clients = NodeClients.installed();
    private DeviceHarness device;

    @AfterEach
    void stop() throws Exception {
        if (device != null) {
            device.close();
        }
    }

    @Test
    void onvifReadsProfilesSubscribesReceivesARecognitionRenewsAndUnsubscribes() throws Exception {
        device = new DeviceHarness();
        long[] publishedAt = new long[1];
        CompletableFuture<Void> injector = CompletableFuture.runAsync(() -> {
            try {
                long deadline = System.currentTimeMillis() + 60_000;
                while (device.runtime.broker().size() == 0 && System.currentTimeMillis() < deadline) {
                    Thread.sleep(20);
                }
                Thread.sleep(500); // let the first PullMessages wait
                publishedAt[0] = System.currentTimeMillis();
                device.recognise("alert-npm", "cam-2", "subj-npm-1", Instant.parse("2026-11-27T09:00:00.125Z"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        NodeClients.Run run = clients.run("onvif-device-events.js", 90, "127.0.0.1", Integer.toString(device.base.getPort()),
                DeviceHarness.USER, new String(DeviceHarness.PASSWORD));
        injector.join();
        assertTrue(run.ok(), run.toString());
        Map<String, Object> result = run.result();
        assertEquals(List.of("P_cam-1", "P_cam-2", "PM_cam-1", "PM_cam-2"), result.get("profiles"), "video profiles first, then metadata");
        assertEquals(List.of("VS_cam-1", "VS_cam-2"), result.get("videoSources"));
        assertTrue(String.valueOf(result.get("topics")).contains("recognition") || String.valueOf(result.get("topics")).contains("Recognition"),
                String.valueOf(result.get("topics")));
        String messages = String.valueOf(result.get("messages"));
        for (String expected : List.of("VS_cam-2", "subj-npm-1", "EnrollmentID", "VideoSourceConfigurationToken", "Blacklisted",
                "2026-11-27T09:00:00.125Z")) {
            assertTrue(messages.contains(expected), expected + " in " + messages);
        }
        long latency = ((Number) result.get("received")).longValue() - publishedAt[0];
        System.out.println("onvif@0.8.3: publish-to-receipt " + latency + " ms; run " + run.millis() + " ms; renewed "
                + result.get("renewed") + "; messages " + messages);
        assertTrue(latency < 2000, latency + " ms");
        assertEquals(0, device.runtime.broker().size(), "unsubscribed");
    }

    @Test
    void onvifFailsWithAWrongPassword() throws Exception {
        device = new DeviceHarness();
        NodeClients.Run run = clients.run("onvif-device-events.js", 60, "127.0.0.1", Integer.toString(device.base.getPort()),
                DeviceHarness.USER, "wrong");
        assertTrue(!run.ok(), run.toString());
    }

    @Test
    void nodeOnvifInitsAndReadsProfilesStreamUrisAndEventProperties() throws Exception {
        device = new DeviceHarness();
        NodeClients.Run run = clients.run("node-onvif-device.js", 60, device.device().toString(), DeviceHarness.USER,
                new String(DeviceHarness.PASSWORD));
        assertTrue(run.ok(), run.toString());
        List<Object> profiles = Json.array(run.result().get("profiles"));
        assertEquals(4, profiles.size(), "a video and a metadata profile per camera: " + profiles);
        assertEquals("rtsp://127.0.0.1:8554/vigil/cam-1", Json.object(profiles.get(0)).get("rtsp"));
        assertEquals("rtsp://127.0.0.1:8554/vigil/cam-1/metadata", Json.object(profiles.get(2)).get("rtsp"));
        assertTrue(String.valueOf(run.result().get("events")).contains("Recognition"), String.valueOf(run.result().get("events")));
        System.out.println("node-onvif@0.1.7: " + run.result().get("information") + " " + profiles);
    }
}
