package io.vigil.simulator.internal;

import io.vigil.onvif.message.DeviceInformation;
import io.vigil.onvif.security.Credentials;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import io.vigil.onvif.message.MediaProfile;

/**
 * What one simulated camera is.
 *
 * @param port        TCP port on 127.0.0.1, or 0 for any free one
 * @param user        its one user; {@link Credentials#toString()} hides the password
 * @param profiles    its profiles (Media2 lists them all, Media1 those it can name), each with
 *                    the RTSP URI GetStreamUri answers with for it (the video is served
 *                    elsewhere, by an RTSP server)
 * @param clockOffset how far the camera's clock is ahead of the real time (negative: behind)
 * @param media2      whether it offers the Media2 service besides Media1
 * @param information what GetDeviceInformation answers
 * @param getServices whether it implements GetServices; without it, it is a camera from before
 *                    ONVIF 2.0 that clients find through GetCapabilities
 */
public record SimulatedCameraSettings(int port, Credentials user, List<ServedProfile> profiles, Duration clockOffset,
        boolean media2, DeviceInformation information, boolean getServices) {

    /** A profile and where its stream plays. */
    public record ServedProfile(MediaProfile profile, URI streamUri) {
        public ServedProfile {
            Objects.requireNonNull(profile, "profile");
            Objects.requireNonNull(streamUri, "streamUri");
        }
    }

    public SimulatedCameraSettings {
        Objects.requireNonNull(user, "user");
        profiles = List.copyOf(profiles);
        if (profiles.isEmpty()) {
            throw new IllegalArgumentException("a camera needs at least one profile");
        }
        Objects.requireNonNull(clockOffset, "clockOffset");
        Objects.requireNonNull(information, "information");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("not a TCP port: " + port);
        }
    }

    /**
     * A camera on any free port with a correct clock and Media2, with the default profiles all
     * answered with {@code streamUri}: for tests of its ONVIF side, which do not play the profiles;
     * a camera whose profiles play as they say is made {@link #withProfiles with its profiles}.
     */
    public static SimulatedCameraSettings of(Credentials user, URI streamUri) {
        return new SimulatedCameraSettings(0, user, SimulatedProfiles.media2().stream()
                .map(profile -> new ServedProfile(profile, streamUri)).toList(), Duration.ZERO, true,
                new DeviceInformation("Vigil", "Simulated camera", "1.0", "SIM-0001", "vigil-sim"), true);
    }

    /** Media2's profiles. */
    public List<MediaProfile> media2Profiles() {
        return profiles.stream().map(ServedProfile::profile).toList();
    }

    /** Media1's: those whose encoding it can name. */
    public List<MediaProfile> media1Profiles() {
        return SimulatedProfiles.media1(media2Profiles());
    }

    /** The stream URI of the profile {@code token}, if the camera has it. */
    public Optional<URI> streamUri(String token) {
        return profiles.stream().filter(p -> p.profile().token().equals(token)).map(ServedProfile::streamUri).findFirst();
    }

    public SimulatedCameraSettings withProfiles(List<ServedProfile> served) {
        return new SimulatedCameraSettings(port, user, served, clockOffset, media2, information, getServices);
    }

    public SimulatedCameraSettings withClockOffset(Duration offset) {
        return new SimulatedCameraSettings(port, user, profiles, offset, media2, information, getServices);
    }

    public SimulatedCameraSettings withoutMedia2() {
        return new SimulatedCameraSettings(port, user, profiles, clockOffset, false, information, getServices);
    }

    /** A camera from before ONVIF 2.0: no GetServices (and so no Media2 either). */
    public SimulatedCameraSettings withoutGetServices() {
        return new SimulatedCameraSettings(port, user, profiles, clockOffset, false, information, false);
    }

    public SimulatedCameraSettings withPort(int newPort) {
        return new SimulatedCameraSettings(newPort, user, profiles, clockOffset, media2, information, getServices);
    }
}
