package io.vigil.simulator.internal;

import io.vigil.onvif.message.DeviceInformation;
import io.vigil.onvif.security.Credentials;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What one simulated camera is.
 *
 * @param port        TCP port on 127.0.0.1, or 0 for any free one
 * @param user        its one user; {@link Credentials#toString()} hides the password
 * @param streamUri   the RTSP URI GetStreamUri answers with, for every profile (the video is
 *                    served elsewhere, by an RTSP server)
 * @param clockOffset how far the camera's clock is ahead of the real time (negative: behind)
 * @param media2      whether it offers the Media2 service besides Media1
 * @param information what GetDeviceInformation answers
 * @param getServices whether it implements GetServices; without it, it is a camera from before
 *                    ONVIF 2.0 that clients find through GetCapabilities
 */
public record SimulatedCameraSettings(int port, Credentials user, URI streamUri, Duration clockOffset, boolean media2,
        DeviceInformation information, boolean getServices) {

    public SimulatedCameraSettings {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(streamUri, "streamUri");
        Objects.requireNonNull(clockOffset, "clockOffset");
        Objects.requireNonNull(information, "information");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
    }

    /** A camera on any free port with a correct clock and Media2. */
    public static SimulatedCameraSettings of(Credentials user, URI streamUri) {
        return new SimulatedCameraSettings(0, user, streamUri, Duration.ZERO, true,
                new DeviceInformation("Vigil", "Simulated camera", "1.0", "SIM-0001", "vigil-sim"), true);
    }

    public SimulatedCameraSettings withClockOffset(Duration offset) {
        return new SimulatedCameraSettings(port, user, streamUri, offset, media2, information, getServices);
    }

    public SimulatedCameraSettings withoutMedia2() {
        return new SimulatedCameraSettings(port, user, streamUri, clockOffset, false, information, getServices);
    }

    /** A camera from before ONVIF 2.0: no GetServices (and so no Media2 either). */
    public SimulatedCameraSettings withoutGetServices() {
        return new SimulatedCameraSettings(port, user, streamUri, clockOffset, false, information, false);
    }

    public SimulatedCameraSettings withPort(int newPort) {
        return new SimulatedCameraSettings(newPort, user, streamUri, clockOffset, media2, information, getServices);
    }
}
