package io.vigil.simulator.internal;

import io.vigil.onvif.message.Capabilities;
import io.vigil.onvif.message.Media1Profiles;
import io.vigil.onvif.message.Media2Profiles;
import io.vigil.onvif.message.MediaProfile;
import io.vigil.onvif.message.OnvifService;
import io.vigil.onvif.message.VideoSettings;
import io.vigil.onvif.message.Services;
import io.vigil.onvif.message.StreamUri;
import io.vigil.onvif.message.StreamUriRequest;
import io.vigil.onvif.message.SystemDateAndTime;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.SoapFault;
import io.vigil.onvif.soap.SoapMessageException;
import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.XmlWritable;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/** What a simulated camera answers to each operation it implements, once the request is authenticated. */
final class CameraOperations {

    static final String DEVICE_PATH = "/onvif/device_service";
    static final String MEDIA_PATH = "/onvif/media_service";
    static final String MEDIA2_PATH = "/onvif/media2_service";

    private final SimulatedCameraSettings settings;
    private final Clock cameraClock;
    private final URI base;

    /**
     * @param cameraClock the camera's own clock, off by the configured offset
     * @param base        {@code http://127.0.0.1:port}, where its services are
     */
    CameraOperations(SimulatedCameraSettings settings, Clock cameraClock, URI base) {
        this.settings = settings;
        this.cameraClock = cameraClock;
        this.base = base;
    }

    /**
     * The operation {@code body} asks for, if this camera implements it at the service with
     * {@code serviceNamespace}; the others are answered {@code ter:ActionNotSupported}.
     * Not implemented, as by a camera without them: GetSnapshotUri (no snapshot server), the
     * Events, PTZ and Imaging services, every Set operation, GetHostname, GetScopes and the rest
     * of the device management calls no client here makes.
     */
    Optional<SimulatorOperation> find(String serviceNamespace, Element body) {
        return SimulatorOperation.ofRequest(body)
                .filter(operation -> operation.namespace().equals(serviceNamespace) && implemented(operation));
    }

    private boolean implemented(SimulatorOperation operation) {
        return switch (operation) {
            case GET_SYSTEM_DATE_AND_TIME, GET_DEVICE_INFORMATION, GET_CAPABILITIES,
                    MEDIA1_GET_PROFILES, MEDIA1_GET_STREAM_URI, MEDIA1_GET_VIDEO_SOURCES,
                    MEDIA1_GET_VIDEO_SOURCE_CONFIGURATIONS -> true;
            case GET_SERVICES -> settings.getServices();
            case MEDIA2_GET_PROFILES, MEDIA2_GET_STREAM_URI, MEDIA2_GET_VIDEO_SOURCE_CONFIGURATIONS -> settings.media2();
        };
    }

    /**
     * @throws SoapMessageException the request lacks an element the operation requires
     * @throws SoapFaultResponse    a valid request the camera refuses (an unknown profile)
     */
    XmlWritable answer(SimulatorOperation operation, Element request) throws SoapMessageException, SoapFaultResponse {
        return SimulatorMessages.withNamespacesOnBody(switch (operation) {
            case GET_SYSTEM_DATE_AND_TIME -> new SystemDateAndTime(cameraClock.instant(), false);
            case GET_DEVICE_INFORMATION -> settings.information();
            case GET_SERVICES -> services();
            case GET_CAPABILITIES -> new Capabilities(base.resolve(DEVICE_PATH), Optional.of(base.resolve(MEDIA_PATH)));
            case MEDIA1_GET_PROFILES -> new Media1Profiles(settings.media1Profiles());
            case MEDIA2_GET_PROFILES -> new Media2Profiles(settings.media2Profiles());
            case MEDIA1_GET_STREAM_URI -> streamUri(StreamUriRequest.read(request, false), settings.media1Profiles());
            case MEDIA2_GET_STREAM_URI -> streamUri(StreamUriRequest.read(request, true), settings.media2Profiles());
            case MEDIA1_GET_VIDEO_SOURCES -> SimulatedProfiles.videoSources();
            case MEDIA1_GET_VIDEO_SOURCE_CONFIGURATIONS -> new VideoSourceConfigurations(false,
                    SimulatedProfiles.sourceConfigurations(settings.media1Profiles()));
            case MEDIA2_GET_VIDEO_SOURCE_CONFIGURATIONS -> media2SourceConfigurations(request);
        });
    }

    /** Media2 GetVideoSourceConfigurations, optionally narrowed to one ConfigurationToken or ProfileToken. */
    private VideoSourceConfigurations media2SourceConfigurations(Element request) throws SoapFaultResponse {
        List<MediaProfile> profiles = settings.media2Profiles();
        Optional<String> configuration = Dom.child(request, Namespaces.TR2, "ConfigurationToken").map(Dom::text);
        Optional<String> profile = Dom.child(request, Namespaces.TR2, "ProfileToken").map(Dom::text);
        List<VideoSourceConfigurations.Used> all = SimulatedProfiles.sourceConfigurations(profiles);
        List<VideoSourceConfigurations.Used> chosen = all.stream()
                .filter(used -> configuration.isEmpty() || used.video().sourceConfigurationToken().equals(configuration.get()))
                .filter(used -> profile.isEmpty() || profiles.stream().anyMatch(p -> p.token().equals(profile.get())
                        && p.video().map(VideoSettings::sourceConfigurationToken)
                                .equals(Optional.of(used.video().sourceConfigurationToken()))))
                .toList();
        if (configuration.isPresent() && chosen.isEmpty()) {
            // Media2 specification: env:Sender / ter:InvalidArgVal / ter:NoConfig
            throw new SoapFaultResponse(new SoapFault(SoapFault.SENDER, List.of(Namespaces.ter("InvalidArgVal"), Namespaces.ter("NoConfig")),
                    "The requested configuration does not exist"));
        }
        if (profile.isPresent() && profiles.stream().noneMatch(p -> p.token().equals(profile.get()))) {
            throw new SoapFaultResponse(new SoapFault(SoapFault.SENDER, List.of(Namespaces.ter("InvalidArgVal"), Namespaces.ter("NoProfile")),
                    "The requested profile token does not exist"));
        }
        return new VideoSourceConfigurations(true, chosen);
    }


    private Services services() {
        List<OnvifService> services = new ArrayList<>();
        services.add(new OnvifService(Namespaces.TDS, base.resolve(DEVICE_PATH), 2, 60));
        services.add(new OnvifService(Namespaces.TRT, base.resolve(MEDIA_PATH), 2, 60));
        if (settings.media2()) {
            services.add(new OnvifService(Namespaces.TR2, base.resolve(MEDIA2_PATH), 2, 60));
        }
        return new Services(services);
    }

    private StreamUri streamUri(StreamUriRequest request, List<MediaProfile> profiles) throws SoapFaultResponse {
        boolean known = profiles.stream().anyMatch(profile -> profile.token().equals(request.profileToken()));
        if (!known) {
            // Media specification: env:Sender / ter:InvalidArgVal / ter:NoProfile
            throw new SoapFaultResponse(new SoapFault(SoapFault.SENDER, List.of(Namespaces.ter("InvalidArgVal"), Namespaces.ter("NoProfile")),
                    "The requested profile token does not exist"));
        }
        return new StreamUri(request.media2(), settings.streamUri(request.profileToken()).orElseThrow());
    }
}
