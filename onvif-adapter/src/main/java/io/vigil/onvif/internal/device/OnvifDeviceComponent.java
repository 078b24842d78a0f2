package io.vigil.onvif.internal.device;

import io.vigil.api.alert.AlertStore;
import io.vigil.api.alert.AlertTopics;
import io.vigil.api.compliance.ComplianceTopics;
import io.vigil.api.camera.CameraRegistry;
import io.vigil.api.face.AnalysedFrame;
import io.vigil.api.face.AnalysedFrameListener;
import io.vigil.api.media.RtspServer;
import io.vigil.api.media.StreamSpec;
import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import io.vigil.api.status.ModuleStatus;
import io.vigil.api.status.StatusReporter;
import io.vigil.onvif.discovery.DiscoveryResponder;
import io.vigil.onvif.discovery.TargetService;
import io.vigil.onvif.message.DeviceInformation;
import io.vigil.support.https.HttpsConnector;
import io.vigil.support.tls.TlsIdentity;
import jakarta.servlet.Servlet;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.FieldOption;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Vigil as an ONVIF device for the VMS ({@code conf/io.vigil.onvif.device.cfg}; off until that
 * configuration exists): Device, Media, Media2 and Event services under {@code /onvif/} of the
 * container's HTTP server, one profile per watched camera, recognitions from the alert store
 * announced on {@code tns1:RuleEngine/Recognition/Face}, the facial-data ledger's warnings on
 * {@code vigil:Compliance/Warning}. The Event Admin handler only enqueues.
 */
@Component(configurationPid = OnvifDeviceComponent.PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        // immediate: a delayed component that provides only an EventHandler would wait for the
        // first alert (Event Admin fetches handlers lazily) before its servlet existed
        immediate = true, service = {EventHandler.class, AnalysedFrameListener.class, VigilStreams.class, StatusReporter.class},
        property = {EventConstants.EVENT_TOPIC + "=" + AlertTopics.STORED, EventConstants.EVENT_TOPIC + "=" + CameraRegistry.CHANGED,
                EventConstants.EVENT_TOPIC + "=" + ComplianceTopics.WARNING,
                "vigil.module=onvif-device"})
@Designate(ocd = OnvifDeviceComponent.Config.class)
public class OnvifDeviceComponent implements EventHandler, AnalysedFrameListener, VigilStreams, StatusReporter {

    static final String PID = "io.vigil.onvif.device";

    @ObjectClassDefinition(name = "Vigil ONVIF device", description = "Vigil as an ONVIF device that a VMS adds")
    public @interface Config {

        @AttributeDefinition(name = "Service accounts", description = "user=password-alias; passwords in the secret store")
        String[] accounts() default {};

        @AttributeDefinition(name = "Device UUID", description = "urn:uuid:...; empty: derived from the host name")
        String device_uuid() default "";

        @AttributeDefinition(name = "Manufacturer")
        String manufacturer() default "Vigil";

        @AttributeDefinition(name = "Model")
        String model() default "Vigil face watchlist";

        @AttributeDefinition(name = "Serial number", description = "Empty: the device UUID")
        String serial() default "";

        @AttributeDefinition(name = "Location scope", description = "onvif://www.onvif.org/location/<this>")
        String location() default "";

        @AttributeDefinition(name = "Extra scopes", description = "Further scope URIs (only claim profiles you honour)")
        String[] scopes_extra() default {};

        @AttributeDefinition(name = "RTSP base", description = "Where Vigil's restreams are mounted; profile URIs are <base>/vigil/<camera id>")
        String rtsp_base() default "rtsp://127.0.0.1:8554";

        @AttributeDefinition(name = "RTSP user", description = "Vigil's login for the restreams; empty: the first service account")
        String rtsp_user() default "";

        @AttributeDefinition(name = "RTSP password alias", description = "Its password in the secret store; empty: the first service account's")
        String rtsp_password_alias() default "";

        @AttributeDefinition(name = "Rule name", description = "The Rule source item of recognitions")
        String rule() default "VigilFaceRecognition";

        @AttributeDefinition(name = "Labels", description = "watchlist-id=Blacklisted|Whitelisted|Temporary|suspect|missing_person|other|none")
        String[] labels() default {};

        @AttributeDefinition(name = "Default label", description = "For watchlists not listed; empty: no Label")
        String label_default() default "";

        @AttributeDefinition(name = "Alarm pulse (ms)", description = "How long a source's alarm state stays true after a recognition; 0: off")
        long alarm_pulse_ms() default 2000;

        @AttributeDefinition(name = "Queue per subscription")
        int queue_capacity() default 100;

        @AttributeDefinition(name = "Most subscriptions")
        int max_subscriptions() default 2000;

        @AttributeDefinition(name = "Most subscriptions per account", description = "So that one service account cannot take every slot")
        int max_subscriptions_per_account() default 500;

        @AttributeDefinition(name = "Push consumers allowed", description = "Host names, addresses or networks (10.1.2.0/24) that"
                + " Subscribe may name as its consumer; empty: push refused (PullPoint only)")
        String[] push_allow() default {};

        @AttributeDefinition(name = "Push deadline (ms)", description = "The longest one Notify may take, its answer's body included")
        long push_deadline_ms() default 10_000;

        @AttributeDefinition(name = "Failed logins before back-off", description = "Per client address and per account")
        int login_free_failures() default 3;

        @AttributeDefinition(name = "First back-off (ms)", description = "Doubled with each further failure")
        long login_backoff_ms() default 1_000;

        @AttributeDefinition(name = "Longest back-off (ms)")
        long login_backoff_max_ms() default 30_000;

        @AttributeDefinition(name = "Failed logins before lockout")
        int login_lockout_failures() default 10;

        @AttributeDefinition(name = "Lockout (minutes)", description = "Also how long a failure is remembered")
        long login_lockout_minutes() default 15;

        @AttributeDefinition(name = "External address", description = "scheme://host:port that every address Vigil answers with"
                + " starts with; empty: the address and port each request arrived on (never its Host header)")
        String external_address() default "";

        @AttributeDefinition(name = "HTTPS port", description = "The device service over TLS on this port (recommended,"
                + " e.g. 8481); 0: no HTTPS")
        int https_port() default 0;

        @AttributeDefinition(name = "HTTPS address", description = "Where the HTTPS port listens; empty: org.apache.felix.http.host")
        String https_host() default "";

        @AttributeDefinition(name = "Plain HTTP", description = "Also serve the device over plain HTTP (org.osgi.service.http.port);"
                + " false: HTTPS only")
        boolean http_enabled() default true;

        @AttributeDefinition(name = "Keystore", description = "An administrator's keystore for HTTPS; empty: a certificate"
                + " generated on first start into onvif/tls.p12 in the data folder")
        String keystore_path() default "";

        @AttributeDefinition(name = "Keystore type")
        String keystore_type() default "PKCS12";

        @AttributeDefinition(name = "Keystore password alias", description = "The secret store alias of the keystore's password")
        String keystore_password_alias() default "onvif.device.tls.keystore";

        @AttributeDefinition(name = "Request body deadline (ms)", description = "A client slower to send its request is answered 408")
        long body_deadline_ms() default 10_000;

        @AttributeDefinition(name = "Default subscription life (s)")
        long termination_default_s() default 60;

        @AttributeDefinition(name = "Longest subscription life granted (s)")
        long termination_max_s() default 3600;

        @AttributeDefinition(name = "Reaper period (ms)")
        long reap_ms() default 5000;

        @AttributeDefinition(name = "UsernameToken Created window (s)")
        long created_window_s() default 300;

        @AttributeDefinition(name = "Answer WS-Discovery probes", description = "Directed probes on discovery.address:discovery.port")
        boolean discovery_enabled() default true;

        @AttributeDefinition(name = "Discovery address", description = "Where directed probes are received")
        String discovery_address() default "127.0.0.1";

        @AttributeDefinition(name = "Discovery UDP port", description = "For directed probes; 0: any free port")
        int discovery_port() default 3702;

        @AttributeDefinition(name = "Multicast discovery", description = "Join 239.255.255.250:3702, say Hello and Bye (sends IGMP on that network)")
        boolean discovery_multicast() default false;

        @AttributeDefinition(name = "Probes answered at once per source", description = "Then discovery.probe.per.second")
        int discovery_probe_burst() default 10;

        @AttributeDefinition(name = "Probes answered per second per source")
        double discovery_probe_per_second() default 1.0;

        @AttributeDefinition(name = "Multicast interface", description = "Interface name; empty: the one holding the discovery address")
        String discovery_interface() default "";

        @AttributeDefinition(name = "Device service addresses", description = "XAddrs announced; empty: http://<HTTP host>:<HTTP port>/onvif/device_service")
        String[] xaddrs() default {};
    }

    private final Logger logger;
    private final DeviceRuntime runtime;
    private final ServiceAccounts accounts;
    private final ServiceRegistration<Servlet> servlet;
    private final DiscoveryResponder discovery;
    private volatile String discoveryState = "off (discovery.enabled=false)";
    private ServiceRegistration<?> https;
    private volatile String httpsState = "off (https.port=0)";

    /**
     * The streams offered to ingest (the registry's cameras, hand-written stream configurations): how
     * to pull each camera. Named in full: VigilStreams has a CameraStreams record of its own.
     */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, fieldOption = FieldOption.UPDATE)
    private final List<io.vigil.api.media.CameraStreams> offeredStreams = new CopyOnWriteArrayList<>();
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AlertStore alerts;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile RtspServer rtsp;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile io.vigil.api.audit.AuditTrail audit;

    /** The audit action of a device login lockout (an address or an account). */
    static final String LOGIN_LOCKED = "onvif.login.locked";

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile io.vigil.onvif.internal.registry.AnnouncedCameras announced;

    private final Restreams restreams;
    private final String module;

    @Activate
    public OnvifDeviceComponent(Config config, BundleContext context, @Reference CameraRegistry cameras,
            @Reference SecretStore secrets,
            @Reference(service = LoggerFactory.class) Logger logger) throws SecretStoreException {
        // profiles for configured cameras only (failed ones included), not for devices that only said Hello
        cameras = io.vigil.onvif.internal.registry.ConfiguredCameras.of(cameras, () -> announced);
        this.logger = logger;
        this.accounts = ServiceAccounts.load(config.accounts(), secrets);
        if (!accounts.missing().isEmpty()) {
            logger.warn("ONVIF service accounts without a password in the secret store: {}", accounts.missing());
        }
        if (!accounts.weak().isEmpty()) {
            logger.warn("ONVIF service accounts with a default, short (under {} characters) or name-like password: {};"
                    + " give each a long random one (vigil secret set ALIAS)", ServiceAccounts.MIN_PASSWORD, accounts.weak());
        }
        DeviceRuntime.Settings settings = settings(config);
        this.runtime = new DeviceRuntime(settings, cameras, accounts, () -> Optional.ofNullable(alerts), this::streamRecognition,
                Clock.systemUTC());
        this.module = config.rule();
        runtime.logins().onLockout(lockout -> {
            logger.warn("ONVIF device logins: {} {} locked until {} after {} failed logins", lockout.kind().name().toLowerCase(),
                    lockout.key(), lockout.until(), lockout.failures());
            runtime.execute(() -> auditLockout(lockout));
        });
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.http.whiteboard.servlet.pattern", "/onvif/*");
        properties.put("osgi.http.whiteboard.servlet.name", "vigil-onvif-device");
        properties.put("osgi.http.whiteboard.servlet.asyncSupported", Boolean.TRUE);
        this.servlet = context.registerService(Servlet.class, new DeviceServlet(runtime.device(),
                runtime.broker().options().maxPullTimeout().toMillis() + 30_000, settings.protection().bodyDeadline(),
                config.http_enabled()), properties);
        if (config.https_port() != 0) {
            startHttps(config, context, secrets);
        }
        logger.info("Vigil ONVIF device active at /onvif/device_service with {} service account(s)", accounts.size());
        this.restreams = new Restreams(cameras::cameras, () -> Optional.ofNullable(rtsp),
                camera -> cameraSource(camera, offeredStreams, secrets), () -> vigilLogin(config, secrets),
                now -> MetadataDocuments.empty(now, module), 5_000);
        this.discovery = config.discovery_enabled() ? startDiscovery(config, context, settings.identity()) : null;
    }

    /**
     * The HTTPS connector, with the TLS handling the console shares (support library: TlsIdentity,
     * HttpsConnector); a keystore that cannot be read is reported (status and log), not thrown:
     * plain HTTP, where enabled, goes on.
     */
    private void startHttps(Config config, BundleContext context, SecretStore secrets) {
        try {
            if (config.https_port() < 0 || config.https_port() > 65535) {
                throw new DeviceTlsException("https.port must be 0 to 65535, not " + config.https_port());
            }
            String host = config.https_host().isBlank()
                    ? Optional.ofNullable(context.getProperty("org.apache.felix.http.host")).orElse("127.0.0.1").strip()
                    : config.https_host().strip();
            java.nio.file.Path data = java.nio.file.Path.of(Optional.ofNullable(context.getProperty("vigil.data")).orElse("data"));
            TlsIdentity identity = TlsIdentity.obtain(new TlsIdentity.Source("ONVIF device", "vigil-onvif-device",
                    config.keystore_path().isBlank() ? Optional.empty() : Optional.of(java.nio.file.Path.of(config.keystore_path())),
                    config.keystore_type(), config.keystore_password_alias(), data.resolve("onvif").resolve("tls.p12"), host),
                    secrets, Clock.systemUTC(), DeviceTlsException::new);
            https = context.registerService(org.apache.felix.http.jetty.ConnectorFactory.class,
                    new HttpsConnector(identity, "vigil-onvif-device-https", host, config.https_port(), 30_000), new Hashtable<>());
            httpsState = "https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + config.https_port()
                    + "/onvif/device_service (certificate " + (identity.generated() ? "generated" : "configured") + ", SHA-256 "
                    + identity.fingerprint() + ")" + (config.http_enabled() ? "; plain HTTP also served" : "; plain HTTP refused");
            logger.info("Vigil ONVIF device over HTTPS at {}", httpsState);
        } catch (DeviceTlsException | RuntimeException e) {
            httpsState = "failed: " + e.getMessage();
            logger.error("Vigil ONVIF device not served over HTTPS: {}", e.getMessage());
        }
    }

    /** Into the audit trail where one is installed; the log has it either way. */
    private void auditLockout(LoginThrottle.Lockout lockout) {
        io.vigil.api.audit.AuditTrail trail = audit;
        if (trail == null) {
            return;
        }
        try {
            trail.record(LOGIN_LOCKED, "onvif-device", Map.of(lockout.kind().name().toLowerCase(), lockout.key(),
                    "failures", Integer.toString(lockout.failures()), "until", lockout.until().toString()));
        } catch (io.vigil.api.audit.AuditException | RuntimeException e) {
            logger.warn("ONVIF device login lockout not audited: {}", e.getMessage());
        }
    }

    /**
     * How to pull a camera's stream: the URI ingest plays (the registry's, else the one offered to
     * ingest for the camera) and the login of the stream offered to ingest for it.
     */
    static Optional<Restreams.Source> cameraSource(io.vigil.api.camera.Camera camera,
            List<io.vigil.api.media.CameraStreams> offers, SecretStore secrets) {
        try {
            Optional<StreamSpec> spec = offers.stream().flatMap(o -> o.streams().stream())
                    .filter(s -> s.cameraId().equals(camera.id())).findFirst();
            Optional<java.net.URI> uri = camera.streamProfile().streamUri().or(() -> spec.map(StreamSpec::uri));
            if (uri.isEmpty()) {
                return Optional.empty();
            }
            Optional<io.vigil.api.media.RtspCredentials> login = Optional.empty();
            if (spec.isPresent() && !spec.get().user().isBlank()) {
                String alias = spec.get().passwordAlias();
                char[] password = alias.isBlank() ? new char[0] : secrets.password(alias).orElse(new char[0]);
                login = Optional.of(new io.vigil.api.media.RtspCredentials(spec.get().user(), password));
            }
            return Optional.of(new Restreams.Source(uri.get(), login));
        } catch (SecretStoreException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Vigil's RTSP login for the VMS: rtsp.user and its password, else the first service account. */
    static Optional<io.vigil.api.media.RtspCredentials> vigilLogin(Config config, SecretStore secrets) {
        String user = config.rtsp_user().strip();
        String alias = config.rtsp_password_alias().strip();
        if (user.isEmpty()) {
            for (String entry : config.accounts()) {
                int equals = entry.indexOf('=');
                if (equals > 0) {
                    user = entry.substring(0, equals).strip();
                    alias = entry.substring(equals + 1).strip();
                    break;
                }
            }
        }
        if (user.isEmpty() || alias.isEmpty()) {
            return Optional.empty();
        }
        try {
            String name = user;
            return secrets.password(alias).map(password -> new io.vigil.api.media.RtspCredentials(name, password));
        } catch (SecretStoreException e) {
            return Optional.empty();
        }
    }

    /** Starts answering probes; a port in use or a missing interface is reported, not thrown. */
    private DiscoveryResponder startDiscovery(Config config, BundleContext context, OnvifDevice.Identity identity) {
        try {
            java.net.NetworkInterface iface = config.discovery_interface().isBlank() ? null
                    : java.net.NetworkInterface.getByName(config.discovery_interface().strip());
            if (!config.discovery_interface().isBlank() && iface == null) {
                throw new java.io.IOException("no network interface " + config.discovery_interface());
            }
            java.net.InetAddress address = java.net.InetAddress.getByName(config.discovery_address().strip());
            if (config.discovery_multicast() && iface == null && java.net.NetworkInterface.getByInetAddress(address) == null) {
                throw new java.io.IOException("no network interface holds " + address.getHostAddress()
                        + " for multicast: name one (discovery.interface)");
            }
            DiscoveryResponder started = new DiscoveryResponder(
                    DiscoveryResponder.Options.directed(address, config.discovery_port(), "vigil-onvif-device-discovery")
                            .withMulticast(config.discovery_multicast(), java.util.Optional.ofNullable(iface))
                            .withProbeRate(new DiscoveryResponder.ProbeRate(config.discovery_probe_burst(),
                                    config.discovery_probe_per_second())),
                    new TargetService(identity.endpointUuid(), DiscoveryResponder.CAMERA_TYPES, identity.scopes(),
                            xaddrs(config, context), 1));
            started.start();
            java.net.InetSocketAddress at = started.unicastAddress();
            discoveryState = "probes on udp " + at.getAddress().getHostAddress() + ":" + at.getPort()
                    + (config.discovery_multicast() ? " and multicast (Hello said)" : ", no multicast");
            logger.info("Vigil ONVIF device answers WS-Discovery: {}", discoveryState);
            return started;
        } catch (java.io.IOException | RuntimeException e) {
            discoveryState = "failed: " + e.getMessage();
            logger.warn("Vigil ONVIF device does not answer WS-Discovery: {}", e.getMessage());
            return null;
        }
    }

    /** The configured XAddrs, else the device service on the container's HTTP host and port. */
    static List<java.net.URI> xaddrs(Config config, BundleContext context) throws java.net.UnknownHostException {
        List<java.net.URI> given = new ArrayList<>();
        for (String value : config.xaddrs()) {
            if (!value.isBlank()) {
                given.add(java.net.URI.create(value.strip()));
            }
        }
        if (!given.isEmpty()) {
            return given;
        }
        String port = Optional.ofNullable(context.getProperty("org.osgi.service.http.port")).orElse("8080").strip();
        String host = Optional.ofNullable(context.getProperty("org.apache.felix.http.host")).map(String::strip).orElse("");
        if (host.isEmpty() || java.net.InetAddress.getByName(host).isAnyLocalAddress()) {
            host = java.net.InetAddress.getLocalHost().getHostAddress();
        }
        return List.of(java.net.URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port
                + "/onvif/device_service"));
    }

    static DeviceRuntime.Settings settings(Config config) {
        String uuid = config.device_uuid().isBlank() ? "urn:uuid:" + UUID.nameUUIDFromBytes(("vigil-onvif-device:" + hostname())
                .getBytes(StandardCharsets.UTF_8)) : config.device_uuid();
        String serial = config.serial().isBlank() ? uuid.substring(uuid.lastIndexOf(':') + 1) : config.serial();
        DeviceInformation information = new DeviceInformation(config.manufacturer(), config.model(), version(), serial, "vigil");
        List<String> scopes = new ArrayList<>(List.of("onvif://www.onvif.org/type/video_analytics",
                "onvif://www.onvif.org/name/Vigil", io.vigil.onvif.internal.registry.VigilDevices.HARDWARE_SCOPE));
        if (!config.location().isBlank()) {
            scopes.add("onvif://www.onvif.org/location/" + segment(config.location().strip()));
        }
        for (String extra : config.scopes_extra()) {
            if (!extra.isBlank()) {
                scopes.add(extra.strip());
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        for (String entry : config.labels()) {
            int equals = entry.indexOf('=');
            if (equals > 0) {
                String label = entry.substring(equals + 1).strip();
                Recognitions.labelOf(label); // refuses an unknown label at activation
                labels.put(entry.substring(0, equals).strip(), label);
            }
        }
        Recognitions.labelOf(config.label_default());
        return new DeviceRuntime.Settings(new OnvifDevice.Identity(information, uuid, hostname(), scopes, config.rtsp_base()),
                new EventBroker.Options(config.max_subscriptions(), config.queue_capacity(),
                        Duration.ofSeconds(config.termination_default_s()), Duration.ofSeconds(config.termination_max_s()),
                        Duration.ofMinutes(2), 100, config.max_subscriptions_per_account()),
                Duration.ofMillis(config.reap_ms()), Duration.ofSeconds(config.created_window_s()), config.rule(), labels,
                config.label_default().isBlank() ? Optional.empty() : Optional.of(config.label_default()),
                Duration.ofMillis(config.alarm_pulse_ms()), "Vigil", protection(config));
    }

    /** The guards against hostile clients; an unreadable entry is refused at activation, naming it. */
    static DeviceRuntime.Protection protection(Config config) {
        Optional<java.net.URI> external = Optional.empty();
        if (!config.external_address().isBlank()) {
            java.net.URI uri = java.net.URI.create(config.external_address().strip());
            if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null
                    || (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/"))) {
                throw new IllegalArgumentException("external.address must be http(s)://host[:port], not '" + config.external_address() + "'");
            }
            external = Optional.of(java.net.URI.create(uri.getScheme() + "://" + uri.getRawAuthority()));
        }
        return new DeviceRuntime.Protection(PushAllowList.parse(config.push_allow()), Duration.ofMillis(Math.max(100, config.push_deadline_ms())),
                new LoginThrottle.Options(config.login_free_failures(), Duration.ofMillis(config.login_backoff_ms()),
                        Duration.ofMillis(config.login_backoff_max_ms()), config.login_lockout_failures(),
                        Duration.ofMinutes(config.login_lockout_minutes()), 10_000),
                external, Duration.ofMillis(Math.max(100, config.body_deadline_ms())));
    }

    /** One scope path segment: RFC 3986 unreserved characters kept, every other UTF-8 byte percent-encoded. */
    static String segment(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return encoded.toString();
    }

    private static String version() {
        String version = OnvifDeviceComponent.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0" : version;
    }

    private static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "vigil";
        }
    }

    @Override
    public void handleEvent(Event event) {
        if (CameraRegistry.CHANGED.equals(event.getTopic())) {
            restreams.changed();
            return;
        }
        if (ComplianceTopics.WARNING.equals(event.getTopic())) {
            // the broker only queues: cheap enough for Event Admin's thread
            ComplianceWarnings.notification(event, java.time.Instant.now()).ifPresent(runtime.broker()::publish);
            return;
        }
        Object id = event.getProperty("alert.id");
        if (id instanceof String alertId && !runtime.feed().offer(alertId)) {
            logger.warn("ONVIF alert feed full: alert {} not announced to the VMS", alertId);
        }
    }

    /** Every analysed frame's faces to the camera's metadata stream; on the inference thread, so only queued. */
    @Override
    public void onAnalysedFrame(AnalysedFrame frame) {
        Restreams mounted = restreams;
        if (mounted != null) {
            mounted.metadata(frame.cameraId()).ifPresent(stream -> stream.send(frame.captureTime(),
                    MetadataDocuments.frame(frame, module)));
        }
    }

    @Override
    public List<CameraStreams> streams() {
        List<CameraStreams> streams = new ArrayList<>();
        for (Channel channel : runtime.channels()) {
            Optional<io.vigil.api.media.MetadataMount> mount = restreams.metadata(channel.camera().id());
            streams.add(new CameraStreams(channel.camera().id(), channel.streamUri(), channel.metadataUri(),
                    channel.metadataProfileToken(), mount.isPresent(), mount.map(io.vigil.api.media.MetadataMount::sent).orElse(0L),
                    mount.map(io.vigil.api.media.MetadataMount::dropped).orElse(0L),
                    restreams.mounted().contains(channel.camera().id()), restreams.videoProblem(channel.camera().id())));
        }
        return streams;
    }

    @Override
    public String state() {
        return restreams.state();
    }

    private void streamRecognition(Channel channel, Notification recognition) {
        Restreams mounted = restreams;
        if (mounted != null) {
            mounted.metadata(channel.camera().id()).ifPresent(stream -> stream.send(recognition.utcTime(),
                    MetadataDocuments.event(recognition)));
        }
    }

    @Override
    public ModuleStatus status() {
        EventBroker broker = runtime.broker();
        AlertFeed feed = runtime.feed();
        List<LoginThrottle.Locked> locked = runtime.logins().locked();
        // a locked account may be the VMS's own: worth an operator's look
        ModuleStatus.Health health = accounts.size() == 0 || feed.overflow() > 0 || !locked.isEmpty() || httpsState.startsWith("failed")
                ? ModuleStatus.Health.DEGRADED : ModuleStatus.Health.OK;
        return new ModuleStatus("onvif-device", health, String.format(
                "at /onvif/device_service (https: %s); %d service account(s)%s; %d channel(s); %d subscription(s); recognitions"
                        + " announced %d, not announced %d, feed overflow %d; messages dropped %d; restreams: %s;"
                        + " metadata documents sent %d, dropped %d; discovery: %s%s; logins refused %d, lockouts %d%s; push: %s",
                httpsState, accounts.size(), (accounts.missing().isEmpty() ? "" : " (no password: " + accounts.missing() + ")")
                        + (accounts.weak().isEmpty() ? "" : " (weak password: " + accounts.weak() + ")"),
                runtime.channels().size(), broker.size(), feed.published(), feed.unannounced(), feed.overflow(), broker.dropped(),
                restreams.state(), restreams.metadataCounts()[0], restreams.metadataCounts()[1], discoveryState,
                discovery == null ? "" : ", " + discovery.answeredProbes() + " probes answered, " + discovery.rateLimitedProbes()
                        + " over the rate per source",
                runtime.device().refusedCredentials(), runtime.logins().lockouts(), locked.isEmpty() ? ""
                        : ", locked now: " + String.join(", ", locked.stream().map(l -> l.kind().name().toLowerCase() + " " + l.key()
                                + " until " + l.until()).toList()),
                runtime.protection().pushAllowed().empty() ? "off (push.allow empty)"
                        : "to " + runtime.protection().pushAllowed() + ", " + broker.pushFailures() + " failed"));
    }

    @Deactivate
    void deactivate() {
        if (discovery != null) {
            discovery.stop(); // Bye first, while the device still answers
        }
        restreams.close();
        if (https != null) {
            try {
                https.unregister();
            } catch (IllegalStateException e) {
                // already gone with the bundle
            }
        }
        try {
            servlet.unregister();
        } catch (IllegalStateException e) {
            // already gone with the bundle
        }
        runtime.close();
        accounts.destroy();
        logger.info("Vigil ONVIF device stopped");
    }
}
