package io.vigil.alerts.internal;

import io.vigil.api.alert.Alert;
import io.vigil.api.alert.AlertRetention;
import io.vigil.api.alert.AlertState;
import io.vigil.api.alert.AlertStore;
import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.alert.AlertTopics;
import io.vigil.api.alert.RecognitionEvidence;
import io.vigil.api.alert.RetentionPolicy;
import io.vigil.api.audit.AuditActions;
import io.vigil.api.audit.AuditException;
import io.vigil.api.audit.AuditTrail;
import io.vigil.api.camera.Camera;
import io.vigil.api.camera.CameraRegistry;
import io.vigil.api.watchlist.EnrolmentPhotos;
import io.vigil.api.secret.SecretStore;
import io.vigil.api.status.ModuleStatus;
import io.vigil.api.status.StatusReporter;
import io.vigil.api.watchlist.Recognition;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
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
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The durable alert store. A recognition is committed (alert, encrypted evidence, its
 * announcement and its audit entry in one transaction) before anything is said about it; a
 * worker then posts the announcement to Event Admin and another forwards the audit entry to the
 * audit trail. Reviews, views, exports and legal holds are recorded in the audit trail before they
 * take effect; retention deletes what is due at start and every hour.
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

    /** An alert with its review trail, as shown to a person. */
    record AlertView(StoredAlert alert, List<Review> reviews, boolean evidenceStored) {
    }

    /** What an export wrote. */
    record Exported(Path file, String manifestSha256, String keyFingerprint) {
    }

    /** Everything one open database needs; replaced as a whole when the database moves. */
    private record Parts(AlertDatabase database, EvidenceKeys cipher, ExportSigningKey signingKey,
                         OutboxDispatcher dispatcher, AuditBacklog backlog, RetentionJob retention,
                         BackgroundLoop announcer, BackgroundLoop auditForwarder, BackgroundLoop retentionLoop) {
        void close() {
            announcer.close();
            auditForwarder.close();
            retentionLoop.close();
            database.close();
            cipher.destroy();
        }
    }

    private final Logger logger;
    private final SecretStore secrets;
    private final Clock clock;
    private final Path dataFolder;
    private final SecureRandom random = new SecureRandom();
    private final Duration retryInterval;
    private volatile Options options;
    private volatile Parts parts;
    private volatile String problem = "not opened yet";
    private volatile AuditTrail auditTrail;
    private volatile EventAdmin eventAdmin;
    private volatile CameraRegistry cameras;
    private volatile EnrolmentPhotos enrolmentPhotos;

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
        AlertDatabase db = null;
        try {
            db = AlertDatabase.open(o.database());
            EvidenceKeys cipher = EvidenceKeys.open(secrets, random, () -> options.evidenceKeyPeriod(),
                    db.read(AlertRecords::evidenceKeyPeriods));
            cipher.prepare(clock.instant());
            ExportSigningKey signingKey = ExportSigningKey.fromSecretStore(secrets, random);
            OutboxDispatcher dispatcher = new OutboxDispatcher(db, () -> eventAdmin, clock);
            AuditBacklog backlog = new AuditBacklog(db, () -> auditTrail);
            RetentionJob retention = new RetentionJob(db, () -> auditTrail, backlog, clock, () -> options.retentionDays(),
                    cipher);
            BackgroundLoop announcer = new BackgroundLoop("vigil-alerts-outbox", retryInterval, dispatcher::deliver,
                    e -> logger.error("Alert announcements wait: {}", e.getMessage()));
            BackgroundLoop forwarder = new BackgroundLoop("vigil-alerts-audit", retryInterval, backlog::forward,
                    e -> logger.error("Audit entries of matches wait: {}", e.getMessage()));
            BackgroundLoop retentionLoop = new BackgroundLoop("vigil-alerts-retention", Duration.ofHours(1),
                    () -> runRetention(), e -> logger.error("Alert retention did not run: {}", e.getMessage()));
            parts = new Parts(db, cipher, signingKey, dispatcher, backlog, retention, announcer, forwarder, retentionLoop);
            problem = null;
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
        Parts p = parts;
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
        Parts p = parts;
        parts = null;
        problem = "stopped";
        if (p != null) {
            p.close();
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setAuditTrail(AuditTrail trail) {
        this.auditTrail = trail;
        Parts p = parts;
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
        Parts p = parts;
        if (p != null) {
            p.announcer().wake();
        }
    }

    void unsetEventAdmin(EventAdmin admin) {
        if (this.eventAdmin == admin) {
            this.eventAdmin = null;
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

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setEnrolmentPhotos(EnrolmentPhotos photos) {
        this.enrolmentPhotos = photos;
    }

    void unsetEnrolmentPhotos(EnrolmentPhotos photos) {
        if (this.enrolmentPhotos == photos) {
            this.enrolmentPhotos = null;
        }
    }

    private Parts parts() throws AlertStoreException {
        Parts p = parts;
        if (p == null) {
            throw new AlertStoreException("the alert store is not available: " + problem, null);
        }
        return p;
    }

    // ---- the store

    @Override
    public Alert store(Recognition recognition, RecognitionEvidence evidence) throws AlertStoreException {
        Objects.requireNonNull(recognition, "recognition");
        Objects.requireNonNull(evidence, "evidence");
        Parts p = parts();
        Options o = options;
        Optional<String> vmsCameraId = vmsCameraId(recognition.observation().cameraId());
        Instant now = clock.instant();
        var observation = recognition.observation();
        StoredAlert stored = p.database().transaction(c -> {
            Optional<StoredAlert> existing = AlertRecords.trackAlert(c, recognition, o.trackMergeWindow().toMillis());
            AlertId id;
            String outcome;
            if (existing.isPresent()) {
                StoredAlert e = existing.get();
                id = e.id();
                AlertRecords.seen(c, id, observation.captureTime());
                // once a reviewer has judged the evidence it stays what they judged
                if (e.state() == AlertState.NEW && better(recognition, e)) {
                    AlertRecords.improve(c, id, recognition, now);
                    seal(c, p.cipher(), id, evidence, now);
                    Outbox.add(c, id, AlertTopics.STORED, AlertState.NEW, true, now);
                    outcome = "improved";
                } else {
                    outcome = "same-track";
                }
            } else {
                id = AlertRecords.insert(c, recognition, vmsCameraId, tag(), now);
                seal(c, p.cipher(), id, evidence, now);
                Outbox.add(c, id, AlertTopics.STORED, AlertState.NEW, false, now);
                outcome = "created";
            }
            AuditBacklog.add(c, AuditActions.MATCH, SYSTEM_ACTOR, matchDetails(id, recognition, evidence, outcome), now);
            return AlertRecords.find(c, id).orElseThrow();
        });
        p.announcer().wake();
        p.auditForwarder().wake();
        return stored.toAlert();
    }

    /** Faces of one person are ranked by the analyser's quality score; the similarity breaks a tie. */
    private static boolean better(Recognition r, StoredAlert e) {
        float q = r.observation().quality().score();
        return q > e.quality() || (q == e.quality() && r.score() > e.score());
    }

    private static void seal(Connection c, EvidenceKeys keys, AlertId id, RecognitionEvidence evidence, Instant now)
            throws SQLException, AlertStoreException {
        EvidenceKeys.Sealed face = keys.seal(evidence.faceCrop(), EvidenceCipher.associated(id, "face-crop"), now);
        EvidenceKeys.Sealed region = keys.seal(evidence.frameRegion(), EvidenceCipher.associated(id, "frame-region"), now);
        AlertRecords.putEvidence(c, id, face.period(), face.value(), region.value());
    }

    /** The input that led to the match, without the face: ids, scores, and hashes of the evidence. */
    private static Map<String, String> matchDetails(AlertId id, Recognition r, RecognitionEvidence evidence, String outcome) {
        var o = r.observation();
        Map<String, String> d = new LinkedHashMap<>();
        d.put("alert", id.toString());
        d.put("outcome", outcome);
        d.put("deployment", r.deploymentId());
        d.put("camera", o.cameraId());
        d.put("capture", o.captureTime().toString());
        d.put("track", Long.toString(o.trackId()));
        d.put("watchlist", r.watchlistId());
        d.put("subject", r.subjectPseudonym());
        d.put("score", Float.toString(r.score()));
        d.put("threshold", Float.toString(r.threshold()));
        d.put("quality", Float.toString(o.quality().score()));
        d.put("model", o.embedding().modelId() + "@" + o.embedding().modelVersion());
        d.put("face-crop.sha256", ExportSigningKey.sha256Hex(evidence.faceCrop()));
        d.put("frame-region.sha256", ExportSigningKey.sha256Hex(evidence.frameRegion()));
        return d;
    }

    private String tag() {
        byte[] b = new byte[4];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private Optional<String> vmsCameraId(String cameraId) {
        CameraRegistry registry = cameras;
        if (registry == null) {
            return Optional.empty();
        }
        try {
            return registry.camera(cameraId).flatMap(Camera::vmsCameraId);
        } catch (RuntimeException e) {
            // the registry is another bundle: a failure there must not lose the alert
            logger.warn("Camera registry failed for camera {}: {}", cameraId, e.getMessage());
            return Optional.empty();
        }
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
        long after = 0;
        if (afterId.isPresent()) {
            after = AlertId.parse(afterId.get()).orElseThrow(() -> new AlertStoreException(
                    "'" + afterId.get() + "' is not an alert id (A-<number>-<tag>)", null)).seq();
        }
        long from = after;
        int n = Math.max(1, Math.min(limit, 1000));
        return parts().database().read(c -> AlertRecords.after(c, from, n)).stream().map(StoredAlert::toAlert).toList();
    }

    // ---- review and the other actions of people

    List<StoredAlert> list(AlertRecords.Filter filter) throws AlertStoreException {
        return parts().database().read(c -> AlertRecords.list(c, filter));
    }

    AlertView show(String id, String viewer) throws AlertStoreException {
        Parts p = parts();
        AuditTrail trail = requireAudit(p, "viewing an alert");
        AlertId aid = idOf(id);
        AlertView view = p.database().read(c -> new AlertView(found(c, aid), AlertRecords.reviews(c, aid),
                AlertRecords.evidence(c, aid).isPresent()));
        record(trail, AuditActions.ALERT_VIEWED, actor(viewer), Map.of("alert", aid.toString()));
        return view;
    }

    /**
     * The alert's evidence decrypted for {@code viewer}, the view recorded in the audit trail
     * first; empty when the alert has no stored evidence.
     */
    Optional<RecognitionEvidence> evidence(String id, String viewer) throws AlertStoreException {
        Parts p = parts();
        AuditTrail trail = requireAudit(p, "viewing an alert's evidence");
        AlertId aid = idOf(id);
        Optional<AlertRecords.SealedEvidence> sealed = p.database().read(c -> {
            found(c, aid);
            return AlertRecords.evidence(c, aid);
        });
        if (sealed.isEmpty()) {
            return Optional.empty();
        }
        record(trail, AuditActions.ALERT_VIEWED, actor(viewer), Map.of("alert", aid.toString(), "evidence", "face-crop"));
        byte[] face = p.cipher().decrypt(sealed.get().keyPeriod(), sealed.get().faceCrop(),
                EvidenceCipher.associated(aid, "face-crop"));
        byte[] region = p.cipher().decrypt(sealed.get().keyPeriod(), sealed.get().frameRegion(),
                EvidenceCipher.associated(aid, "frame-region"));
        return Optional.of(new RecognitionEvidence(face, region));
    }

    /** The reviews of an alert, oldest first. */
    List<Review> reviews(String id) throws AlertStoreException {
        AlertId aid = idOf(id);
        return parts().database().read(c -> {
            found(c, aid);
            return AlertRecords.reviews(c, aid);
        });
    }

    StoredAlert confirm(String id, String reviewerName) throws AlertStoreException {
        String reviewer = ReviewWorkflow.reviewer(reviewerName);
        Parts p = parts();
        AuditTrail trail = requireAudit(p, "a review");
        AlertId aid = idOf(id);
        boolean twoPerson = options.twoPersonConfirmation();
        StoredAlert after = p.database().transaction(c -> {
            StoredAlert a = found(c, aid);
            AlertState next = ReviewWorkflow.afterConfirmation(a, AlertRecords.reviews(c, aid), reviewer, twoPerson);
            Instant now = clock.instant();
            AlertRecords.addReview(c, aid, new Review(reviewer, Review.Outcome.CONFIRMED, Optional.empty(), now));
            AlertRecords.setState(c, aid, next, now);
            if (next == AlertState.CONFIRMED) {
                FalseAlertRates.count(c, a.watchlistId(), a.cameraId(), Review.Outcome.CONFIRMED, null);
            }
            Outbox.add(c, aid, AlertTopics.REVIEWED, next, false, now);
            Map<String, String> d = reviewDetails(a, next);
            d.put("two.person.confirmation", Boolean.toString(twoPerson));
            // recorded before the commit: if the trail refuses, the confirmation is rolled back
            record(trail, AuditActions.ALERT_CONFIRMED, reviewer, d);
            return found(c, aid);
        });
        p.announcer().wake();
        return after;
    }

    StoredAlert dismiss(String id, String reviewerName, DismissReason reason) throws AlertStoreException {
        String reviewer = ReviewWorkflow.reviewer(reviewerName);
        Parts p = parts();
        AuditTrail trail = requireAudit(p, "a review");
        AlertId aid = idOf(id);
        StoredAlert after = p.database().transaction(c -> {
            StoredAlert a = found(c, aid);
            ReviewWorkflow.checkDismissal(a, AlertRecords.reviews(c, aid));
            Instant now = clock.instant();
            AlertRecords.addReview(c, aid, new Review(reviewer, Review.Outcome.DISMISSED, Optional.of(reason), now));
            AlertRecords.setState(c, aid, AlertState.DISMISSED, now);
            FalseAlertRates.count(c, a.watchlistId(), a.cameraId(), Review.Outcome.DISMISSED, reason);
            Outbox.add(c, aid, AlertTopics.REVIEWED, AlertState.DISMISSED, false, now);
            Map<String, String> d = reviewDetails(a, AlertState.DISMISSED);
            d.put("reason", reason.text());
            record(trail, AuditActions.ALERT_DISMISSED, reviewer, d);
            return found(c, aid);
        });
        p.announcer().wake();
        return after;
    }

    StoredAlert hold(String id, boolean on, String by) throws AlertStoreException {
        Parts p = parts();
        AuditTrail trail = requireAudit(p, "a legal hold");
        AlertId aid = idOf(id);
        String actor = actor(by);
        StoredAlert after = p.database().transaction(c -> {
            found(c, aid);
            AlertRecords.setHold(c, aid, on, actor, clock.instant());
            record(trail, on ? LEGAL_HOLD_PLACED : LEGAL_HOLD_RELEASED, actor, Map.of("alert", aid.toString()));
            return found(c, aid);
        });
        if (!on) {
            // released past its retention period: due now, not in up to an hour
            p.retentionLoop().wake();
        }
        return after;
    }

    Exported export(String id, Path to, String by) throws AlertStoreException {
        return export(id, to, by, Optional.empty());
    }

    /**
     * Writes the evidence package to {@code to}, readable by its owner only (0600, whatever the
     * umask); with a recipient certificate, encrypted to it (CMS enveloped data, {@code ....zip.p7m}).
     */
    Exported export(String id, Path to, String by, Optional<Path> recipientCertificate) throws AlertStoreException {
        Parts p = parts();
        AuditTrail trail = requireAudit(p, "an export");
        AlertId aid = idOf(id);
        String actor = actor(by);
        if (!to.isAbsolute()) {
            throw new AlertStoreException("give the package's absolute path (" + to + " is relative, and the container's"
                    + " working folder is not yours)", null);
        }
        String suffix = recipientCertificate.isPresent() ? ".zip.p7m" : ".zip";
        if (!to.getFileName().toString().endsWith(suffix)) {
            throw new AlertStoreException(recipientCertificate.isPresent()
                    ? "a package encrypted to a recipient is CMS enveloped data: name it ....zip.p7m"
                    : "the package is a zip file: name it ....zip", null);
        }
        Optional<java.security.cert.X509Certificate> recipient = recipientCertificate.isPresent()
                ? Optional.of(EvidenceEnvelope.recipient(recipientCertificate.get(), clock.instant())) : Optional.empty();
        if (Files.exists(to)) {
            throw new AlertStoreException(to + " exists; an evidence package is never overwritten", null);
        }
        if (to.getParent() == null || !Files.isDirectory(to.getParent())) {
            throw new AlertStoreException("the folder " + to.getParent() + " does not exist", null);
        }
        record Read(StoredAlert alert, List<Review> reviews, AlertRecords.SealedEvidence evidence) {
        }
        Read read = p.database().read(c -> new Read(found(c, aid), AlertRecords.reviews(c, aid),
                AlertRecords.evidence(c, aid).orElseThrow(() -> new AlertStoreException(
                        "alert " + aid + " has no stored evidence", null))));
        byte[] face = p.cipher().decrypt(read.evidence().keyPeriod(), read.evidence().faceCrop(),
                EvidenceCipher.associated(aid, "face-crop"));
        byte[] region = p.cipher().decrypt(read.evidence().keyPeriod(), read.evidence().frameRegion(),
                EvidenceCipher.associated(aid, "frame-region"));
        EnrolmentPhotos photos = enrolmentPhotos;
        java.util.Optional<byte[]> enrolled = photos == null ? java.util.Optional.empty()
                : photos.enrolmentPhoto(read.alert().watchlistId(), read.alert().subjectPseudonym());
        EvidenceExport.Package pack;
        try {
            pack = EvidenceExport.build(read.alert(), read.reviews(), face, region, enrolled, p.signingKey(),
                    new EvidenceExport.Context(actor, clock.instant(), options.twoPersonConfirmation()));
        } finally {
            Arrays.fill(face, (byte) 0);
            Arrays.fill(region, (byte) 0);
            enrolled.ifPresent(b -> Arrays.fill(b, (byte) 0));
        }
        Map<String, String> d = new LinkedHashMap<>();
        d.put("alert", aid.toString());
        d.put("file", to.toString());
        d.put("manifest.sha256", pack.manifestSha256());
        d.put("signing.key.sha256", pack.keyFingerprint());
        recipient.ifPresent(r -> {
            d.put("encrypted.to", r.getSubjectX500Principal().getName());
            d.put("encrypted.to.sha256", EvidenceEnvelope.fingerprint(r));
        });
        byte[] written;
        try {
            written = recipient.isPresent() ? EvidenceEnvelope.seal(pack.zip(), recipient.get()) : pack.zip();
        } catch (AlertStoreException e) {
            Arrays.fill(pack.zip(), (byte) 0);
            throw e;
        }
        // a disclosure is recorded before it happens: a failed write leaves a record too many, never one too few
        record(trail, AuditActions.ALERT_EXPORTED, actor, d);
        // created 0600: the package holds a face and the frame around it, whoever's umask the container runs under
        try (OutputStream out = java.nio.channels.Channels.newOutputStream(Files.newByteChannel(to,
                java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))))) {
            out.write(written);
        } catch (FileAlreadyExistsException e) {
            throw new AlertStoreException(to + " exists; an evidence package is never overwritten", e);
        } catch (IOException e) {
            throw new AlertStoreException("cannot write " + to + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(pack.zip(), (byte) 0);
            Arrays.fill(written, (byte) 0);
        }
        return new Exported(to, pack.manifestSha256(), pack.keyFingerprint());
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

    /**
     * The trail, with every match entry waiting for it forwarded first, so it hears of an alert
     * before anyone's review of it. A person's action is refused while the trail is absent.
     */
    private AuditTrail requireAudit(Parts p, String what) throws AlertStoreException {
        AuditTrail trail = auditTrail;
        if (trail == null) {
            throw new AlertStoreException("the audit trail (compliance bundle) is not running: " + what
                    + " must be recorded there first, so it is refused until it runs", null);
        }
        if (!p.backlog().forward()) {
            throw new AlertStoreException("the audit trail does not accept entries: " + what
                    + " must be recorded there first, so it is refused (see vigil status)", null);
        }
        return trail;
    }

    private static void record(AuditTrail trail, String action, String actor, Map<String, String> details)
            throws AlertStoreException {
        try {
            trail.record(action, actor, details);
        } catch (AuditException | RuntimeException e) {
            throw new AlertStoreException("the audit trail refused the record of " + action + " (" + e.getMessage()
                    + "); nothing was done", e);
        }
    }

    private static Map<String, String> reviewDetails(StoredAlert a, AlertState next) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("alert", a.id().toString());
        d.put("deployment", a.deploymentId());
        d.put("camera", a.cameraId());
        d.put("watchlist", a.watchlistId());
        d.put("subject", a.subjectPseudonym());
        d.put("from", a.state().name());
        d.put("to", next.name());
        return d;
    }

    /** Who did it: the authenticated account (the admin channel's caller, the console's user); never a default name. */
    private static String actor(String given) throws AlertStoreException {
        String a = given == null ? "" : given.strip();
        if (a.isEmpty()) {
            throw new AlertStoreException("an action on an alert needs the account that does it; nothing was done", null);
        }
        return a;
    }

    private static AlertId idOf(String id) throws AlertStoreException {
        return AlertId.parse(id).orElseThrow(() -> new AlertStoreException(
                "'" + id + "' is not an alert id (A-<number>-<tag>, as vigil alerts list shows)", null));
    }

    private static StoredAlert found(Connection c, AlertId id) throws SQLException, AlertStoreException {
        return AlertRecords.find(c, id).orElseThrow(() -> new AlertStoreException(
                "no alert " + id + " (never stored, or deleted by retention)", null));
    }

    @Override
    public ModuleStatus status() {
        Parts p = parts;
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
            if (audits > 0) {
                detail.append("; ").append(audits).append(" audit entries waiting");
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
