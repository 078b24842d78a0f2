package io.vigil.onvif.internal.device;

import io.vigil.onvif.message.DeviceInformation;
import io.vigil.onvif.message.Media1Profiles;
import io.vigil.onvif.message.Media2Profiles;
import io.vigil.onvif.message.OnvifService;
import io.vigil.onvif.message.Services;
import io.vigil.onvif.message.StreamUri;
import io.vigil.onvif.message.StreamUriRequest;
import io.vigil.onvif.message.SystemDateAndTime;
import io.vigil.onvif.security.HttpDigestVerifier;
import io.vigil.onvif.security.PasswordLookup;
import io.vigil.onvif.security.TokenRejectedException;
import io.vigil.onvif.security.UsernameTokenVerifier;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.ReceivedEnvelope;
import io.vigil.onvif.soap.SoapEnvelope;
import io.vigil.onvif.soap.SoapFault;
import io.vigil.onvif.soap.SoapMessageException;
import io.vigil.onvif.soap.SoapReader;
import io.vigil.onvif.soap.WsAddressing;
import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.SafeText;
import io.vigil.onvif.xml.SecureXmlParser;
import io.vigil.onvif.xml.XmlException;
import io.vigil.onvif.xml.XmlLimits;
import io.vigil.onvif.xml.XmlWritable;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.w3c.dom.Element;

/**
 * The Vigil ONVIF device, independent of the HTTP server: reads a request through the secure
 * parser, authenticates it (WS-Security UsernameToken digest, or HTTP Digest) unless the
 * operation is PRE_AUTH (Core specification, "Access classes"), and answers with a typed response
 * or a SOAP fault. PullMessages answers later, without holding a thread.
 *
 * <p>Addresses: the device service at {@link #DEVICE_PATH}, Media at {@link #MEDIA_PATH}, Media2
 * at {@link #MEDIA2_PATH}, Events at {@link #EVENTS_PATH} and each subscription at
 * {@link #SUBSCRIPTION_PATH}{@code <id>}; every address Vigil writes starts with the configured
 * external address, else the local address and port the request arrived on, never with the
 * request's Host header (a client could make Vigil hand other clients its own addresses).
 *
 * <p>Logins are throttled per client address and per account ({@link LoginThrottle}); each
 * subscription belongs to the account that made it; push consumers must be allowed
 * ({@link PushAllowList}).
 */
final class OnvifDevice {

    static final String DEVICE_PATH = "/onvif/device_service";
    static final String MEDIA_PATH = "/onvif/media_service";
    static final String MEDIA2_PATH = "/onvif/media2_service";
    static final String EVENTS_PATH = "/onvif/event_service";
    static final String SUBSCRIPTION_PATH = "/onvif/subscription/";
    /** Requests to a device are small; nothing a VMS sends comes near this. */
    static final XmlLimits REQUEST_LIMITS = new XmlLimits(64 * 1024, 32, 2_000);
    private static final String CONTENT_TYPE = "application/soap+xml; charset=utf-8";
    private static final String FAULT_ACTION = "http://www.w3.org/2005/08/addressing/soap/fault";
    /** Core specification, access class PRE_AUTH. */
    private static final Set<String> PRE_AUTH = Set.of("GetSystemDateAndTime", "GetServices", "GetServiceCapabilities",
            "GetCapabilities", "GetWsdlUrl", "GetHostname", "GetEndpointReference");

    /** What the device says about itself. */
    record Identity(DeviceInformation information, String endpointUuid, String hostname, List<String> scopes,
            String rtspBase) {
    }

    /**
     * @param pushAllowed     where Subscribe may send Notify messages
     * @param logins          failed-login back-off and lockout
     * @param externalAddress {@code scheme://host:port} for every address Vigil answers with; empty: the request's local address
     */
    record Guards(PushAllowList pushAllowed, LoginThrottle logins, Optional<URI> externalAddress) {
    }

    /** Who made a request: the service account, or nobody for a PRE_AUTH operation. */
    private record Caller(Optional<String> account, Optional<DeviceExchange.Response> refusal) {
        String name() throws DeviceFault {
            return account.orElseThrow(DeviceFault::notAuthorized);
        }
    }

    private final Identity identity;
    private final Supplier<List<Channel>> channels;
    private final PasswordLookup accounts;
    private final UsernameTokenVerifier tokens;
    private final HttpDigestVerifier digest;
    private final EventBroker broker;
    private final Clock clock;
    private final Guards guards;
    private final SecureXmlParser parser = new SecureXmlParser(REQUEST_LIMITS);
    private final AtomicLong refused = new AtomicLong();

    /**
     * @param channels the watched cameras as channels, asked on each request (cheap: the registry is in memory)
     */
    OnvifDevice(Identity identity, Supplier<List<Channel>> channels, PasswordLookup accounts, UsernameTokenVerifier tokens,
            HttpDigestVerifier digest, EventBroker broker, Clock clock, Guards guards) {
        this.identity = identity;
        this.channels = channels;
        this.accounts = accounts;
        this.tokens = tokens;
        this.digest = digest;
        this.broker = broker;
        this.clock = clock;
        this.guards = guards;
    }

    /** How many requests were refused for their credentials. */
    long refusedCredentials() {
        return refused.get();
    }

    EventBroker broker() {
        return broker;
    }

    List<Channel> channels() {
        return channels.get();
    }

    CompletableFuture<DeviceExchange.Response> handle(DeviceExchange.Request request) {
        if (!"POST".equals(request.method())) {
            return CompletableFuture.completedFuture(new DeviceExchange.Response(405, Map.of("Allow", List.of("POST")), new byte[0]));
        }
        if (request.tooLarge()) {
            return CompletableFuture.completedFuture(fault(null, new DeviceFault(SoapFault.sender(Namespaces.ter("WellFormed"),
                    "The request is larger than " + REQUEST_LIMITS.maxBytes() + " bytes"), 413), Map.of()));
        }
        ReceivedEnvelope envelope;
        try {
            envelope = SoapReader.envelope(parser.parse(request.body()));
        } catch (XmlException e) {
            // ONVIF generic fault for a request that is not well-formed (Core, "Generic faults")
            return CompletableFuture.completedFuture(fault(null, DeviceFault.sender(
                    "The request is not a well-formed SOAP 1.2 message: " + e.getMessage(), Namespaces.ter("WellFormed")), Map.of()));
        }
        try {
            Element body = envelope.body().orElseThrow(() -> DeviceFault.sender("The SOAP Body is empty", Namespaces.ter("WellFormed")));
            Caller caller = new Caller(Optional.empty(), Optional.empty());
            if (!PRE_AUTH.contains(body.getLocalName()) || !knownService(body)) {
                caller = authenticate(envelope, request);
                if (caller.refusal().isPresent()) {
                    return CompletableFuture.completedFuture(caller.refusal().get());
                }
            }
            return answer(request, envelope, body, caller)
                    .thenApply(answer -> ok(envelope, body, answer))
                    .exceptionally(failure -> fault(envelope, unwrap(failure), Map.of()));
        } catch (DeviceFault e) {
            return CompletableFuture.completedFuture(fault(envelope, e, Map.of()));
        } catch (SoapMessageException | IllegalArgumentException e) {
            return CompletableFuture.completedFuture(fault(envelope, DeviceFault.sender(
                    "The request lacks a required argument or has an invalid one: " + SafeText.excerpt(e.getMessage(), 200),
                    Namespaces.ter("InvalidArgVal")), Map.of()));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(fault(envelope, new DeviceFault(new SoapFault(SoapFault.RECEIVER, List.of(),
                    "The device failed to answer")), Map.of()));
        }
    }

    private static boolean knownService(Element body) {
        String namespace = Dom.namespaceOf(body);
        return Namespaces.TDS.equals(namespace) || Namespaces.TRT.equals(namespace) || Namespaces.TR2.equals(namespace)
                || Namespaces.TEV.equals(namespace);
    }

    private static DeviceFault unwrap(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof DeviceFault fault ? fault
                : new DeviceFault(new SoapFault(SoapFault.RECEIVER, List.of(), "The device failed to answer"));
    }

    /**
     * The account when authenticated; else the refusal to send. An address or account in back-off
     * or locked is refused before its password is looked at, with the same answer as a wrong one.
     */
    private Caller authenticate(ReceivedEnvelope envelope, DeviceExchange.Request request) {
        LoginThrottle logins = guards.logins();
        boolean wsSecurity = !envelope.headers(Namespaces.WSSE, "Security").isEmpty();
        Optional<String> claimed = wsSecurity ? ClaimedAccount.ofUsernameToken(envelope)
                : request.authorization().flatMap(ClaimedAccount::ofDigest);
        boolean stale = false;
        if (wsSecurity || request.authorization().isPresent()) {
            if (logins.blocked(request.remoteAddress(), claimed).isPresent()) {
                refused.incrementAndGet();
                return refusal(envelope, wsSecurity, false);
            }
            try {
                String account = wsSecurity ? tokens.verify(envelope, accounts)
                        : digest.verify(request.authorization().get(), request.method(), request.target(), accounts);
                logins.succeeded(account);
                return new Caller(Optional.of(account), Optional.empty());
            } catch (TokenRejectedException e) {
                refused.incrementAndGet();
                if (e.reason() == TokenRejectedException.Reason.WRONG_PASSWORD
                        || e.reason() == TokenRejectedException.Reason.UNKNOWN_USER) {
                    logins.failed(request.remoteAddress(), claimed);
                }
                stale = e.reason() == TokenRejectedException.Reason.STALE;
            }
        }
        return refusal(envelope, wsSecurity, stale);
    }

    /** The client learns only that it is not authorised, never which part was wrong, nor whether it is locked. */
    private Caller refusal(ReceivedEnvelope envelope, boolean wsSecurity, boolean stale) {
        DeviceExchange.Response response = wsSecurity ? fault(envelope, DeviceFault.notAuthorized(), Map.of())
                : fault(envelope, new DeviceFault(DeviceFault.notAuthorized().fault(), 401),
                        Map.of("WWW-Authenticate", digest.challenges(stale)));
        return new Caller(Optional.empty(), Optional.of(response));
    }

    /** The configured external address, else the local address the request arrived on. */
    private URI base(DeviceExchange.Request request) {
        return guards.externalAddress().orElse(request.base());
    }

    private CompletableFuture<XmlWritable> answer(DeviceExchange.Request request, ReceivedEnvelope envelope, Element body,
            Caller caller) throws DeviceFault, SoapMessageException {
        String path = request.path();
        String namespace = Dom.namespaceOf(body);
        String name = body.getLocalName();
        if (path.startsWith(SUBSCRIPTION_PATH)) {
            return subscriptionOperation(path.substring(SUBSCRIPTION_PATH.length()), namespace, name, body, caller.name());
        }
        XmlWritable answer = switch (path) {
            case DEVICE_PATH -> Namespaces.TDS.equals(namespace) ? device(name, request) : null;
            case MEDIA_PATH -> Namespaces.TRT.equals(namespace) ? media(false, name, body) : null;
            case MEDIA2_PATH -> Namespaces.TR2.equals(namespace) ? media(true, name, body) : null;
            case EVENTS_PATH -> events(namespace, name, body, request, caller);
            default -> null;
        };
        if (answer == null) {
            throw DeviceFault.actionNotSupported();
        }
        return CompletableFuture.completedFuture(answer);
    }

    private XmlWritable device(String name, DeviceExchange.Request request) throws DeviceFault {
        URI base = base(request);
        return switch (name) {
            case "GetSystemDateAndTime" -> new SystemDateAndTime(clock.instant(), false);
            case "GetDeviceInformation" -> identity.information();
            case "GetServices" -> new Services(List.of(
                    new OnvifService(Namespaces.TDS, base.resolve(DEVICE_PATH), 2, 60),
                    new OnvifService(Namespaces.TRT, base.resolve(MEDIA_PATH), 2, 60),
                    new OnvifService(Namespaces.TR2, base.resolve(MEDIA2_PATH), 2, 60),
                    new OnvifService(Namespaces.TEV, base.resolve(EVENTS_PATH), 2, 60)));
            case "GetServiceCapabilities" -> DeviceResponses.deviceServiceCapabilities();
            case "GetCapabilities" -> DeviceResponses.capabilities(base.resolve(DEVICE_PATH), base.resolve(EVENTS_PATH),
                    base.resolve(MEDIA_PATH));
            case "GetScopes" -> DeviceResponses.scopes(identity.scopes());
            case "GetHostname" -> DeviceResponses.hostname(identity.hostname());
            case "GetWsdlUrl" -> DeviceResponses.wsdlUrl();
            case "GetEndpointReference" -> DeviceResponses.endpointReference(identity.endpointUuid());
            case "GetNetworkInterfaces" -> DeviceResponses.networkInterfaces(
                    request.localAddress() == null ? base.getHost() : request.localAddress(), hardwareAddress(request.localAddress()));
            default -> {
                if (name.startsWith("Set") || name.startsWith("Add") || name.startsWith("Remove") || name.startsWith("Create")
                        || name.startsWith("Delete") || name.equals("SystemReboot")) {
                    throw DeviceFault.sender("Vigil's device settings are managed in Vigil, not over ONVIF",
                            Namespaces.ter("OperationProhibited"), Namespaces.ter("ModifyForbidden"));
                }
                throw DeviceFault.actionNotSupported();
            }
        };
    }

    private static String hardwareAddress(String localAddress) {
        try {
            if (localAddress != null) {
                java.net.NetworkInterface network = java.net.NetworkInterface.getByInetAddress(java.net.InetAddress.getByName(localAddress));
                byte[] mac = network == null ? null : network.getHardwareAddress();
                if (mac != null && mac.length == 6) {
                    List<String> parts = new ArrayList<>();
                    for (byte b : mac) {
                        parts.add(String.format("%02x", b));
                    }
                    return String.join(":", parts);
                }
            }
        } catch (java.io.IOException e) {
            // the loopback or an unknown interface: no hardware address
        }
        return "00:00:00:00:00:00";
    }

    private XmlWritable media(boolean media2, String name, Element body) throws DeviceFault, SoapMessageException {
        List<Channel> all = channels.get();
        // Media1's tt:VideoEncoding names only JPEG, MPEG4 and H264: an H.265 camera's video
        // profile exists only in Media2 (its metadata profile, which names no encoding, in both)
        List<Channel> videos = media2 ? all : all.stream().filter(Channel::media1CanName).toList();
        return switch (name) {
            case "GetProfiles" -> media2 ? new Media2Profiles(profiles(all, all)) : new Media1Profiles(profiles(videos, all));
            case "GetStreamUri" -> {
                String token = StreamUriRequest.read(body, media2).profileToken();
                Channel channel = byProfile(all, token);
                if (!channel.metadataProfileToken().equals(token) && !videos.contains(channel)) {
                    throw noProfile();
                }
                yield new StreamUri(media2, channel.metadataProfileToken().equals(token) ? channel.metadataUri()
                        : URI.create(channel.streamUri().toString()));
            }
            case "GetMetadataConfigurations" -> {
                Optional<String> configuration = MetadataResponses.optionalToken(body, "ConfigurationToken");
                Optional<String> profile = MetadataResponses.optionalToken(body, "ProfileToken");
                List<Channel> chosen = new ArrayList<>();
                for (Channel channel : profile.isPresent() ? List.of(byProfile(all, profile.get())) : all) {
                    if (configuration.isEmpty() || configuration.get().equals(channel.metadataToken())) {
                        chosen.add(channel);
                    }
                }
                if (configuration.isPresent() && chosen.isEmpty() && profile.isEmpty()) {
                    throw noConfiguration();
                }
                yield MetadataResponses.configurations(media2, "GetMetadataConfigurationsResponse", chosen);
            }
            case "GetMetadataConfiguration" -> {
                if (media2) {
                    throw DeviceFault.actionNotSupported();
                }
                String token = MetadataResponses.optionalToken(body, "ConfigurationToken").orElseThrow(OnvifDevice::noConfiguration);
                Channel channel = all.stream().filter(c -> c.metadataToken().equals(token)).findFirst().orElseThrow(OnvifDevice::noConfiguration);
                yield MetadataResponses.configuration(channel);
            }
            case "GetCompatibleMetadataConfigurations" -> {
                if (media2) {
                    throw DeviceFault.actionNotSupported();
                }
                Channel channel = byProfile(all, MetadataResponses.optionalToken(body, "ProfileToken")
                        .orElseThrow(() -> DeviceFault.sender("ProfileToken is required", Namespaces.ter("InvalidArgVal"),
                                Namespaces.ter("NoProfile"))));
                yield MetadataResponses.configurations(false, "GetCompatibleMetadataConfigurationsResponse", List.of(channel));
            }
            case "GetMetadataConfigurationOptions" -> {
                Optional<String> configuration = MetadataResponses.optionalToken(body, "ConfigurationToken");
                if (configuration.isPresent() && all.stream().noneMatch(c -> c.metadataToken().equals(configuration.get()))) {
                    throw noConfiguration();
                }
                Optional<String> profile = MetadataResponses.optionalToken(body, "ProfileToken");
                if (profile.isPresent()) {
                    byProfile(all, profile.get());
                }
                yield MetadataResponses.options(media2);
            }
            case "GetVideoSources" -> {
                if (media2) {
                    throw DeviceFault.actionNotSupported();
                }
                yield DeviceResponses.videoSources(all);
            }
            case "GetVideoSourceConfigurations" -> DeviceResponses.videoSourceConfigurations(media2, all);
            case "GetServiceCapabilities" -> DeviceResponses.mediaServiceCapabilities(media2, 2 * all.size());
            case "CreateProfile" -> throw DeviceFault.receiver("Vigil has one fixed profile per watched camera",
                    Namespaces.ter("Action"), Namespaces.ter("MaxNVTProfiles"));
            case "DeleteProfile" -> throw DeviceFault.sender("Vigil's profiles are fixed",
                    Namespaces.ter("Action"), Namespaces.ter("DeletionOfFixedProfile"));
            default -> {
                if (name.startsWith("Set") || name.startsWith("Add") || name.startsWith("Remove") || name.startsWith("Create")
                        || name.startsWith("Delete")) {
                    // configuration-changing calls a VMS sends when adding a device: the restreams are read-only
                    throw DeviceFault.sender("Vigil's profiles are read-only restreams of the watched cameras",
                            Namespaces.ter("InvalidArgVal"), Namespaces.ter("ConfigModify"));
                }
                throw DeviceFault.actionNotSupported();
            }
        };
    }

    /** Each camera's video profile, then each camera's metadata profile: clients that take the first profile get video. */
    private static List<io.vigil.onvif.message.MediaProfile> profiles(List<Channel> videos, List<Channel> all) {
        List<io.vigil.onvif.message.MediaProfile> profiles = new ArrayList<>(videos.stream().map(Channel::profile).toList());
        all.stream().map(Channel::metadataProfile).forEach(profiles::add);
        return profiles;
    }

    private static DeviceFault noProfile() {
        return DeviceFault.sender("The requested profile token does not exist", Namespaces.ter("InvalidArgVal"),
                Namespaces.ter("NoProfile"));
    }

    private static DeviceFault noConfiguration() {
        return DeviceFault.sender("The requested configuration does not exist", Namespaces.ter("InvalidArgVal"),
                Namespaces.ter("NoConfig"));
    }

    private static Channel byProfile(List<Channel> all, String token) throws DeviceFault {
        return all.stream().filter(channel -> channel.profileToken().equals(token) || channel.metadataProfileToken().equals(token))
                .findFirst()
                .orElseThrow(() -> DeviceFault.sender("The requested profile token does not exist",
                        Namespaces.ter("InvalidArgVal"), Namespaces.ter("NoProfile")));
    }

    private XmlWritable events(String namespace, String name, Element body, DeviceExchange.Request request, Caller caller)
            throws DeviceFault, SoapMessageException {
        if (DeviceFault.WSNT.equals(namespace) && "Subscribe".equals(name)) {
            URI consumer = Dom.child(body, DeviceFault.WSNT, "ConsumerReference")
                    .flatMap(reference -> Dom.child(reference, Namespaces.WSA, "Address")).map(Dom::text).map(OnvifDevice::consumer)
                    .orElseThrow(() -> DeviceFault.sender("Subscribe without a ConsumerReference address",
                            Namespaces.ter("InvalidArgVal")));
            Optional<String> refusal = guards.pushAllowed().refusal(consumer);
            if (refusal.isPresent()) {
                throw DeviceFault.sender("Subscribe refused: " + refusal.get(), DeviceFault.wsnt("SubscribeCreationFailedFault"));
            }
            TopicFilter filter = TopicFilter.of(body);
            Optional<Instant> termination = time(body, DeviceFault.WSNT, "InitialTerminationTime");
            String id = broker.create(filter, termination, Optional.of(consumer), caller.name());
            return DeviceResponses.subscribed(DeviceFault.wsnt("SubscribeResponse"), DeviceFault.wsnt("SubscriptionReference"),
                    subscriptionAddress(request, id), clock.instant(), broker.terminationOf(id, caller.name()));
        }
        if (!Namespaces.TEV.equals(namespace)) {
            return null;
        }
        return switch (name) {
            case "GetServiceCapabilities" -> DeviceResponses.eventServiceCapabilities(broker.options().maxSubscriptions());
            case "GetEventProperties" -> DeviceResponses.eventProperties();
            case "CreatePullPointSubscription" -> {
                TopicFilter filter = TopicFilter.of(body);
                Optional<Instant> termination = time(body, Namespaces.TEV, "InitialTerminationTime");
                String id = broker.create(filter, termination, Optional.empty(), caller.name());
                yield DeviceResponses.subscribed(Namespaces.tev("CreatePullPointSubscriptionResponse"),
                        Namespaces.tev("SubscriptionReference"), subscriptionAddress(request, id), clock.instant(),
                        broker.terminationOf(id, caller.name()));
            }
            default -> null;
        };
    }

    private static URI consumer(String address) {
        URI uri;
        try {
            uri = URI.create(address);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the consumer address is not a URI");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("the consumer address must be an http(s) URL");
        }
        return uri;
    }

    private URI subscriptionAddress(DeviceExchange.Request request, String id) {
        return base(request).resolve(SUBSCRIPTION_PATH + id);
    }

    private CompletableFuture<XmlWritable> subscriptionOperation(String id, String namespace, String name, Element body,
            String account) throws DeviceFault {
        if (Namespaces.TEV.equals(namespace)) {
            switch (name) {
                case "PullMessages" -> {
                    Duration timeout = Dom.child(body, Namespaces.TEV, "Timeout").map(Dom::text).map(OnvifDevice::duration)
                            .orElse(Duration.ofSeconds(10));
                    int limit = Dom.child(body, Namespaces.TEV, "MessageLimit").map(Dom::text).map(Integer::parseInt).orElse(10);
                    return broker.pull(id, account, timeout, limit).thenApply(DeviceResponses::pulled);
                }
                case "SetSynchronizationPoint" -> {
                    if (!broker.isPullPoint(id, account)) {
                        throw DeviceFault.actionNotSupported();
                    }
                    broker.publishTo(id, account, synchronisationPoint());
                    return CompletableFuture.completedFuture(DeviceResponses.empty(Namespaces.tev("SetSynchronizationPointResponse")));
                }
                default -> throw DeviceFault.actionNotSupported();
            }
        }
        if (DeviceFault.WSNT.equals(namespace)) {
            switch (name) {
                case "Renew" -> {
                    Optional<Instant> termination = time(body, DeviceFault.WSNT, "TerminationTime");
                    Instant renewed = broker.renew(id, account, termination);
                    return CompletableFuture.completedFuture(DeviceResponses.renewed(clock.instant(), renewed));
                }
                case "Unsubscribe" -> {
                    broker.unsubscribe(id, account);
                    return CompletableFuture.completedFuture(DeviceResponses.empty(DeviceFault.wsnt("UnsubscribeResponse")));
                }
                default -> throw DeviceFault.actionNotSupported();
            }
        }
        throw DeviceFault.actionNotSupported();
    }

    /** The current state of every property topic (each source's alarm: false), as Initialized messages. */
    private List<Notification> synchronisationPoint() {
        Instant now = clock.instant();
        List<Notification> states = new ArrayList<>();
        for (Channel channel : channels.get()) {
            states.add(Recognitions.sourceState(channel, false, "Initialized", now));
        }
        return states;
    }

    /** An xs:duration ({@code PT60S}) or xs:dateTime, as InitialTerminationTime and TerminationTime may be. */
    private Optional<Instant> time(Element parent, String namespace, String localName) {
        return Dom.child(parent, namespace, localName).map(Dom::text).filter(text -> !text.isEmpty()).map(text -> {
            if (text.startsWith("P") || text.startsWith("-P")) {
                return clock.instant().plus(duration(text));
            }
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not an xs:duration or xs:dateTime: " + SafeText.excerpt(text, 40));
            }
        });
    }

    static Duration duration(String text) {
        if (text.length() > 40) {
            throw new IllegalArgumentException("overlong duration");
        }
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an xs:duration Vigil accepts: " + SafeText.excerpt(text, 40));
        }
    }

    private DeviceExchange.Response ok(ReceivedEnvelope request, Element body, XmlWritable answer) {
        List<XmlWritable> headers = new ArrayList<>();
        String action = Dom.namespaceOf(body) + "/" + body.getLocalName() + "Response";
        WsAddressing.from(request).ifPresent(addressing -> headers.add(WsAddressing.reply(action, addressing.messageId())));
        byte[] bytes = new SoapEnvelope(headers, DeviceResponses.onBody(answer)).toBytes();
        return new DeviceExchange.Response(200, Map.of("Content-Type", List.of(CONTENT_TYPE)), bytes);
    }

    private static DeviceExchange.Response fault(ReceivedEnvelope request, DeviceFault fault, Map<String, List<String>> extra) {
        List<XmlWritable> headers = new ArrayList<>();
        if (request != null) {
            WsAddressing.from(request).ifPresent(addressing -> headers.add(WsAddressing.reply(FAULT_ACTION, addressing.messageId())));
        }
        byte[] bytes = new SoapEnvelope(headers, DeviceResponses.onBody(fault.fault())).toBytes();
        java.util.HashMap<String, List<String>> all = new java.util.HashMap<>(extra);
        all.put("Content-Type", List.of(CONTENT_TYPE));
        return new DeviceExchange.Response(fault.status(), all, bytes);
    }
}
