package io.vigil.compliance.internal.ledger;

import io.vigil.api.alert.Alert;
import io.vigil.api.alert.AlertRetention;
import io.vigil.api.alert.AlertStore;
import io.vigil.api.alert.AlertTopics;
import io.vigil.api.audit.AuditActions;
import io.vigil.api.audit.AuditException;
import io.vigil.api.camera.Camera;
import io.vigil.api.camera.CameraRegistry;
import io.vigil.api.deployment.Deployment;
import io.vigil.api.deployment.DeploymentRegistry;
import io.vigil.api.deployment.DeploymentTopics;
import io.vigil.api.inventory.FacialDataInventory;
import io.vigil.api.inventory.InventorySnapshot;
import io.vigil.api.inventory.InventoryTopics;
import io.vigil.api.secret.SecretStore;
import io.vigil.compliance.internal.audit.AuditEntry;
import io.vigil.compliance.internal.audit.AuditTrailService;
import io.vigil.compliance.internal.filing.FilingContent;
import io.vigil.compliance.internal.filing.FilingException;
import io.vigil.compliance.internal.filing.FilingForm;
import io.vigil.compliance.internal.filing.FilingPack;
import io.vigil.compliance.internal.filing.PackSigner;
import io.vigil.compliance.internal.store.StorageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The facial-data ledger: recomputed after every change announced (inventory, alerts,
 * deployments, cameras) and every hour, on one worker thread; the event handler only flags work.
 */
@Component(immediate = true, configurationPid = LedgerService.PID, service = {LedgerService.class, EventHandler.class},
        property = {EventConstants.EVENT_TOPIC + "=" + InventoryTopics.CHANGED,
                EventConstants.EVENT_TOPIC + "=" + AlertTopics.STORED, EventConstants.EVENT_TOPIC + "=" + AlertTopics.REVIEWED,
                EventConstants.EVENT_TOPIC + "=" + DeploymentTopics.CHANGED,
                EventConstants.EVENT_TOPIC + "=" + CameraRegistry.CHANGED})
@Designate(ocd = LedgerService.Config.class)
public class LedgerService implements EventHandler {

    public static final String PID = "io.vigil.compliance.ledger";

    @ObjectClassDefinition(name = "Vigil facial-data ledger and filings",
            description = "Jurisdiction profiles (DESIGN.md defaults), the working-day calendar and the filing pack")
    public @interface Config {
        @AttributeDefinition(description = "The SQLite file; empty: compliance/ledger.db in the data folder")
        String database_path() default "";

        @AttributeDefinition(description = "Profiles assessed: CN, HK, UK, EU")
        String[] profiles() default {"CN", "HK", "UK", "EU"};

        @AttributeDefinition(description = "The profile used when a command names none")
        String default_profile() default "CN";

        @AttributeDefinition(description = "CN: individuals at which filing with the provincial CAC is due (Measures Art. 15)")
        long cn_threshold() default 100_000;

        @AttributeDefinition(description = "CN: early warnings, percent of the threshold")
        String cn_warnings() default "80,95";

        @AttributeDefinition(description = "CN: working days a filing (initial, change, cancellation) is due within")
        int cn_deadline_working_days() default 30;

        @AttributeDefinition(description = "CN: an open filing's deadline is warned of once this many working days remain (0: never)")
        int cn_deadline_reminder_working_days() default 5;

        @AttributeDefinition(description = "Where warnings go besides vigil compliance status: log, status (vigil status),"
                + " eventadmin (topic io/vigil/compliance/WARNING, carried by the ONVIF device)")
        String[] warnings_channels() default {"log", "status", "eventadmin"};

        @AttributeDefinition(description = "CN: individual counts whose crossing is a change to file")
        String cn_count_bands() default "100000,1000000,10000000";

        @AttributeDefinition(description = "Working-day calendar file; empty: the shipped PRC 2025-2026 calendar")
        String calendar_file() default "";

        @AttributeDefinition(description = "Time zone that decides the day of a crossing")
        String zone() default "Asia/Shanghai";

        @AttributeDefinition(description = "The organisation named in the self-signed filing certificate")
        String organisation() default "Vigil operator";

        @AttributeDefinition(description = "PKCS#12 file with the organisation's signing key; empty: a key made on first use")
        String signing_pkcs12() default "";

        @AttributeDefinition(description = "Secret-store alias of the PKCS#12 password")
        String signing_pkcs12_password_alias() default "compliance.filing.pkcs12.password";

        @AttributeDefinition(description = "TrueType CJK font for the PDF (a .ttc collection or .ttf)")
        String pdf_font() default "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc";
    }

    private final Logger logger;
    private final SecretStore secrets;
    private final Config config;
    private final Clock clock;
    private final Ledger ledger;
    private final List<JurisdictionProfile> profiles;
    private final WarningChannels channels;
    private final WarningOutbox outbox;
    private final ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vigil-ledger");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile WorkingDayCalendar calendar;
    private volatile String calendarProblem;
    private volatile List<Ledger.Assessment> last = List.of();
    private volatile LedgerCounts lastCounts;
    private volatile String problem;

    private volatile FacialDataInventory inventory;

    /** The count is taken as soon as the watchlist bundle offers it (it usually starts after this one). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setInventory(FacialDataInventory inventory) {
        this.inventory = inventory;
        handleEvent(null);
    }

    void unsetInventory(FacialDataInventory inventory) {
        if (this.inventory == inventory) {
            this.inventory = null;
        }
    }
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AlertStore alerts;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DeploymentRegistry deployments;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile CameraRegistry cameras;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AuditTrailService audit;
    /** Only to state the alert store's retention in the filing pack. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AlertRetention alertRetention;

    @Activate
    public LedgerService(BundleContext context, Config config, @Reference(service = LoggerFactory.class) Logger logger,
                         @Reference SecretStore secrets) throws StorageException {
        this(Path.of(context.getProperty("vigil.data")), config, logger, secrets, Clock.systemUTC());
    }

    /** For tests: the data folder and the clock given (the report's date, the ledger's days, the warnings' times). */
    LedgerService(Path dataFolder, Config config, Logger logger, SecretStore secrets, Clock clock) throws StorageException {
        this.clock = clock;
        this.logger = logger;
        this.secrets = secrets;
        this.config = config;
        this.profiles = profiles(config);
        this.channels = WarningChannels.parse(config.warnings_channels());
        Path file = config.database_path().isBlank()
                ? dataFolder.resolve("compliance").resolve("ledger.db") : Path.of(config.database_path());
        this.ledger = Ledger.open(file, clock, ZoneId.of(config.zone()));
        this.outbox = new WarningOutbox(ledger, channels, logger, clock);
        loadCalendar();
        worker.scheduleWithFixedDelay(this::recomputeQuietly, 2, 3600, TimeUnit.SECONDS);
        worker.execute(this::postWarnings);
    }

    private volatile EventAdmin events;

    /** Warnings Event Admin missed (absent, or Vigil stopped before they were posted) go out when it comes. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setEventAdmin(EventAdmin events) {
        this.events = events;
        try {
            worker.execute(this::postWarnings);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // deactivated: the warnings stay in the ledger for the next start
        }
    }

    void unsetEventAdmin(EventAdmin events) {
        if (this.events == events) {
            this.events = null;
        }
    }

    public WarningChannels channels() {
        return channels;
    }

    private void tell(LedgerWarning w) {
        outbox.tell(w, Optional.ofNullable(events));
    }

    private void postWarnings() {
        outbox.post(Optional.ofNullable(events));
    }

    static List<JurisdictionProfile> profiles(Config c) {
        List<JurisdictionProfile> out = new ArrayList<>();
        for (String code : c.profiles()) {
            out.add(switch (code.strip().toUpperCase()) {
                case "CN" -> new JurisdictionProfile("CN", "China: CAC/MPS Measures on facial recognition (2025-06-01), Art. 15",
                        c.cn_threshold(), JurisdictionProfile.percents(c.cn_warnings()), c.cn_deadline_working_days(),
                        c.cn_deadline_reminder_working_days(), JurisdictionProfile.longs(c.cn_count_bands()), List.of(
                        "file with the provincial CAC within " + c.cn_deadline_working_days() + " working days once facial"
                                + " information of " + c.cn_threshold() + " individuals is stored",
                        "change and cancellation filings within the same period", "processing records kept >= 3 years"));
                case "HK" -> new JurisdictionProfile("HK", "Hong Kong: PDPO", 0, List.of(), 0, 0, List.of(), List.of(
                        "DPP2: kept no longer than necessary (retention)", "DPP4: security of personal data"));
                case "UK" -> new JurisdictionProfile("UK", "UK: College of Policing APP on live facial recognition", 0,
                        List.of(), 0, 0, List.of(), List.of("non-match biometrics deleted immediately", "alerts kept <= 31 days",
                        "watchlist built per deployment and destroyed after", "every alert reviewed by a trained officer"));
                case "EU" -> new JurisdictionProfile("EU", "EU: AI Act", 0, List.of(), 0, 0, List.of(), List.of(
                        "Art. 12(3): logs of each use", "Art. 14(5): verified by two people before action",
                        "Art. 26(6): logs kept >= 6 months"));
                default -> throw new IllegalArgumentException("unknown profile '" + code + "' (CN, HK, UK, EU)");
            });
        }
        return out;
    }

    private void loadCalendar() {
        try {
            calendar = config.calendar_file().isBlank() ? WorkingDayCalendar.shipped()
                    : WorkingDayCalendar.read(Path.of(config.calendar_file()));
            calendarProblem = null;
        } catch (CalendarException e) {
            calendarProblem = e.getMessage();
            logger.error("Working-day calendar refused: {}", e.getMessage());
        }
    }

    public WorkingDayCalendar calendar() throws CalendarException {
        WorkingDayCalendar c = calendar;
        if (c == null) {
            throw new CalendarException(calendarProblem);
        }
        return c;
    }

    public JurisdictionProfile profile(String code) {
        String wanted = code == null ? config.default_profile() : code;
        return profiles.stream().filter(p -> p.code().equalsIgnoreCase(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no profile '" + wanted + "' is configured ("
                        + profiles.stream().map(JurisdictionProfile::code).toList() + ")"));
    }

    @Override
    public void handleEvent(Event event) {
        if (pending.compareAndSet(false, true)) {
            try {
                worker.schedule(this::recomputeQuietly, 1, TimeUnit.SECONDS);
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                pending.set(false); // deactivated: nothing left to count for
            }
        }
    }

    private void recomputeQuietly() {
        if (inventory == null) {
            problem = "waiting for the watchlist bundle (facial data inventory): nothing counted yet";
            logger.info("The facial-data ledger waits for the watchlist bundle before counting");
            pending.set(false);
            return;
        }
        try {
            recompute();
        } catch (Exception e) {
            problem = e.getMessage();
            logger.error("The facial-data ledger could not be recomputed: {}", e.getMessage());
        }
    }

    /** Counts what is held now, records it and applies the profiles' rules. */
    public synchronized List<Ledger.Assessment> recompute() throws Exception {
        pending.set(false);
        FacialDataInventory inv = inventory;
        if (inv == null) {
            throw new IllegalStateException("the watchlist bundle (facial data inventory) is not running: nothing counted");
        }
        InventorySnapshot snapshot = inv.snapshot();
        List<Alert> held = new ArrayList<>();
        AlertStore a = alerts;
        if (a != null) {
            Optional<String> after = Optional.empty();
            for (List<Alert> page; !(page = a.since(after, 1000)).isEmpty(); after = Optional.of(page.get(page.size() - 1).id())) {
                held.addAll(page);
            }
        }
        DeploymentRegistry d = deployments;
        List<Deployment> deps = d == null ? List.of() : d.all();
        Map<String, Camera> cams = new HashMap<>();
        CameraRegistry cr = cameras;
        if (cr != null) {
            cr.cameras().forEach(c -> cams.put(c.id(), c));
        }
        LedgerCounts counts = LedgerCounts.compute(snapshot, held, deps, cams, snapshot.takenAt());
        List<Ledger.Assessment> result = ledger.record(counts, facts(counts, snapshot), profiles, calendar(), this::tell);
        lastCounts = counts;
        last = result;
        problem = null;
        return result;
    }

    private Ledger.FiledFacts facts(LedgerCounts counts, InventorySnapshot snapshot) {
        JurisdictionProfile cn = profiles.stream().filter(JurisdictionProfile::countTriggered).findFirst().orElse(null);
        return new Ledger.FiledFacts(counts.purposes(), storage(snapshot), security(),
                cn == null ? "-" : cn.bandText(counts.individuals()));
    }

    private List<String> storage(InventorySnapshot snapshot) {
        List<String> out = new ArrayList<>();
        out.add("watchlists: " + snapshot.storage());
        AuditTrailService t = audit;
        if (t != null) {
            out.add("audit trail: " + t.options().database());
        }
        out.add("alerts: the alert store's SQLite database (evidence images encrypted)");
        return out;
    }

    static List<String> security() {
        return List.of(
                "watchlist records sealed with AES-256-GCM, one data key per watchlist, keys in a BCFKS secret store",
                "deletion: rows deleted with secure_delete, write-ahead log truncated, then the data key destroyed",
                "non-matching faces never stored; recognitions only inside authorised deployments",
                "hash-chained audit trail with Ed25519-signed checkpoints",
                "administration through the local admin channel only; secrets never in configuration or logs");
    }

    /**
     * Records, audited, that the use of facial recognition stopped on {@code day}: the profile's
     * cancellation filing opens with its deadline. Refused while the audit trail is not running.
     */
    public synchronized Obligation useStopped(JurisdictionProfile p, LocalDate day, String reason, String actor)
            throws Exception {
        AuditTrailService t = audit;
        if (t == null) {
            throw new IllegalStateException("the audit trail is not running: a stop of use must be audited, so nothing"
                    + " was recorded");
        }
        try {
            recompute();
        } catch (Exception e) {
            logger.warn("Use stopped is recorded with the last count known: {}", e.getMessage());
        }
        long individuals = counts().map(LedgerCounts::individuals).orElse(0L);
        return ledger.useStopped(p, day, reason, individuals, calendar(), o -> {
            try {
                t.record(AuditActions.COMPLIANCE_USE_STOPPED, actor, Map.of("profile", p.code(), "stopped.on",
                        day.toString(), "reason", reason.strip(), "deadline", o.deadline().toString(),
                        "individuals", Long.toString(individuals)));
            } catch (AuditException e) {
                throw new StorageException("not recorded, because the audit trail could not record it: " + e.getMessage(), e);
            }
        }, this::tell);
    }

    public Optional<LedgerCounts> counts() {
        return Optional.ofNullable(lastCounts);
    }

    public List<Ledger.Assessment> assessments() {
        return last;
    }

    public Ledger ledger() {
        return ledger;
    }

    public Optional<String> problem() {
        return Optional.ofNullable(calendarProblem != null ? calendarProblem : problem);
    }

    /** Builds, writes and signs the pack. */
    public FilingPack.Written report(JurisdictionProfile p, Optional<Path> formFile, Path folder, FilingForm[] formOut)
            throws Exception {
        recompute();
        FilingForm form = formFile.isPresent() ? FilingForm.read(formFile.get()) : FilingForm.empty();
        formOut[0] = form;
        FilingContent content = new FilingReportBuilder(clock).build(reportFacts(p, form));
        return FilingPack.write(content, folder, Path.of(config.pdf_font()), signer(),
                formFile.isPresent() ? Files.readAllBytes(formFile.get()) : null);
    }

    /** What the report states, gathered from the ledger and the other bundles now. */
    private FilingReportBuilder.Facts reportFacts(JurisdictionProfile p, FilingForm form) throws Exception {
        LedgerCounts c = lastCounts;
        Ledger.Assessment assessment = last.stream().filter(a -> a.profile().code().equals(p.code())).findFirst().orElseThrow();
        InventorySnapshot snap = inventory.snapshot();
        AuditTrailService t = audit;
        Optional<FilingReportBuilder.AuditFacts> auditFacts = Optional.empty();
        if (t != null) {
            Map<String, FilingReportBuilder.Purges> purges = new LinkedHashMap<>();
            for (String action : List.of("alert.deleted", "watchlist.deleted", "watchlist.subject-removed")) {
                List<AuditEntry> done = t.last(1000, Optional.of(action));
                purges.put(action, new FilingReportBuilder.Purges(done.size(),
                        done.isEmpty() ? Optional.empty() : Optional.of(done.get(done.size() - 1).time())));
            }
            auditFacts = Optional.of(new FilingReportBuilder.AuditFacts(t.options().retention().toDays(), purges));
        }
        DeploymentRegistry d = deployments;
        CameraRegistry cr = cameras;
        return new FilingReportBuilder.Facts(p, c, assessment,
                p.countTriggered() ? ledger.warningsReached(p.code()) : Map.of(), form, storage(snap), snap.keyScheme(),
                security(), auditFacts, AlertRetentionStatement.read(Optional.ofNullable(alertRetention)),
                d == null ? List.of() : d.all(), cr == null ? List.of() : cr.cameras(), ledger.history(3660));
    }

    /** SHA-256 of this organisation's signing certificate: what a genuine pack must be signed with. */
    String signingCertificateFingerprint() throws FilingException {
        return PackSigner.fingerprint(signer().certificate());
    }

    private PackSigner signer() throws FilingException {
        if (!config.signing_pkcs12().isBlank()) {
            try {
                char[] password = secrets.password(config.signing_pkcs12_password_alias()).orElseThrow(() ->
                        new FilingException("the password of " + config.signing_pkcs12() + " is not in the secret store under "
                                + config.signing_pkcs12_password_alias()));
                return PackSigner.fromPkcs12(Path.of(config.signing_pkcs12()), password);
            } catch (io.vigil.api.secret.SecretStoreException e) {
                throw new FilingException(e.getMessage(), e);
            }
        }
        return PackSigner.fromSecretStore(secrets, config.organisation(), new SecureRandom(), clock.instant());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
        ledger.close();
    }
}
