package io.vigil.alerts.internal;

import io.vigil.api.alert.Alert;
import io.vigil.api.alert.AlertRetention;
import io.vigil.api.alert.AlertState;
import io.vigil.api.alert.AlertStore;
import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.alert.RecognitionEvidence;
import io.vigil.api.alert.RetentionPolicy;
import io.vigil.api.audit.AuditActions;
import io.vigil.api.audit.AuditTrail;
import io.vigil.api.camera.CameraRegistry;
import io.vigil.api.cluster.CameraAssignment;
import io.vigil.api.cluster.SharedLog;
import io.vigil.api.watchlist.EnrolmentPhotos;
import io.vigil.api.secret.SecretStore;
import io.vigil.api.status.ModuleStatus;
import io.vigil.api.status.StatusReporter;
import io.vigil.support.sqlite.SqliteDatabase;
import io.vigil.api.watchlist.Recognition;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The durable alert store: its configuration, its open database and workers, and its status. A
 * recognition is committed (alert, encrypted evidence, its announcement and its audit entry in
 * one transaction) before anything is said about it ({@link AlertIntake}); a worker then posts
 * the announcement to Event Admin and another forwards the audit entry to the audit trail.
 * Reviews, views and legal holds ({@link AlertReviews}) and exports ({@link EvidenceExporter}) are
 * recorded in the audit trail before they take effect; retention deletes what is due at start and
 * every hour.
 */
@Component(immediate = true, configurationPid = AlertService.PID,
        service = {AlertStore.class, AlertRetention.class, AlertService.class, StatusReporter.class}, property = "vigil.module=alerts")
@Designate(ocd = AlertService.Config.class)
public class AlertService implements AlertStore, AlertRetention, StatusReporter {

    static final String PID = "io.vigil.alerts";
    static final int DEFAULT_RETENTION_DAYS = 31;

    /** The audit actor of what the store does by itself. */
    static final String SYSTEM_ACTOR = "alert-store";
    static final String LEGAL_HOLD_PLACED = "alert.legal-hold-placed";
    static final String LEGAL_HOLD_RELEASED = "alert.legal-hold-released";

    @ObjectClassDefinition(name = "Vigil alerts", description = "Durable alert store, review and retention")
    public @interface Config {
        @AttributeDefinition(name = "Database", description = "The SQLite file; empty: alerts/alerts.db in the data folder")
        String database_path() default "";

        @AttributeDefinition(name = "Retention (days)", min = "1",
                description = "Alerts stored longer ago than this and not on legal hold are deleted (UK practice: 31)")
        int retention_days() default DEFAULT_RETENTION_DAYS;

        @AttributeDefinition(name = "Two-person confirmation",
                description = "An alert is actionable only when confirmed by two different reviewers (EU AI Act Art. 14(5))")
        boolean two_person_confirmation() default true;

        @AttributeDefinition(name = "Track merge window (seconds)", min = "1",
                description = "A face of the same camera, track, deployment and subject seen within this time of the"
                        + " track's last face belongs to the same alert")
        int track_merge_seconds() default 60;

        @AttributeDefinition(name = "Evidence key period", options = {
                @Option(label = "A UTC day", value = "day"), @Option(label = "An ISO week", value = "week")},
                description = "New evidence is sealed under one key per period; a period's key is destroyed once"
                        + " retention has deleted all of its alerts")
        String evidence_key_period() default "day";
    }

    /** The configuration as used. */
    record Options(Path database, int retentionDays, boolean twoPersonConfirmation, Duration trackMergeWindow,
                   EvidenceKeyPeriod evidenceKeyPeriod) {
        Options {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(evidenceKeyPeriod, "evidenceKeyPeriod");
            if (retentionDays < 1) {
                throw new IllegalArgumentException("retention.days must be at least 1, not " + retentionDays);
            }
            if (trackMergeWindow.isNegative() || trackMergeWindow.isZero()) {
                throw new IllegalArgumentException("track.merge.seconds must be at least 1");
            }
        }

        static Options of(Config c, Path dataFolder) {
            Path db = c.database_path().isBlank() ? dataFolder.resolve("alerts").resolve("alerts.db") : Path.of(c.database_path());
            return new Options(db, c.retention_days(), c.two_person_confirmation(), Duration.ofSeconds(c.track_merge_seconds()),
                    EvidenceKeyPeriod.parse(c.evidence_key_period()));
        }
    }

    private final Logger logger;
    private final SecretStore secrets;
    private final Clock clock;
    private final Path dataFolder;
    private final SecureRandom random = new SecureRandom();
    private final Duration retryInterval;
    private volatile Options options;
    private volatile OpenStore parts;
    private volatile String problem = "not opened yet";
    private volatile AuditTrail auditTrail;
    private volatile EventAdmin eventAdmin;
    private volatile CameraRegistry cameras;
    private volatile EnrolmentPhotos enrolmentPhotos;
    private volatile SharedLog sharedLog;
    /** The store as its parts see it: read at each use, since a reconfiguration or a departing bundle changes it. */
    private final AlertStoreState state = new AlertStoreState() {
        @Override
        public OpenStore open() throws AlertStoreException {
            return parts();
        }

        @Override
        public Options options() {
            return options;
        }

        @Override
        public Optional<AuditTrail> auditTrail() {
            return Optional.ofNullable(auditTrail);
        }
    };
    private final OwnershipFence fence;
    private final AlertIntake intake;
    private final AlertReviews reviews;
    private final EvidenceExporter exporter;

    @Activate
    public AlertService(BundleContext context, Config config,
                        @Reference(service = LoggerFactory.class) Logger logger, @Reference SecretStore secrets) {
        this(Path.of(context.getProperty("vigil.data")), config, secrets, Clock.systemUTC(), Duration.ofSeconds(30), logger);
    }

    /** For tests: the data folder, clock and retry interval given. */
    AlertService(Path dataFolder, Config config, SecretStore secrets, Clock clock, Duration retryInterval, Logger logger) {
        this.logger = logger;
        this.secrets = secrets;
        this.clock = clock;
        this.dataFolder = dataFolder;
        this.retryInterval = retryInterval;
        this.fence = new OwnershipFence(logger);
        this.intake = new AlertIntake(state, clock, random, () -> cameras, logger, fence);
        this.reviews = new AlertReviews(state, clock);
        this.exporter = new EvidenceExporter(state, clock, () -> enrolmentPhotos);
        Options o;
        try {
            o = Options.of(config, dataFolder);
        } catch (IllegalArgumentException e) {
            problem = "configuration " + PID + " refused: " + e.getMessage();
            logger.error("Alert store not started: {}", problem);
            return;
        }
        this.options = o;
        open(o);
    }

    private void open(Options o) {
        SqliteDatabase<AlertStoreException> db = null;
        try {
            db = AlertSchema.open(o.database());
            EvidenceKeys cipher = EvidenceKeys.open(secrets, random, () -> options.evidenceKeyPeriod(),
                    db.read(AlertRecords::evidenceKeyPeriods));
            cipher.prepare(clock.instant());
            ExportSigningKey signingKey = ExportSigningKey.fromSecretStore(secrets, random);
            OutboxDispatcher dispatcher = new OutboxDispatcher(db, () -> eventAdmin, clock);
            AuditBacklog backlog = new AuditBacklog(db, () -> auditTrail);
            BackgroundLoop announcer = new BackgroundLoop("vigil-alerts-outbox", retryInterval, dispatcher::deliver,
                    e -> logger.error("Alert announcements wait: {}", e.getMessage()));
            AlertCluster cluster = new AlertCluster(db, cipher, new EvidenceKeyShare(secrets, random), clock, retryInterval,
                    announcer::wake, logger);
            RetentionJob retention = new RetentionJob(db, () -> auditTrail, backlog, clock, () -> options.retentionDays(),
                    cipher, cluster);
            BackgroundLoop forwarder = new BackgroundLoop("vigil-alerts-audit", retryInterval, backlog::forward,
                    e -> logger.error("Audit entries of matches wait: {}", e.getMessage()));
            BackgroundLoop retentionLoop = new BackgroundLoop("vigil-alerts-retention", Duration.ofHours(1),
                    () -> runRetention(), e -> logger.error("Alert retention did not run: {}", e.getMessage()));
            parts = new OpenStore(db, cipher, signingKey, dispatcher, backlog, retention, announcer, forwarder, retentionLoop,
                    cluster);
            problem = null;
            SharedLog shared = sharedLog;
            if (shared != null) {
                joinCluster(cluster, shared);
            }
            // at start the announcer delivers what a stop or crash left undelivered, the
            // forwarder records what the audit trail has not heard yet, retention catches up
            announcer.start();
            forwarder.start();
            retentionLoop.start();
            logger.info("Alert store open: {} (retention {} days, two-person confirmation {})", o.database(),
                    o.retentionDays(), o.twoPersonConfirmation() ? "on" : "off");
        } catch (AlertStoreException e) {
            if (db != null) {
                db.close();
            }
            problem = e.getMessage();
            logger.error("Alert store unavailable: {}", e.getMessage());
        }
    }

    @Override
    public Optional<RetentionPolicy> retention() {
        Options o = options;
        return o == null ? Optional.empty()
                : Optional.of(new RetentionPolicy(o.retentionDays(), DEFAULT_RETENTION_DAYS, PID + " retention.days"));
    }

    @Modified
    void modified(Config config) {
        Options next;
        try {
            next = Options.of(config, dataFolder);
        } catch (IllegalArgumentException e) {
            logger.error("Configuration {} refused, the previous one stays: {}", PID, e.getMessage());
            return;
        }
        Options previous = options;
        options = next;
        OpenStore p = parts;
        if (previous == null || p == null || !previous.database().equals(next.database())) {
            // a different file: close this one and open that one
            if (p != null) {
                parts = null;
                p.close();
            }
            open(next);
        } else if (!previous.equals(next)) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("pid", PID);
            details.put("retention.days", Integer.toString(next.retentionDays()));
            details.put("two.person.confirmation", Boolean.toString(next.twoPersonConfirmation()));
            details.put("track.merge.seconds", Long.toString(next.trackMergeWindow().toSeconds()));
            details.put("evidence.key.period", next.evidenceKeyPeriod().name().toLowerCase(java.util.Locale.ROOT));
            try {
                p.database().transaction(c -> {
                    AuditBacklog.add(c, AuditActions.CONFIGURATION_CHANGED, SYSTEM_ACTOR, details, clock.instant());
                    return null;
                });
                p.auditForwarder().wake();
            } catch (AlertStoreException e) {
                logger.error("The configuration change could not be queued for the audit trail: {}", e.getMessage());
            }
            p.retentionLoop().wake();
            logger.info("Alert store reconfigured: retention {} days, two-person confirmation {}", next.retentionDays(),
                    next.twoPersonConfirmation() ? "on" : "off");
        }
    }

    @Deactivate
    void deactivate() {
        OpenStore p = parts;
        parts = null;
        problem = "stopped";
        if (p != null) {
            p.close();
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setAuditTrail(AuditTrail trail) {
        this.auditTrail = trail;
        OpenStore p = parts;
        if (p != null) {
            p.auditForwarder().wake();
            p.retentionLoop().wake();
        }
    }

    void unsetAuditTrail(AuditTrail trail) {
        if (this.auditTrail == trail) {
            this.auditTrail = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setEventAdmin(EventAdmin admin) {
        this.eventAdmin = admin;
        OpenStore p = parts;
        if (p != null) {
            p.announcer().wake();
        }
    }

    void unsetEventAdmin(EventAdmin admin) {
        if (this.eventAdmin == admin) {
            this.eventAdmin = null;
        }
    }

    /**
     * The cluster's shared logs, on a cluster member only: alerts and reviews of every node come
     * and go through them. Greedy, so a cluster bundle arriving after the store is taken at once.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setSharedLog(SharedLog log) {
        this.sharedLog = log;
        OpenStore p = parts;
        if (p != null) {
            joinCluster(p.cluster(), log);
        }
    }

    void unsetSharedLog(SharedLog log) {
        if (this.sharedLog == log) {
            this.sharedLog = null;
            OpenStore p = parts;
            if (p != null) {
                p.cluster().leave();
            }
        }
    }

    private void joinCluster(AlertCluster cluster, SharedLog log) {
        try {
            cluster.join(log);
            logger.info("Alert store follows the cluster's alerts and reviews as node {}", log.nodeId());
        } catch (AlertStoreException | RuntimeException e) {
            logger.error("Alert store could not follow the cluster's logs: {}", e.getMessage());
        }
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

    /** A cluster member's camera assignment: an alert commits only for a camera this node owns (issue 21). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setCameraAssignment(CameraAssignment assignment) {
        fence.follow(assignment);
    }

    void unsetCameraAssignment(CameraAssignment assignment) {
        fence.leave(assignment);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setEnrolmentPhotos(EnrolmentPhotos photos) {
        this.enrolmentPhotos = photos;
    }

    void unsetEnrolmentPhotos(EnrolmentPhotos photos) {
        if (this.enrolmentPhotos == photos) {
            this.enrolmentPhotos = null;
        }
    }

    private OpenStore parts() throws AlertStoreException {
        OpenStore p = parts;
        if (p == null) {
            throw new AlertStoreException("the alert store is not available: " + problem, null);
        }
        return p;
    }

    // ---- the store: intake here, review and export in their own parts

    @Override
    public Alert store(Recognition recognition, RecognitionEvidence evidence) throws AlertStoreException {
        return intake.store(recognition, evidence);
    }

    @Override
    public Optional<Alert> alert(String id) throws AlertStoreException {
        Optional<AlertId> parsed = AlertId.parse(id);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        return parts().database().read(c -> AlertRecords.find(c, parsed.get())).map(StoredAlert::toAlert);
    }

    @Override
    public List<Alert> since(Optional<String> afterId, int limit) throws AlertStoreException {
        Optional<AlertId> after = Optional.empty();
        if (afterId.isPresent()) {
            after = Optional.of(AlertId.parse(afterId.get()).orElseThrow(() -> new AlertStoreException(
                    "'" + afterId.get() + "' is not an alert id (A-<number>-<tag>)", null)));
        }
        Optional<AlertId> from = after;
        int n = Math.max(1, Math.min(limit, 1000));
        return parts().database().read(c -> {
            // this database's order: an alert from another node has a seq of its own here; one
            // retention deleted is placed by its id's number (right for this node's own alerts)
            long seq = from.isEmpty() ? 0 : AlertRecords.localSeq(c, from.get()).orElse(from.get().seq());
            return AlertRecords.after(c, seq, n);
        }).stream().map(StoredAlert::toAlert).toList();
    }

    /** Review and the other actions of people on stored alerts. */
    AlertReviews review() {
        return reviews;
    }

    /** Evidence packages. */
    EvidenceExporter exports() {
        return exporter;
    }

    FalseAlertRates.Report rates() throws AlertStoreException {
        return parts().database().read(FalseAlertRates::report);
    }

    /** One retention pass (the hourly loop calls it; so do tests, with their clock). */
    RetentionJob.Result runRetention() throws AlertStoreException {
        RetentionJob.Result r = parts().retention().run();
        if (r.deleted() > 0) {
            logger.info("Alert retention deleted {} alerts older than {} days", r.deleted(), options.retentionDays());
        }
        if (r.waitingForAudit()) {
            logger.warn("Alert retention waits for the audit trail: deletions are recorded there first");
        }
        return r;
    }

    /** Posts waiting announcements now (tests; the announcer does it by itself). */
    int deliverAnnouncements() throws AlertStoreException {
        return parts().dispatcher().deliver();
    }

    Options options() {
        return options;
    }

    @Override
    public ModuleStatus status() {
        OpenStore p = parts;
        if (p == null) {
            return new ModuleStatus("alerts", ModuleStatus.Health.FAILED, problem);
        }
        try {
            int alerts = p.database().read(c -> {
                try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM alert")) {
                    return r.getInt(1);
                }
            });
            int announcements = p.dispatcher().waiting();
            int audits = p.backlog().waiting();
            Options o = options;
            StringBuilder detail = new StringBuilder(alerts + " alerts; retention " + o.retentionDays() + " days;"
                    + " two-person confirmation " + (o.twoPersonConfirmation() ? "on" : "off"));
            ModuleStatus.Health health = ModuleStatus.Health.OK;
            if (auditTrail == null) {
                health = ModuleStatus.Health.DEGRADED;
                detail.append("; audit trail absent: reviews, exports and retention wait");
            }
            long fenced = fence.refused();
            if (fenced > 0) {
                detail.append("; ").append(fenced).append(" recognitions not stored: their cameras are no longer this node's");
            }
            if (audits > 0) {
                detail.append("; ").append(audits).append(" audit entries waiting");
            }
            AlertCluster cluster = p.cluster();
            if (cluster.member()) {
                int waiting = cluster.waiting();
                detail.append("; cluster node ").append(cluster.nodeId()).append(cluster.caughtUp() ? "" : " (catching up)")
                        .append(", ").append(waiting).append(" records waiting for Kafka");
                Optional<String> why = cluster.problem();
                if (why.isPresent()) {
                    health = ModuleStatus.Health.DEGRADED;
                    detail.append(" (").append(why.get()).append(")");
                }
            } else if (cluster.waiting() > 0) {
                detail.append("; ").append(cluster.waiting()).append(" records for the cluster wait (not a member now)");
            }
            if (announcements > 0) {
                detail.append("; ").append(announcements).append(" announcements waiting")
                        .append(eventAdmin == null ? " (Event Admin absent)" : "");
            }
            return new ModuleStatus("alerts", health, detail.toString());
        } catch (AlertStoreException e) {
            return new ModuleStatus("alerts", ModuleStatus.Health.FAILED, e.getMessage());
        }
    }
}
