package io.vigil.watchlist.internal;

import io.vigil.api.face.AnalysedFace;
import io.vigil.api.face.EmbeddingModel;
import io.vigil.api.face.FaceAnalysisException;
import io.vigil.api.face.FaceAnalyzer;
import io.vigil.api.face.UnreadableImageException;
import io.vigil.api.audit.AuditActions;
import io.vigil.api.audit.AuditException;
import io.vigil.api.audit.AuditTrail;
import io.vigil.api.deployment.Deployment;
import io.vigil.api.face.FaceObservation;
import io.vigil.api.watchlist.Recognition;
import io.vigil.api.secret.SecretStore;
import io.vigil.api.status.ModuleStatus;
import io.vigil.api.status.StatusReporter;
import io.vigil.watchlist.match.Decision;
import io.vigil.watchlist.match.TemplateIndex;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
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
 * The watchlists: the encrypted database, enrolment through the face analyser, and the in-memory
 * index every template is matched in (one per embedding model version, loaded at activation and
 * kept in step with every change).
 */
@Component(immediate = true, configurationPid = WatchlistService.PID,
        service = {WatchlistService.class, StatusReporter.class}, property = "vigil.module=watchlist")
@Designate(ocd = WatchlistService.Config.class)
public class WatchlistService implements StatusReporter {

    static final String PID = "io.vigil.watchlist";
    /** The actor of changes made at the admin channel (vigil watchlist). */
    static final String ADMINISTRATOR = "administrator";

    @ObjectClassDefinition(name = "Vigil watchlists")
    public @interface Config {
        @AttributeDefinition(name = "Database", description = "The SQLite file; empty: watchlists/watchlists.db in the data folder")
        String database_path() default "";
    }

    /** One watchlist with its counts, for listing. */
    record Summary(Watchlist watchlist, int subjects, int templates, int needingReEnrolment) {
    }

    /** One face of an identified photo. */
    record Identified(AnalysedFace face, Optional<Watchlist> watchlist, Optional<Subject> subject, float score,
                      boolean match) {
    }

    private final Logger logger;
    private final SecretStore secrets;
    private final Path file;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, TemplateIndex> indexes = new ConcurrentHashMap<>();
    /** What the matcher needs per face without touching the database: lists by name, pseudonyms by subject. */
    private final Map<String, Watchlist> byName = new ConcurrentHashMap<>();
    private final Map<Long, String> pseudonyms = new ConcurrentHashMap<>();
    private volatile AuditTrail audit;
    private volatile org.osgi.service.event.EventAdmin events;
    private volatile FaceAnalyzer analyzer;
    private final Object analyzerArrived = new Object();
    private static final long ANALYZER_WAIT_NANOS = 20_000_000_000L;
    private volatile WatchlistDatabase database;
    private volatile WatchlistStore store;
    private volatile String problem;
    private final java.util.concurrent.ScheduledExecutorService expiry =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "vigil-watchlist-expiry");
                t.setDaemon(true);
                return t;
            });


    @Activate
    public WatchlistService(BundleContext context, Config config,
                            @Reference(service = LoggerFactory.class) Logger logger, @Reference SecretStore secrets) {
        this.logger = logger;
        this.secrets = secrets;
        this.file = config.database_path().isBlank()
                ? Path.of(context.getProperty("vigil.data"), "watchlists", "watchlists.db")
                : Path.of(config.database_path());
        open();
    }

    /**
     * Erases what has outlived its authority: watchlists past their last valid day (the whole list,
     * key destroyed) and subjects past their expiry. Runs at activation and every hour.
     */
    int enforceExpiry() {
        WatchlistStore s = store;
        if (s == null) {
            return 0;
        }
        int erased = 0;
        try {
            LocalDate today = LocalDate.now(Clock.systemUTC());
            for (Watchlist w : s.list()) {
                if (w.validTo().isPresent() && w.validTo().get().isBefore(today)) {
                    Map<Long, String> gone = s.pseudonyms(w);
                    forget(w);
                    s.delete(w);
                    gone.keySet().forEach(pseudonyms::remove);
                    audited(AuditActions.WATCHLIST_DELETED, Map.of("watchlist", w.name(), "reason", "expired " + w.validTo().get(),
                            "subjects", Integer.toString(gone.size())));
                    logger.info("Watchlist {} expired on {}: erased and its key destroyed", w.name(), w.validTo().get());
                    erased++;
                } else {
                    int gone = s.removeExpiredSubjects(w, java.time.Instant.now());
                    if (gone > 0) {
                        reload(w);
                        inventoryChanged(w.name());
                        logger.info("{} subjects of watchlist {} expired and were erased", gone, w.name());
                        erased += gone;
                    }
                }
            }
        } catch (WatchlistException e) {
            logger.error("Expired watchlist data could not be erased yet: {}", e.getMessage());
        }
        return erased;
    }

    private void open() {
        try {
            database = WatchlistDatabase.open(file);
            store = new WatchlistStore(database, secrets, random, Clock.systemUTC());
            WatchlistStore.Upgrade upgrade = store.upgradeRecords();
            if (!upgrade.equals(new WatchlistStore.Upgrade(0, 0, 0))) {
                logger.info("Watchlist records brought up to date: {} lists re-sealed under per-subject keys (old list keys"
                        + " destroyed), {} photo digests now keyed, {} stale list keys destroyed", upgrade.listsResealed(),
                        upgrade.photoHashesKeyed(), upgrade.staleKeysDestroyed());
            }
            int loaded = 0;
            for (Watchlist w : store.list()) {
                loaded += load(w);
            }
            problem = null;
            logger.info("Watchlists open: {} templates in memory", loaded);
            int filled = store.fillIndividualKeys();
            if (filled > 0) {
                logger.info("Individual keys (compliance de-duplication) filled for {} subjects enrolled before them", filled);
            }
            enforceExpiry();
            expiry.scheduleWithFixedDelay(this::enforceExpiry, 1, 1, java.util.concurrent.TimeUnit.HOURS);
        } catch (WatchlistException e) {
            problem = e.getMessage();
            logger.error("Watchlists unavailable: {}", e.getMessage());
        }
    }

    private int load(Watchlist w) throws WatchlistException {
        byName.put(w.name(), w);
        pseudonyms.putAll(store.pseudonyms(w));
        List<StoredTemplate> templates = store.templates(w);
        for (StoredTemplate t : templates) {
            index(t.modelVersion()).add(t.templateId(), t.subjectId(), t.watchlistId(), t.vector());
            java.util.Arrays.fill(t.vector(), 0f);
        }
        return templates.size();
    }

    private TemplateIndex index(String modelVersion) {
        return indexes.computeIfAbsent(modelVersion, v -> new TemplateIndex(v, 512));
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setAnalyzer(FaceAnalyzer analyzer) {
        synchronized (analyzerArrived) {
            this.analyzer = analyzer;
            analyzerArrived.notifyAll();
        }
    }

    void unsetAnalyzer(FaceAnalyzer analyzer) {
        if (this.analyzer == analyzer) {
            this.analyzer = null;
        }
    }

    private WatchlistStore store() throws WatchlistException {
        WatchlistStore s = store;
        if (s == null) {
            throw new WatchlistException(problem);
        }
        return s;
    }

    private FaceAnalyzer analyzer() throws WatchlistException {
        FaceAnalyzer a = analyzer;
        if (a == null) {
            // right after the container starts the inference bundle may still be activating:
            // a command then waits for it a little rather than failing
            long deadline = System.nanoTime() + ANALYZER_WAIT_NANOS;
            synchronized (analyzerArrived) {
                while ((a = analyzer) == null && System.nanoTime() < deadline) {
                    try {
                        analyzerArrived.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
        }
        if (a == null) {
            throw new WatchlistException("the inference bundle (io.vigil.inference) is not running: faces cannot be analysed");
        }
        return a;
    }

    /** The calibrated threshold of the current embedding model, or the shipped model's 0.44 while none runs. */
    float defaultThreshold() {
        FaceAnalyzer a = analyzer;
        return a == null ? 0.44f : a.embeddingModel().calibratedThreshold();
    }

    Watchlist create(NewWatchlist w) throws WatchlistException {
        return create(w, ADMINISTRATOR);
    }

    /** @param actor who is recorded in the audit trail: "administrator" at the admin channel, a console user's name */
    Watchlist create(NewWatchlist w, String actor) throws WatchlistException {
        if (w.name().isBlank() || w.name().length() > 100) {
            throw new WatchlistException("a watchlist name is 1 to 100 characters");
        }
        if (w.validTo().isPresent() && w.validTo().get().isBefore(LocalDate.now(Clock.systemUTC()))) {
            throw new WatchlistException("--valid-to " + w.validTo().get() + " is in the past: the list would be erased at once");
        }
        Watchlist created = store().create(w);
        byName.put(created.name(), created);
        audited(AuditActions.WATCHLIST_CREATED, actor, Map.of("watchlist", created.name(), "category", created.category().name(),
                "threshold", Float.toString(created.threshold()), "legal.basis", created.legalBasis(),
                "authorising.officer", created.authorisingOfficer()));
        return created;
    }

    private Watchlist watchlist(String name) throws WatchlistException {
        return store().find(name).orElseThrow(() -> new WatchlistException("no watchlist named '" + name + "'"));
    }

    /** A subject enrolled from photos, and the faces in those photos the quality gate left out. */
    record Enrolled(Subject subject, List<PhotoEnrolment.IgnoredFace> ignored) {
        Enrolled {
            ignored = List.copyOf(ignored);
        }
    }

    Enrolled enrol(String watchlist, String subject, String reference, String notes, Optional<java.time.Instant> expires,
                   List<Path> photos)
            throws WatchlistException {
        return enrol(watchlist, subject, reference, notes, expires, photos, ADMINISTRATOR);
    }

    /** @param actor who is recorded in the audit trail: the admin channel's caller, a console user's name */
    Enrolled enrol(String watchlist, String subject, String reference, String notes, Optional<java.time.Instant> expires,
                   List<Path> photos, String actor)
            throws WatchlistException {
        Watchlist w = watchlist(watchlist);
        PhotoEnrolment enrolment = new PhotoEnrolment(analyzer());
        List<EnrolmentPhoto> made = new ArrayList<>();
        List<PhotoEnrolment.IgnoredFace> ignored = new ArrayList<>();
        for (Path p : photos) {
            PhotoEnrolment.Examined examined = enrolment.examine(p);
            made.add(examined.photo());
            ignored.addAll(examined.ignored());
        }
        return new Enrolled(enrolled(w, subject, reference, notes, expires, made, actor), ignored);
    }

    /** Enrols from one uploaded photo (the web console); the same checks as a photo file. */
    Subject enrol(String watchlist, String subject, byte[] photo, String photoName, String actor) throws WatchlistException {
        Watchlist w = watchlist(watchlist);
        if (subject.isBlank() || subject.length() > 200) {
            throw new WatchlistException("a subject's name is 1 to 200 characters");
        }
        EnrolmentPhoto made = new PhotoEnrolment(analyzer()).enrol(photo, photoName);
        return enrolled(w, subject, "", "", Optional.empty(), List.of(made), actor);
    }

    private Subject enrolled(Watchlist w, String subject, String reference, String notes, Optional<java.time.Instant> expires,
                             List<EnrolmentPhoto> made, String actor) throws WatchlistException {
        Subject s = store().enrol(w, new SubjectEnrolment(subject, reference, notes, actor, expires, made));
        reload(w);
        audited(AuditActions.WATCHLIST_SUBJECT_ENROLLED, actor, Map.of("watchlist", w.name(), "subject", s.pseudonym(),
                "photos", Integer.toString(made.size()), "model.version", made.get(0).embedding().modelVersion()));
        return s;
    }

    BulkImport.Report importFrom(String watchlist, Path source) throws WatchlistException {
        return importFrom(watchlist, source, ADMINISTRATOR);
    }

    BulkImport.Report importFrom(String watchlist, Path source, String actor) throws WatchlistException {
        Watchlist w = watchlist(watchlist);
        PhotoEnrolment enrolment = new PhotoEnrolment(analyzer());
        List<String> lines = new ArrayList<>();
        List<SubjectEnrolment> good = new ArrayList<>();
        List<String> goodWhere = new ArrayList<>();
        int refused = 0;
        for (BulkImport.Candidate c : BulkImport.read(source)) {
            String why = null;
            List<EnrolmentPhoto> photos = new ArrayList<>();
            if (c.name().isBlank()) {
                why = "no name";
            } else if (c.photos().isEmpty()) {
                why = "no photos";
            } else {
                for (Path p : c.photos()) {
                    try {
                        photos.add(enrolment.enrol(p));
                    } catch (WatchlistException e) {
                        why = e.getMessage();
                        break;
                    }
                }
            }
            if (why != null) {
                refused++;
                lines.add("  " + c.where() + " (" + (c.name().isBlank() ? "?" : c.name()) + "): refused: " + why);
            } else {
                good.add(new SubjectEnrolment(c.name(), c.reference(), "", actor + " (import)", Optional.empty(), photos));
                goodWhere.add(c.where());
            }
        }
        if (!good.isEmpty()) {
            List<Subject> subjects = store().enrolAll(w, good);
            for (int i = 0; i < subjects.size(); i++) {
                lines.add("  " + goodWhere.get(i) + " (" + subjects.get(i).displayName() + "): enrolled as "
                        + subjects.get(i).pseudonym());
            }
            reload(w);
            for (Subject s : subjects) {
                audited(AuditActions.WATCHLIST_SUBJECT_ENROLLED, actor, Map.of("watchlist", w.name(), "subject", s.pseudonym(),
                        "source", "import"));
            }
        }
        return new BulkImport.Report(lines, good.size(), refused);
    }

    List<Summary> summaries() throws WatchlistException {
        List<Summary> all = new ArrayList<>();
        String current = currentModelVersion();
        for (Watchlist w : store().list()) {
            List<Subject> subjects = store().subjects(w, current);
            all.add(new Summary(w, subjects.size(), subjects.stream().mapToInt(Subject::templates).sum(),
                    (int) subjects.stream().filter(Subject::needsReEnrolment).count()));
        }
        return all;
    }

    List<Subject> subjects(String watchlist) throws WatchlistException {
        return store().subjects(watchlist(watchlist), currentModelVersion());
    }

    private String currentModelVersion() {
        FaceAnalyzer a = analyzer;
        return a == null ? null : a.embeddingModel().version();
    }

    boolean removeSubject(String watchlist, String subject) throws WatchlistException {
        return removeSubject(watchlist, subject, ADMINISTRATOR);
    }

    boolean removeSubject(String watchlist, String subject, String actor) throws WatchlistException {
        Watchlist w = watchlist(watchlist);
        Optional<Subject> found = store().subjects(w, null).stream()
                .filter(x -> x.displayName().equals(subject) || x.pseudonym().equals(subject)).findFirst();
        boolean removed = store().removeSubject(w, subject);
        if (removed) {
            reload(w);
            found.ifPresent(f -> pseudonyms.remove(f.id()));
            audited(AuditActions.WATCHLIST_SUBJECT_REMOVED, actor, Map.of("watchlist", w.name(),
                    "subject", found.map(Subject::pseudonym).orElse("?")));
        }
        return removed;
    }

    void delete(String watchlist) throws WatchlistException {
        delete(watchlist, ADMINISTRATOR);
    }

    void delete(String watchlist, String actor) throws WatchlistException {
        Watchlist w = watchlist(watchlist);
        Map<Long, String> gone = store().pseudonyms(w);
        forget(w);
        store().delete(w);
        gone.keySet().forEach(pseudonyms::remove);
        audited(AuditActions.WATCHLIST_DELETED, actor, Map.of("watchlist", w.name(), "subjects", Integer.toString(gone.size()),
                "key", w.keyAlias() + " destroyed"));
    }

    Watchlist rotateKey(String watchlist) throws WatchlistException {
        return rotateKey(watchlist, ADMINISTRATOR);
    }

    Watchlist rotateKey(String watchlist, String actor) throws WatchlistException {
        Watchlist rotated = store().rotateKey(watchlist(watchlist));
        byName.put(rotated.name(), rotated);
        audited(AuditActions.WATCHLIST_KEY_ROTATED, actor, Map.of("watchlist", rotated.name(), "key", rotated.keyAlias()));
        return rotated;
    }

    /** The list's templates in the index replaced by what the database now holds. */
    private void reload(Watchlist w) throws WatchlistException {
        forget(w);
        load(w);
    }

    private void forget(Watchlist w) {
        indexes.values().forEach(i -> i.removeWatchlist(w.id()));
        byName.remove(w.name());
    }

    /**
     * The recognitions of one observed face under one active deployment: the best subject of the
     * deployment's watchlists (valid today) whose score reaches the deployment's locked threshold.
     * Reads memory only; a face that matches nothing leaves no trace.
     */
    Optional<Recognition> recognise(FaceObservation face, Deployment deployment) {
        TemplateIndex index = indexes.get(face.embedding().modelVersion());
        if (index == null) {
            return Optional.empty();
        }
        LocalDate day = LocalDate.ofInstant(face.captureTime(), java.time.ZoneOffset.UTC);
        Map<Long, Float> thresholds = new HashMap<>();
        Map<Long, Watchlist> lists = new HashMap<>();
        for (String name : deployment.watchlists()) {
            Watchlist w = byName.get(name);
            if (w != null && w.validOn(day)) {
                thresholds.put(w.id(), deployment.threshold());
                lists.put(w.id(), w);
            }
        }
        if (thresholds.isEmpty()) {
            return Optional.empty();
        }
        if (index.identify(face.embedding().vector(), thresholds) instanceof Decision.Match m) {
            Watchlist w = lists.get(m.candidate().watchlistId());
            String pseudonym = pseudonyms.get(m.candidate().subjectId());
            if (pseudonym == null) {
                return Optional.empty(); // removed between the search and now
            }
            return Optional.of(new Recognition(face, deployment.id(), w.name(), w.category(), pseudonym,
                    m.candidate().score(), m.threshold()));
        }
        return Optional.empty();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setAudit(AuditTrail trail) {
        this.audit = trail;
    }

    void unsetAudit(AuditTrail trail) {
        if (this.audit == trail) {
            this.audit = null;
        }
    }

    /**
     * Records a change in the audit trail before reporting it done. Without a trail (the compliance
     * bundle not running) the change is logged as unaudited rather than refused, so an
     * administrator can still erase data.
     */
    private void audited(String action, Map<String, String> details) throws WatchlistException {
        audited(action, ADMINISTRATOR, details);
    }

    private void audited(String action, String actor, Map<String, String> details) throws WatchlistException {
        if (details.containsKey("watchlist")) {
            // every change to what is held is audited through here: the ledger hears of it too
            inventoryChanged(details.get("watchlist"));
        }
        AuditTrail trail = audit;
        if (trail == null) {
            logger.warn("Not audited (no audit trail running): {} {}", action, details);
            return;
        }
        try {
            trail.record(action, actor, details);
        } catch (AuditException e) {
            throw new WatchlistException("done, but the audit trail could not record it: " + e.getMessage(), e);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setEvents(org.osgi.service.event.EventAdmin events) {
        this.events = events;
    }

    void unsetEvents(org.osgi.service.event.EventAdmin events) {
        if (this.events == events) {
            this.events = null;
        }
    }

    /** Announces (asynchronously, after the change is committed) that the facial data held changed. */
    private void inventoryChanged(String watchlist) {
        org.osgi.service.event.EventAdmin e = events;
        if (e != null) {
            e.postEvent(new org.osgi.service.event.Event(io.vigil.api.inventory.InventoryTopics.CHANGED,
                    Map.of("watchlist", watchlist)));
        }
    }

    /** The facial data held, for the compliance ledger: counts and individual keys, nothing decrypted. */
    io.vigil.api.inventory.InventorySnapshot inventory() throws WatchlistException {
        return new io.vigil.api.inventory.InventorySnapshot(java.time.Instant.now(), store().holdings(),
                IndividualKeys.SCHEME, "SQLite database " + file + " (names, references, notes, templates and photos"
                + " sealed with AES-256-GCM under one data key per watchlist, keys in the secret store)");
    }

    /**
     * Each face of a photo against every watchlist valid today: the best subject and its score,
     * and whether it reaches that list's threshold. Nothing of the photo is stored.
     */
    List<Identified> identify(byte[] photo, String name) throws WatchlistException {
        List<AnalysedFace> faces = analysePhoto(photo, name);
        Map<Long, Watchlist> valid = new HashMap<>();
        LocalDate today = LocalDate.now(Clock.systemUTC());
        for (Watchlist w : store().list()) {
            if (w.validOn(today)) {
                valid.put(w.id(), w);
            }
        }
        List<Identified> out = new ArrayList<>();
        for (AnalysedFace face : faces) {
            if (face.embedding().isEmpty()) {
                out.add(new Identified(face, Optional.empty(), Optional.empty(), 0, false));
                continue;
            }
            TemplateIndex index = indexes.get(face.embedding().get().modelVersion());
            Map<Long, Float> thresholds = new HashMap<>();
            valid.values().forEach(w -> thresholds.put(w.id(), w.threshold()));
            Decision decision = index == null ? new Decision.Unknown(Optional.empty())
                    : index.identify(face.embedding().get().vector(), thresholds);
            if (decision instanceof Decision.Match m) {
                Watchlist w = valid.get(m.candidate().watchlistId());
                Optional<Subject> subject = store().subjects(w, null).stream()
                        .filter(s -> s.id() == m.candidate().subjectId()).findFirst();
                out.add(new Identified(face, Optional.of(w), subject, m.candidate().score(), true));
            } else {
                float closest = ((Decision.Unknown) decision).closest().map(c -> c.score()).orElse(0f);
                out.add(new Identified(face, Optional.empty(), Optional.empty(), closest, false));
            }
        }
        return out;
    }

    /** The faces of a photo, analysed in memory; an unreadable photo is a {@link WatchlistException} naming it. */
    List<AnalysedFace> analysePhoto(byte[] photo, String name) throws WatchlistException {
        try {
            return analyzer().analysePhoto(photo, name);
        } catch (UnreadableImageException e) {
            throw new WatchlistException(e.getMessage(), e);
        } catch (FaceAnalysisException e) {
            throw new WatchlistException(name + ": " + e.getMessage(), e);
        }
    }

    /** The model that makes templates here, with its default threshold, waiting a little for it as analysis does. */
    EmbeddingModel awaitEmbeddingModel() throws WatchlistException {
        return analyzer().embeddingModel();
    }

    /**
     * Records that an evaluation ran over a force's labelled photos: biometric processing outside
     * any watchlist, so it is in the trail with its figures, never with names or photos.
     */
    void evaluated(String actor, Map<String, String> details) throws WatchlistException {
        audited(AuditActions.EVALUATION_RUN, actor, details);
    }

    /** The subject's first enrolment photo, decrypted, for a reviewer or an evidence package. */
    Optional<byte[]> enrolmentPhoto(String watchlist, String pseudonym) {
        try {
            Optional<Watchlist> w = store().find(watchlist);
            return w.isEmpty() ? Optional.empty() : store().firstPhoto(w.get(), pseudonym);
        } catch (WatchlistException e) {
            logger.warn("Enrolment photo of {} on {} unavailable: {}", pseudonym, watchlist, e.getMessage());
            return Optional.empty();
        }
    }

    /** The embedding model templates are compared under, when the inference bundle runs. */
    Optional<EmbeddingModel> embeddingModel() {
        FaceAnalyzer a = analyzer;
        return a == null ? Optional.empty() : Optional.of(a.embeddingModel());
    }

    @Override
    public ModuleStatus status() {
        if (problem != null) {
            return new ModuleStatus("watchlist", ModuleStatus.Health.FAILED, problem);
        }
        long templates = indexes.values().stream().mapToLong(TemplateIndex::size).sum();
        return new ModuleStatus("watchlist", ModuleStatus.Health.OK,
                templates + " templates in memory (" + indexes.size() + " model version" + (indexes.size() == 1 ? "" : "s")
                        + "); database " + file);
    }

    @Deactivate
    void deactivate() {
        expiry.shutdownNow();
        WatchlistDatabase db = database;
        if (db != null) {
            db.close();
        }
        indexes.clear();
    }
}
