package io.vigil.onvif.internal.client;

import io.vigil.onvif.message.Capabilities;
import io.vigil.onvif.message.DeviceInformation;
import io.vigil.onvif.message.Media1Profiles;
import io.vigil.onvif.message.Media2Profiles;
import io.vigil.onvif.message.MediaProfile;
import io.vigil.onvif.message.Operation;
import io.vigil.onvif.message.PullMessagesRequest;
import io.vigil.onvif.message.PullMessagesResponse;
import io.vigil.onvif.message.PullPointSubscription;
import io.vigil.onvif.message.PullPointSubscriptionRequest;
import io.vigil.onvif.message.Services;
import io.vigil.onvif.message.StreamUri;
import io.vigil.onvif.message.StreamUriRequest;
import io.vigil.onvif.message.SystemDateAndTime;
import io.vigil.onvif.security.ClockOffset;
import io.vigil.onvif.soap.EmptyElement;
import io.vigil.onvif.soap.InvalidResponseException;
import io.vigil.onvif.soap.NotAuthorizedException;
import io.vigil.onvif.soap.OnvifException;
import io.vigil.onvif.soap.ReceivedEnvelope;
import io.vigil.onvif.soap.SoapMessageException;
import io.vigil.onvif.soap.SoapRequest;
import io.vigil.onvif.transport.ClientAuthentication;
import io.vigil.onvif.transport.SoapClient;
import io.vigil.onvif.xml.XmlWritable;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.w3c.dom.Element;

/**
 * The ONVIF operations Vigil calls on one camera, each a typed request and a typed answer found
 * by the response element's namespace and local name. Holds the camera's authentication state,
 * including the clock offset learned from {@link #synchroniseClock()}.
 *
 * <p>The camera's credentials go only to the host of its device service address: an operation
 * with credentials at an address the camera named on another host fails with a
 * {@link ForeignHostException} before anything is sent.
 *
 * <p>Thread-safe as {@link SoapClient} and {@link ClientAuthentication} are.
 */
public final class DeviceClient {

    private final SoapClient soap;
    private final URI deviceService;
    private final ClientAuthentication auth;
    private final Clock clock;

    /**
     * @param deviceService the device service address ({@code http://host/onvif/device_service})
     * @param auth          the camera's credentials; its clock offset is updated here
     */
    public DeviceClient(SoapClient soap, URI deviceService, ClientAuthentication auth, Clock clock) {
        this.soap = Objects.requireNonNull(soap, "soap");
        this.deviceService = Objects.requireNonNull(deviceService, "deviceService");
        this.auth = Objects.requireNonNull(auth, "auth");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public URI deviceService() {
        return deviceService;
    }

    /**
     * GetSystemDateAndTime, sent without credentials (access class PRE_AUTH: a camera whose clock
     * is far off would refuse a token before we know its time). Firmware in the field refuses
     * even this call without a login: it is then asked again with the camera's credentials (a
     * UsernameToken, and HTTP Digest when the camera challenges for it, which needs no clock).
     * The offset between its UTC time and ours is kept for every later UsernameToken.
     */
    public ClockOffset synchroniseClock() throws OnvifException {
        Instant sent = clock.instant();
        SystemDateAndTime time;
        try {
            time = getSystemDateAndTime(ClientAuthentication.none());
        } catch (NotAuthorizedException open) {
            String call = Operation.GET_SYSTEM_DATE_AND_TIME.operationName() + " at " + deviceService + ": ";
            String context = call + "the device wants a login even for its clock (ONVIF makes this call open to all)";
            if (!auth.hasCredentials()) {
                throw new NotAuthorizedException(context + ", and no credentials are configured for it", open.fault().orElse(null));
            }
            sent = clock.instant();
            try {
                time = getSystemDateAndTime(auth);
            } catch (NotAuthorizedException refused) {
                throw new NotAuthorizedException(context + "; asked again with the camera's credentials, "
                        + withoutPrefix(refused.getMessage(), call), refused.fault().orElse(null));
            }
        }
        ClockOffset offset = ClockOffset.measure(time.utc(), sent, clock.instant());
        auth.clockOffset(offset);
        return offset;
    }

    private static String withoutPrefix(String message, String prefix) {
        return message != null && message.startsWith(prefix) ? message.substring(prefix.length()) : String.valueOf(message);
    }

    private SystemDateAndTime getSystemDateAndTime(ClientAuthentication authentication) throws OnvifException {
        return call(deviceService, Operation.GET_SYSTEM_DATE_AND_TIME,
                new EmptyElement(Operation.GET_SYSTEM_DATE_AND_TIME.request()), authentication, SystemDateAndTime::read);
    }

    public DeviceInformation deviceInformation() throws OnvifException {
        return call(deviceService, Operation.GET_DEVICE_INFORMATION, new EmptyElement(Operation.GET_DEVICE_INFORMATION.request()),
                auth, DeviceInformation::read);
    }

    public Services services() throws OnvifException {
        return call(deviceService, Operation.GET_SERVICES, Services.request(), auth, Services::read);
    }

    public Capabilities capabilities() throws OnvifException {
        return call(deviceService, Operation.GET_CAPABILITIES, Capabilities.request(), auth, Capabilities::read);
    }

    public List<MediaProfile> media1Profiles(URI mediaService) throws OnvifException {
        return call(mediaService, Operation.MEDIA1_GET_PROFILES, Media1Profiles.request(), auth, Media1Profiles::read).profiles();
    }

    public List<MediaProfile> media2Profiles(URI media2Service) throws OnvifException {
        return call(media2Service, Operation.MEDIA2_GET_PROFILES, Media2Profiles.request(), auth, Media2Profiles::read).profiles();
    }

    /** GetStreamUri for RTSP unicast of a profile, through Media2 or Media1. */
    public URI streamUri(URI mediaService, boolean media2, String profileToken) throws OnvifException {
        StreamUriRequest request = new StreamUriRequest(media2, profileToken);
        return call(mediaService, request.operation(), request, auth, response -> StreamUri.read(response, media2)).uri();
    }

    /** The device's Event service address (GetServices), where PullPoints are created. */
    public URI eventService() throws OnvifException {
        return services().address(io.vigil.onvif.soap.Namespaces.TEV).orElseThrow(() -> new InvalidResponseException(
                "GetServices at " + deviceService + ": the device lists no Event service", null));
    }

    /** CreatePullPointSubscription at the Event service: the new PullPoint's address and its termination time. */
    public PullPointSubscription createPullPoint(URI eventService, PullPointSubscriptionRequest request) throws OnvifException {
        return call(eventService, Operation.CREATE_PULL_POINT_SUBSCRIPTION, request, auth, PullPointSubscription::read);
    }

    /**
     * PullMessages at a PullPoint: waits up to the request's timeout at the device, so the
     * {@link SoapClient}'s request timeout must be longer than that.
     */
    public PullMessagesResponse pullMessages(URI pullPoint, PullMessagesRequest request) throws OnvifException {
        return call(pullPoint, Operation.PULL_MESSAGES, request, auth, PullMessagesResponse::read);
    }

    /** Unsubscribe at a PullPoint: the device drops it and its queue. */
    public void unsubscribe(URI pullPoint) throws OnvifException {
        call(pullPoint, Operation.UNSUBSCRIBE, new EmptyElement(Operation.UNSUBSCRIBE.request()), auth, response -> response);
    }

    private <T> T call(URI endpoint, Operation operation, XmlWritable body, ClientAuthentication authentication,
            MessageReader<T> reader) throws OnvifException {
        if (authentication.hasCredentials()) {
            // service and PullPoint addresses come from the camera's answers: its login goes to its own host only
            HostPin.require(deviceService, endpoint, "the address for " + operation.operationName(),
                    "configure the camera by the address it names, or correct the addresses it reports (its network "
                            + "settings)");
        }
        ReceivedEnvelope envelope = soap.call(endpoint, new SoapRequest(operation.action(), body), authentication);
        try {
            Element response = envelope.requireBody(operation.namespace(), operation.response().getLocalPart());
            return reader.read(response);
        } catch (SoapMessageException e) {
            throw new InvalidResponseException(operation.operationName() + " at " + endpoint + ": unusable answer: " + e.getMessage(), e);
        }
    }
}
