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
import io.vigil.compliance.internal.filing.FilingContent.Row;
import io.vigil.compliance.internal.filing.FilingContent.Section;
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
        this.logger = logger;
        this.secrets = secrets;
        this.config = config;
        this.profiles = profiles(config);
        this.channels = WarningChannels.parse(config.warnings_channels());
        Path file = config.database_path().isBlank()
                ? Path.of(context.getProperty("vigil.data"), "compliance", "ledger.db") : Path.of(config.database_path());
        this.ledger = Ledger.open(file, Clock.systemUTC(), ZoneId.of(config.zone()));
        this.outbox = new WarningOutbox(ledger, channels, logger, Clock.systemUTC());
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
        LedgerCounts c = lastCounts;
        Ledger.Assessment assessment = last.stream().filter(a -> a.profile().code().equals(p.code())).findFirst().orElseThrow();
        List<Section> sections = new ArrayList<>();
        List<Row> q = new ArrayList<>();
        q.add(new Row("Distinct individuals", "不同个人数量", Long.toString(c.individuals())));
        q.add(new Row("of which unknown (dismissed alerts retained)", "其中未知个人（保留的误报）", Long.toString(c.unknownIndividuals())));
        q.add(new Row("Face templates", "人脸特征模板数量", Long.toString(c.templates())));
        q.add(new Row("Face images", "人脸图像数量", Long.toString(c.images())));
        if (p.countTriggered()) {
            q.add(new Row("Filing threshold", "备案门槛", p.threshold() + " individuals / 人"));
            q.add(new Row("Threshold crossed on", "达到备案门槛日期", assessment.crossedOn().map(Object::toString).orElse("not crossed / 未达到")));
            for (Obligation o : assessment.obligations()) {
                q.add(new Row("Filing (" + o.kind() + ") deadline", "备案截止日期（" + kindZh(o.kind()) + "）", o.deadline()
                        + " (" + o.reason() + "; " + o.filedOn().map(f -> "filed " + f + " " + o.reference()).orElse("open / 未备案") + ")"));
            }
            ledger.warningsReached(p.code()).forEach((pc, day) -> q.add(new Row("Early warning " + pc + "% reached",
                    "预警 " + pc + "% 达到日期", day.toString())));
        }
        c.byWatchlist().forEach((k, v) -> q.add(new Row("Watchlist " + k, "名单 " + k, tally(v))));
        c.byPurpose().forEach((k, v) -> q.add(new Row("Purpose " + k, "目的 " + k, tally(v))));
        c.bySite().forEach((k, v) -> q.add(new Row("Site " + k, "场所 " + k, tally(v))));
        sections.add(new Section("Quantity of facial information stored", "存储的人脸信息数量", q));
        sections.add(new Section("Processor basics", "个人信息处理者基本情况", List.of(
                row(form, "processor.name"), row(form, "processor.address"), row(form, "processor.registration"),
                row(form, "processor.representative"))));
        sections.add(new Section("Purpose and method", "处理目的和方式", List.of(row(form, "purpose"), row(form, "legal.basis"),
                row(form, "method"), new Row("Purposes recorded on watchlists", "名单记录的目的", String.join("; ", c.purposes())))));
        List<Row> storage = new ArrayList<>();
        InventorySnapshot snap = inventory.snapshot();
        for (String s : storage(snap)) {
            storage.add(new Row("Storage location", "存储位置", s));
        }
        storage.add(new Row("De-duplication", "去重方法", snap.keyScheme()));
        for (String s : security()) {
            storage.add(new Row("Security measure", "安全保护措施", s));
        }
        sections.add(new Section("Storage and security measures", "存储位置和安全保护措施", storage));
        List<Row> retention = new ArrayList<>();
        AuditTrailService t = audit;
        if (t != null) {
            retention.add(new Row("Audit trail retention", "审计记录保存期限", t.options().retention().toDays() + " days"));
            for (String action : List.of("alert.deleted", "watchlist.deleted", "watchlist.subject-removed")) {
                List<AuditEntry> done = t.last(1000, Optional.of(action));
                retention.add(new Row("Purges done: " + action, "已执行的删除：" + action, done.size() + " entries"
                        + (done.isEmpty() ? "" : ", last " + done.get(done.size() - 1).time())));
            }
        } else {
            retention.add(new Row("Audit trail", "审计记录", "not running: purges cannot be listed"));
        }
        retention.add(new Row("Alert retention", "告警保存期限", AlertRetentionStatement.read(Optional.ofNullable(alertRetention))));
        sections.add(new Section("Retention and purges", "保存期限和删除记录", retention));
        List<Row> dep = new ArrayList<>();
        DeploymentRegistry d = deployments;
        for (Deployment x : d == null ? List.<Deployment>of() : d.all()) {
            dep.add(new Row("Deployment " + x.name(), "布控 " + x.name(), x.state() + ", " + x.location() + ", purpose " + x.purpose()
                    + ", legal basis " + x.legalBasis() + ", authorisation " + x.authorisation() + ", lists " + x.watchlists()));
        }
        CameraRegistry cr = cameras;
        for (Camera cam : cr == null ? List.<Camera>of() : cr.cameras()) {
            dep.add(new Row("Camera " + cam.name(), "摄像机 " + cam.name(), cam.location() + "; signage / 告示: " + cam.signage()));
        }
        if (dep.isEmpty()) {
            dep.add(new Row("Deployments and cameras", "布控和摄像机", "none recorded"));
        }
        sections.add(new Section("Deployments and cameras", "布控和摄像机", dep));
        sections.add(new Section("Processing rules, procedures and impact assessment", "处理规则、操作规程和影响评估", List.of(
                row(form, "rules"), row(form, "pia.reference"), row(form, "pia.date"))));
        sections.add(new Section("Contact", "联系方式", List.of(row(form, "contact.name"), row(form, "contact.phone"),
                row(form, "contact.email"))));
        sections.add(new Section("Obligations of the profile", "适用的义务", p.obligations().stream()
                .map(o -> new Row("Obligation", "义务", o)).toList()));
        List<List<String>> history = new ArrayList<>();
        for (Ledger.Day day : ledger.history(3660)) {
            history.add(List.of(day.day().toString(), Long.toString(day.individuals()), Long.toString(day.templates()),
                    Long.toString(day.images()), Long.toString(day.unknown()), Long.toString(day.peak())));
        }
        FilingContent content = new FilingContent(p.code(), java.time.Instant.now(), sections, form.missing(),
                List.of("day", "individuals", "templates", "images", "unknown_individuals", "peak_individuals"), history);
        return FilingPack.write(content, folder, Path.of(config.pdf_font()), signer(),
                formFile.isPresent() ? Files.readAllBytes(formFile.get()) : null);
    }

    private static String kindZh(String kind) {
        return switch (kind) {
            case "INITIAL" -> "首次备案";
            case "CHANGE" -> "变更备案";
            default -> "注销备案";
        };
    }

    private static String tally(Tally t) {
        return t.individuals() + " individuals / 人, " + t.templates() + " templates / 模板, " + t.images() + " images / 图像";
    }

    private static Row row(FilingForm form, String key) {
        FilingForm.Field f = FilingForm.REQUIRED.stream().filter(x -> x.key().equals(key)).findFirst().orElseThrow();
        String v = form.value(key);
        return new Row(f.english(), f.chinese(), v.isBlank() ? "MISSING / 缺失 (" + key + ")" : v);
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
        return PackSigner.fromSecretStore(secrets, config.organisation(), new SecureRandom(), java.time.Instant.now());
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        worker.shutdownNow();
        worker.awaitTermination(5, TimeUnit.SECONDS);
        ledger.close();
    }
}
