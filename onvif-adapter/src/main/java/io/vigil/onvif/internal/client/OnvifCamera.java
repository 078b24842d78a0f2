package io.vigil.onvif.internal.client;

import io.vigil.onvif.message.Capabilities;
import io.vigil.onvif.message.DeviceInformation;
import io.vigil.onvif.message.MediaProfile;
import io.vigil.onvif.message.Services;
import io.vigil.onvif.message.VideoSettings;
import io.vigil.onvif.security.ClockOffset;
import io.vigil.onvif.soap.ActionNotSupportedException;
import io.vigil.onvif.soap.BadRequestException;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.OnvifException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Connects to one camera the way ONVIF clients in the field do: its clock (before any
 * credentials), its services (GetServices, or GetCapabilities on a camera from before ONVIF 2.0),
 * who it is, its profiles (Media2 where offered, else Media1), the profile the policy prefers,
 * and that profile's RTSP URI, which must be on the camera's configured host ({@link HostPin}).
 */
public final class OnvifCamera {

    private final DeviceClient device;
    private final ProfilePolicy policy;

    public OnvifCamera(DeviceClient device, ProfilePolicy policy) {
        this.device = Objects.requireNonNull(device, "device");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * @throws OnvifException the typed reason: {@code NotAuthorizedException} for refused
     *                        credentials, {@link UnsuitableCameraException} when nothing fits, ...
     */
    public ConnectedCamera connect() throws OnvifException {
        ClockOffset offset = device.synchroniseClock();
        MediaServices media = mediaServices();
        DeviceInformation information = device.deviceInformation();
        boolean media2 = media.media2().isPresent();
        URI service = media.media2().or(media::media1).orElseThrow(() -> new UnsuitableCameraException(
                "camera at " + device.deviceService() + " offers no media service"));
        List<MediaProfile> profiles = media2 ? device.media2Profiles(service) : device.media1Profiles(service);
        MediaProfile chosen = policy.choose(profiles).orElseThrow(() -> new UnsuitableCameraException("camera at "
                + device.deviceService() + " has no profile in " + policy.encodings() + " among " + profiles.size()
                + " profiles (" + (media2 ? "Media2" : "Media1") + ")"));
        URI stream = withoutUserInfo(device.streamUri(service, media2, chosen.token()));
        // ingest sends the camera's login to this URI: the camera's own host, unless the configuration names the stream
        HostPin.require(device.deviceService(), stream, "the stream of profile " + chosen.token(),
                "if that host is right (a NAT address, a recorder), name the stream in the camera's configuration: "
                        + "rtsp.uri=" + stream);
        VideoSettings video = chosen.video().orElseThrow();
        return new ConnectedCamera(information, new ChosenProfile(chosen.token(), chosen.name(), video.encoding(), video.resolution()),
                stream, media2, offset);
    }

    private MediaServices mediaServices() throws OnvifException {
        try {
            Services services = device.services();
            return new MediaServices(services.address(Namespaces.TRT), services.address(Namespaces.TR2));
        } catch (ActionNotSupportedException | BadRequestException e) {
            // GetServices arrived with ONVIF 2.0; older cameras answer it with a fault
            Capabilities capabilities = device.capabilities();
            return new MediaServices(capabilities.media(), Optional.empty());
        }
    }

    /**
     * Some cameras put their user and password into the stream URI; Vigil's URIs go into the
     * registry and logs, so they never carry them.
     */
    static URI withoutUserInfo(URI uri) {
        if (uri.getRawUserInfo() == null) {
            return uri;
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), uri.getQuery(), uri.getFragment());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("the camera's stream URI cannot be rebuilt without user info", e);
        }
    }

    private record MediaServices(Optional<URI> media1, Optional<URI> media2) {
    }
}
