package io.vigil.console.internal;

import io.vigil.api.admin.AdminCommand;
import io.vigil.api.alert.AlertReview;
import io.vigil.api.alert.AlertStore;
import io.vigil.api.audit.AuditTrail;
import io.vigil.api.camera.Camera;
import io.vigil.api.camera.CameraRegistry;
import io.vigil.api.compliance.ComplianceLedger;
import io.vigil.api.deployment.DeploymentRegistry;
import io.vigil.api.media.StreamStatus;
import io.vigil.api.media.StreamStatuses;
import io.vigil.api.secret.SecretStore;
import io.vigil.api.status.ModuleStatus;
import io.vigil.api.status.StatusReporter;
import io.vigil.api.watchlist.EnrolmentPhotos;
import io.vigil.api.watchlist.WatchlistAdministration;
import io.vigil.support.https.HttpsConnector;
import io.vigil.support.tls.TlsIdentity;
import jakarta.servlet.Filter;
import jakarta.servlet.Servlet;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.felix.http.jetty.ConnectorFactory;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The web console: opens the console users, obtains the TLS identity, adds the HTTPS connector to
 * the container's Jetty and registers the pages (Servlet Whiteboard: the security filter on
 * {@code /console/*}, one servlet per area; bundles/console/README.md) and
 * {@code vigil users}. Without an audit trail there is no console: logins must be recorded.
 */
@Component(immediate = true, configurationPid = ConsoleComponent.PID, service = StatusReporter.class,
        property = "vigil.module=console")
@Designate(ocd = ConsoleComponent.Config.class)
public class ConsoleComponent implements StatusReporter {

    static final String PID = "io.vigil.console";

    @ObjectClassDefinition(name = "Vigil web console", description = "HTTPS address, certificate, users, sessions")
    public @interface Config {
        @AttributeDefinition(name = "HTTPS address", description = "The address the console listens on (loopback by default)")
        String https_host() default "127.0.0.1";

        @AttributeDefinition(name = "HTTPS port", min = "1", max = "65535")
        int https_port() default 8443;

        @AttributeDefinition(name = "Keystore", description = "An administrator's keystore; empty: a certificate generated"
                + " on first start into console/tls.p12 in the data folder")
        String keystore_path() default "";

        @AttributeDefinition(name = "Keystore type", description = "PKCS12 or JKS")
        String keystore_type() default "PKCS12";

        @AttributeDefinition(name = "Keystore password alias", description = "The secret store alias of the keystore's password")
        String keystore_password_alias() default "console.tls.keystore";

        @AttributeDefinition(name = "Users database", description = "The SQLite file; empty: console/users.db in the data folder")
        String database_path() default "";

        @AttributeDefinition(name = "Idle session timeout (minutes)", min = "1")
        int session_idle_minutes() default 30;

        @AttributeDefinition(name = "Longest session (hours)", min = "1")
        int session_max_hours() default 12;

        @AttributeDefinition(name = "Wrong passwords before lockout", min = "1")
        int lockout_failures() default 5;

        @AttributeDefinition(name = "Lockout (minutes)", min = "1")
        int lockout_minutes() default 15;

        @AttributeDefinition(name = "Password hash time (ms)", min = "10",
                description = "Argon2id is tuned at start to take about this long per password")
        int password_hash_millis() default 100;

        @AttributeDefinition(name = "Login attempts per client address per minute", min = "1",
                description = "Beyond, logins from that address are refused for the rest of the minute (besides the per-user lockout)")
        int login_rate_per_minute() default 10;

        @AttributeDefinition(name = "Largest upload (MiB)", min = "1", description = "An enrolment photo uploaded in the console")
        int upload_max_mib() default 32;
    }

    private final Logger logger;
    private final List<StatusReporter> reporters = new CopyOnWriteArrayList<>();
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private final BundleContext context;
    private volatile CameraRegistry cameras;
    private volatile AlertStore alerts;
    private volatile AlertReview review;
    private volatile EnrolmentPhotos photos;
    private volatile ComplianceLedger compliance;
    private volatile WatchlistAdministration watchlists;
    private volatile DeploymentRegistry deployments;
    /** Ingest's streams with their figures; optional: without ingest the console shows none. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile StreamStatuses streams;
    private UserStore users;
    private Sessions sessions;
    private HttpsConnector connector;
    private String address = "";
    private String fingerprint = "";
    private volatile String problem;

    @Activate
    public ConsoleComponent(BundleContext context, Config config, @Reference(service = LoggerFactory.class) Logger logger,
                            @Reference SecretStore secrets, @Reference AuditTrail audit) {
        this.context = context;
        this.logger = logger;
        Path data = Path.of(context.getProperty("vigil.data"));
        try {
            if (config.https_port() < 1 || config.https_port() > 65535) {
                throw new ConsoleException("https.port must be 1 to 65535, not " + config.https_port());
            }
            Clock clock = Clock.systemUTC();
            PasswordHasher hasher = PasswordHasher.tuned(config.password_hash_millis());
            Path db = config.database_path().isBlank() ? data.resolve("console").resolve("users.db") : Path.of(config.database_path());
            users = UserStore.open(db, hasher, new UserStore.Lockout(config.lockout_failures(),
                    Duration.ofMinutes(config.lockout_minutes())), clock);
            sessions = new Sessions(clock, Duration.ofMinutes(config.session_idle_minutes()),
                    Duration.ofHours(Math.max(1, config.session_max_hours())));
            Hashtable<String, Object> command = new Hashtable<>();
            command.put(AdminCommand.NAME, "users");
            command.put(AdminCommand.SUMMARY, "web console users: add NAME --role ROLE (password on stdin), list, remove, unlock");
            registrations.add(context.registerService(AdminCommand.class, new UsersCommand(users, sessions, audit), command));

            TlsIdentity identity = TlsIdentity.obtain(new TlsIdentity.Source("console", "vigil-console",
                    config.keystore_path().isBlank() ? Optional.empty() : Optional.of(Path.of(config.keystore_path())),
                    config.keystore_type(), config.keystore_password_alias(), data.resolve("console").resolve("tls.p12"),
                    config.https_host()), secrets, clock, ConsoleException::new);
            fingerprint = identity.fingerprint();
            // 30 s idle: Jetty's default, which the console's connector had before it was shared
            connector = new HttpsConnector(identity, "vigil-console-https", config.https_host(), config.https_port(), 30_000);
            registrations.add(context.registerService(ConnectorFactory.class, connector, new Hashtable<>()));

            LoginRateLimit rate = new LoginRateLimit(clock, Math.max(1, config.login_rate_per_minute()), Duration.ofMinutes(1));
            ConsoleSources sources = sources();
            // the filter before every servlet: HTTPS, headers, session, CSRF (ConsoleFilter)
            Dictionary<String, Object> filter = new Hashtable<>();
            filter.put("osgi.http.whiteboard.filter.pattern", "/console/*");
            filter.put("osgi.http.whiteboard.filter.name", "vigil-console-security");
            registrations.add(context.registerService(Filter.class, new ConsoleFilter(sessions, config.https_host(),
                    config.https_port()), filter));
            servlet("vigil-console-static", new StaticServlet(), StaticServlet.PATTERNS, Map.of());
            servlet("vigil-console-login", new LoginServlet(users, sessions, audit, rate), LoginServlet.PATTERNS, Map.of());
            servlet("vigil-console-status", new StatusServlet(sources), StatusServlet.PATTERNS, Map.of());
            servlet("vigil-console-alerts", new AlertsServlet(sources), AlertsServlet.PATTERNS, Map.of());
            servlet("vigil-console-alert", new AlertServlet(sources, audit), AlertServlet.PATTERNS, Map.of());
            // enrolment photos are uploaded as multipart forms; the size limit is the container's, before any of it is read
            servlet("vigil-console-watchlists", new WatchlistServlet(new WatchlistPages(sources::watchlists, sources::deployments)),
                    WatchlistServlet.PATTERNS, multipart(Math.max(1, config.upload_max_mib()) * 1024L * 1024L));
            servlet("vigil-console-compliance", new ComplianceServlet(new CompliancePages(sources::compliance, audit, data)),
                    ComplianceServlet.PATTERNS, Map.of());
            String host = config.https_host().contains(":") ? "[" + config.https_host() + "]" : config.https_host();
            address = "https://" + host + ":" + config.https_port() + "/console/";
            logger.info("Web console at {} (certificate {} SHA-256 {}; password hashing: Argon2id, {} passes of {} KiB)",
                    address, identity.generated() ? "generated" : "configured", fingerprint, hasher.passes(),
                    PasswordHasher.MEMORY_KIB);
        } catch (ConsoleException | RuntimeException e) {
            problem = e.getMessage();
            logger.error("Web console not started: {}", problem);
        }
    }

    @Deactivate
    void deactivate() {
        // newest first: the servlets go before the security filter in front of them
        Collections.reverse(registrations);
        for (ServiceRegistration<?> r : registrations) {
            try {
                r.unregister();
            } catch (IllegalStateException ignored) {
                // already gone with the bundle
            }
        }
        registrations.clear();
        if (sessions != null) {
            sessions.clear();
        }
        if (users != null) {
            users.close();
        }
    }

    private void servlet(String name, Servlet servlet, String[] patterns, Map<String, Object> more) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("osgi.http.whiteboard.servlet.pattern", patterns);
        properties.put("osgi.http.whiteboard.servlet.name", name);
        more.forEach(properties::put);
        registrations.add(context.registerService(Servlet.class, servlet, properties));
    }

    private ConsoleSources sources() {
        return new ConsoleSources() {
            @Override
            public List<ModuleStatus> modules() {
                List<ModuleStatus> out = new ArrayList<>();
                for (StatusReporter r : reporters) {
                    try {
                        out.add(r.status());
                    } catch (RuntimeException e) {
                        out.add(new ModuleStatus("?", ModuleStatus.Health.FAILED, "status failed: " + e.getMessage()));
                    }
                }
                out.add(status());
                return out;
            }

            @Override
            public List<String[]> bundles() {
                List<String[]> out = new ArrayList<>();
                for (Bundle b : context.getBundles()) {
                    String state = switch (b.getState()) {
                        case Bundle.ACTIVE -> "ACTIVE";
                        case Bundle.RESOLVED -> "RESOLVED";
                        case Bundle.INSTALLED -> "INSTALLED";
                        case Bundle.STARTING -> "STARTING";
                        case Bundle.STOPPING -> "STOPPING";
                        default -> "UNINSTALLED";
                    };
                    out.add(new String[] {String.valueOf(b.getSymbolicName()), b.getVersion().toString(), state});
                }
                return out;
            }

            @Override
            public List<StreamStatus> streams() {
                StreamStatuses s = streams;
                return s == null ? List.of() : s.streams();
            }

            @Override
            public List<Camera> cameras() {
                CameraRegistry r = cameras;
                return r == null ? List.of() : r.cameras();
            }

            @Override
            public Optional<AlertStore> alerts() {
                return Optional.ofNullable(alerts);
            }

            @Override
            public Optional<AlertReview> review() {
                return Optional.ofNullable(review);
            }

            @Override
            public Optional<EnrolmentPhotos> photos() {
                return Optional.ofNullable(photos);
            }

            @Override
            public Optional<ComplianceLedger> compliance() {
                return Optional.ofNullable(compliance);
            }

            @Override
            public Optional<WatchlistAdministration> watchlists() {
                return Optional.ofNullable(watchlists);
            }

            @Override
            public Optional<DeploymentRegistry> deployments() {
                return Optional.ofNullable(deployments);
            }
        };
    }

    @Override
    public ModuleStatus status() {
        String p = problem;
        if (p != null) {
            return new ModuleStatus("console", ModuleStatus.Health.FAILED, p);
        }
        int count;
        try {
            count = users.list().size();
        } catch (ConsoleException e) {
            return new ModuleStatus("console", ModuleStatus.Health.FAILED, e.getMessage());
        }
        String detail = address + " (certificate SHA-256 " + fingerprint + "); " + count + " users; "
                + sessions.live() + " sessions";
        if (!connector.listening()) {
            return new ModuleStatus("console", ModuleStatus.Health.DEGRADED, "not listening (see the log) at " + detail);
        }
        if (count == 0) {
            return new ModuleStatus("console", ModuleStatus.Health.DEGRADED, detail
                    + ": add the first administrator with vigil users add NAME --role administrator");
        }
        return new ModuleStatus("console", ModuleStatus.Health.OK, detail);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            target = "(!(vigil.module=console))")
    void addReporter(StatusReporter reporter) {
        reporters.add(reporter);
    }

    void removeReporter(StatusReporter reporter) {
        reporters.remove(reporter);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setCameraRegistry(CameraRegistry registry) {
        this.cameras = registry;
    }

    void unsetCameraRegistry(CameraRegistry registry) {
        if (this.cameras == registry) {
            this.cameras = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setAlertStore(AlertStore store) {
        this.alerts = store;
    }

    void unsetAlertStore(AlertStore store) {
        if (this.alerts == store) {
            this.alerts = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setAlertReview(AlertReview r) {
        this.review = r;
    }

    void unsetAlertReview(AlertReview r) {
        if (this.review == r) {
            this.review = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setEnrolmentPhotos(EnrolmentPhotos p) {
        this.photos = p;
    }

    void unsetEnrolmentPhotos(EnrolmentPhotos p) {
        if (this.photos == p) {
            this.photos = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setComplianceLedger(ComplianceLedger l) {
        this.compliance = l;
    }

    void unsetComplianceLedger(ComplianceLedger l) {
        if (this.compliance == l) {
            this.compliance = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setWatchlistAdministration(WatchlistAdministration w) {
        this.watchlists = w;
    }

    void unsetWatchlistAdministration(WatchlistAdministration w) {
        if (this.watchlists == w) {
            this.watchlists = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setDeploymentRegistry(DeploymentRegistry d) {
        this.deployments = d;
    }

    void unsetDeploymentRegistry(DeploymentRegistry d) {
        if (this.deployments == d) {
            this.deployments = null;
        }
    }

    /**
     * The servlet's multipart settings for uploads up to {@code maxUpload} bytes. Everything up to
     * the limit stays in memory (the threshold is the request limit): an enrolment photo is a face,
     * and Jetty writes parts above the threshold to its temporary folder in clear.
     */
    static java.util.Map<String, Object> multipart(long maxUpload) {
        long maxRequest = maxUpload + 64 * 1024;
        java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("osgi.http.whiteboard.servlet.multipart.enabled", Boolean.TRUE);
        m.put("osgi.http.whiteboard.servlet.multipart.maxFileSize", maxUpload);
        m.put("osgi.http.whiteboard.servlet.multipart.maxRequestSize", maxRequest);
        m.put("osgi.http.whiteboard.servlet.multipart.fileSizeThreshold", (int) Math.min(Integer.MAX_VALUE, maxRequest + 1));
        return m;
    }
}
