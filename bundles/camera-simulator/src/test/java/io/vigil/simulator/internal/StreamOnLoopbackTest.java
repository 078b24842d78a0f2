package io.vigil.simulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** The stream URI a simulated camera gives, when Vigil's RTSP server listens on every interface. */
class StreamOnLoopbackTest {

    @Test
    void aWildcardHostBecomesTheCamerasOwnLoopbackHost() {
        assertEquals(URI.create("rtsp://127.0.0.1:8554/sim/gate"),
                SimulatedCameraComponent.onLoopback(URI.create("rtsp://0.0.0.0:8554/sim/gate")));
        assertEquals(URI.create("rtsp://127.0.0.1:8554/sim/gate"),
                SimulatedCameraComponent.onLoopback(URI.create("rtsp://127.0.0.1:8554/sim/gate")));
    }
}
