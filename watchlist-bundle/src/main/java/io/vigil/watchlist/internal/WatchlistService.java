package io.vigil.watchlist.internal;

import io.vigil.api.audit.AuditActions;
import io.vigil.api.audit.AuditTrail;
import io.vigil.api.deployment.Deployment;
import io.vigil.api.face.AnalysedFace;
import io.vigil.api.face.EmbeddingModel;
import io.vigil.api.face.FaceAnalysisException;
import io.vigil.api.face.FaceAnalyzer;
import io.vigil.api.face.FaceObservation;
import io.vigil.api.face.UnreadableImageException;
import io.vigil.api.inventory.InventorySnapshot;
import io.vigil.api.secret.SecretStore;
import io.vigil.api.status.ModuleStatus;
import io.vigil.api.status.StatusReporter;
import io.vigil.api.watchlist.Recognition;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The watchlists: opens the encrypted database and loads every template into memory, and is the
 * one service the bundle's commands, console pages and matcher call. The work is done by the
 * parts it wires together on the state they share ({@link LoadedTemplates}): lifecycle
 * ({@link WatchlistLifecycle}), enrolment and import ({@link SubjectEnrolments}), expiry
 * ({@link WatchlistExpiry}) and identification ({@link Identification}); every change is audited
 * and announced through {@link WatchlistChanges}.
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

    private final Logger logger;
    private final SecretStore secrets;
    private final Path file;
    private final LoadedTemplates loaded = new LoadedTemplates();
    private final AwaitedAnalyzer analyzer = new AwaitedAnalyzer();
    private final WatchlistChanges changes;
    private final OpenStore openStore = this::store;
    private final WatchlistLifecycle lifecycle;
    private final SubjectEnrolments enrolments;
    private final WatchlistExpiry expiry;
    private final Identification identification;
    private volatile WatchlistDatabase database;
    private volatile WatchlistStore store;
    private volatile String problem;

    @Activate
    public WatchlistService(BundleContext context, Config config,
                            @Reference(service = LoggerFactory.class) Logger logger, @Reference SecretStore secrets) {
        this.logger = logger;
        this.secrets = secrets;
        this.file = config.database_path().isBlank()
                ? Path.of(context.getProperty("vigil.data"), "watchlists", "watchlists.db")
                : Path.of(config.database_path());
        this.changes = new WatchlistChanges(logger);
        this.lifecycle = new WatchlistLifecycle(openStore, loaded, changes);
        this.enrolments = new SubjectEnrolments(openStore, loaded, changes, analyzer);
        this.expiry = new WatchlistExpiry(openStore, loaded, changes, logger);
        this.identification = new Identification(openStore, loaded);
        open();
    }

    /**
     * Erases what has outlived its authority: watchlists past their last valid day (the whole list,
     * key destroyed) and subjects past their expiry. Runs at activation and every hour.
     */
    int enforceExpiry() {
        return expiry.enforce();
    }

    private void open() {
        try {
            database = WatchlistDatabase.open(file);
            store = new WatchlistStore(database, secrets, new SecureRandom(), Clock.systemUTC());
            WatchlistStore.Upgrade upgrade = store.upgradeRecords();
            if (!upgrade.equals(new WatchlistStore.Upgrade(0, 0, 0))) {
                logger.info("Watchlist records brought up to date: {} lists re-sealed under per-subject keys (old list keys"
                        + " destroyed), {} photo digests now keyed, {} stale list keys destroyed", upgrade.listsResealed(),
                        upgrade.photoHashesKeyed(), upgrade.staleKeysDestroyed());
            }
            int templates = 0;
            for (Watchlist w : store.list()) {
                templates += loaded.load(store, w);
            }
            problem = null;
            logger.info("Watchlists open: {} templates in memory", templates);
            int filled = store.fillIndividualKeys();
            if (filled > 0) {
                logger.info("Individual keys (compliance de-duplication) filled for {} subjects enrolled before them", filled);
            }
            expiry.start();
        } catch (WatchlistException e) {
            problem = e.getMessage();
            logger.error("Watchlists unavailable: {}", e.getMessage());
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setAnalyzer(FaceAnalyzer analyzer) {
        this.analyzer.set(analyzer);
    }

    void unsetAnalyzer(FaceAnalyzer analyzer) {
        this.analyzer.unset(analyzer);
    }

    private WatchlistStore store() throws WatchlistException {
        WatchlistStore s = store;
        if (s == null) {
            throw new WatchlistException(problem);
        }
        return s;
    }

    /** The calibrated threshold of the current embedding model, or the shipped model's 0.44 while none runs. */
    float defaultThreshold() {
        return analyzer.current().map(a -> a.embeddingModel().calibratedThreshold()).orElse(0.44f);
    }

    Watchlist create(NewWatchlist w) throws WatchlistException {
        return create(w, ADMINISTRATOR);
    }

    /** @param actor who is recorded in the audit trail: "administrator" at the admin channel, a console user's name */
    Watchlist create(NewWatchlist w, String actor) throws WatchlistException {
        return lifecycle.create(w, actor);
    }

    SubjectEnrolments.Enrolled enrol(String watchlist, String subject, String reference, String notes,
                                     Optional<Instant> expires, List<Path> photos) throws WatchlistException {
        return enrol(watchlist, subject, reference, notes, expires, photos, ADMINISTRATOR);
    }

    /** @param actor who is recorded in the audit trail: the admin channel's caller, a console user's name */
    SubjectEnrolments.Enrolled enrol(String watchlist, String subject, String reference, String notes,
                                     Optional<Instant> expires, List<Path> photos, String actor) throws WatchlistException {
        return enrolments.enrol(watchlist, subject, reference, notes, expires, photos, actor);
    }

    /** Enrols from one uploaded photo (the web console); the same checks as a photo file. */
    Subject enrol(String watchlist, String subject, byte[] photo, String photoName, String actor) throws WatchlistException {
        return enrolments.enrol(watchlist, subject, photo, photoName, actor);
    }

    BulkImport.Report importFrom(String watchlist, Path source) throws WatchlistException {
        return importFrom(watchlist, source, ADMINISTRATOR);
    }

    BulkImport.Report importFrom(String watchlist, Path source, String actor) throws WatchlistException {
        return enrolments.importFrom(watchlist, source, actor);
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
        return store().subjects(openStore.watchlist(watchlist), currentModelVersion());
    }

    private String currentModelVersion() {
        return analyzer.current().map(a -> a.embeddingModel().version()).orElse(null);
    }

    boolean removeSubject(String watchlist, String subject) throws WatchlistException {
        return removeSubject(watchlist, subject, ADMINISTRATOR);
    }

    boolean removeSubject(String watchlist, String subject, String actor) throws WatchlistException {
        return enrolments.removeSubject(watchlist, subject, actor);
    }

    void delete(String watchlist) throws WatchlistException {
        delete(watchlist, ADMINISTRATOR);
    }

    void delete(String watchlist, String actor) throws WatchlistException {
        lifecycle.delete(watchlist, actor);
    }

    Watchlist rotateKey(String watchlist) throws WatchlistException {
        return rotateKey(watchlist, ADMINISTRATOR);
    }

    Watchlist rotateKey(String watchlist, String actor) throws WatchlistException {
        return lifecycle.rotateKey(watchlist, actor);
    }

    /** See {@link Identification#recognise}. */
    Optional<Recognition> recognise(FaceObservation face, Deployment deployment) {
        return identification.recognise(face, deployment);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setAudit(AuditTrail trail) {
        changes.setAudit(trail);
    }

    void unsetAudit(AuditTrail trail) {
        changes.unsetAudit(trail);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setEvents(EventAdmin events) {
        changes.setEvents(events);
    }

    void unsetEvents(EventAdmin events) {
        changes.unsetEvents(events);
    }

    /** The facial data held, for the compliance ledger: counts and individual keys, nothing decrypted. */
    InventorySnapshot inventory() throws WatchlistException {
        return new InventorySnapshot(Instant.now(), store().holdings(),
                IndividualKeys.SCHEME, "SQLite database " + file + " (names, references, notes, templates and photos"
                + " sealed with AES-256-GCM under one data key per watchlist, keys in the secret store)");
    }

    /**
     * Each face of a photo against every watchlist valid today: the best subject and its score,
     * and whether it reaches that list's threshold. Nothing of the photo is stored.
     */
    List<Identification.Identified> identify(byte[] photo, String name) throws WatchlistException {
        return identification.identify(analysePhoto(photo, name));
    }

    /** The faces of a photo, analysed in memory; an unreadable photo is a {@link WatchlistException} naming it. */
    List<AnalysedFace> analysePhoto(byte[] photo, String name) throws WatchlistException {
        try {
            return analyzer.await().analysePhoto(photo, name);
        } catch (UnreadableImageException e) {
            throw new WatchlistException(e.getMessage(), e);
        } catch (FaceAnalysisException e) {
            throw new WatchlistException(name + ": " + e.getMessage(), e);
        }
    }

    /** The model that makes templates here, with its default threshold, waiting a little for it as analysis does. */
    EmbeddingModel awaitEmbeddingModel() throws WatchlistException {
        return analyzer.await().embeddingModel();
    }

    /**
     * Records that an evaluation ran over a force's labelled photos: biometric processing outside
     * any watchlist, so it is in the trail with its figures, never with names or photos.
     */
    void evaluated(String actor, Map<String, String> details) throws WatchlistException {
        changes.audited(AuditActions.EVALUATION_RUN, actor, details);
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
        return analyzer.current().map(FaceAnalyzer::embeddingModel);
    }

    @Override
    public ModuleStatus status() {
        if (problem != null) {
            return new ModuleStatus("watchlist", ModuleStatus.Health.FAILED, problem);
        }
        int versions = loaded.modelVersions();
        return new ModuleStatus("watchlist", ModuleStatus.Health.OK,
                loaded.templates() + " templates in memory (" + versions + " model version" + (versions == 1 ? "" : "s")
                        + "); database " + file);
    }

    @Deactivate
    void deactivate() {
        expiry.stop();
        WatchlistDatabase db = database;
        if (db != null) {
            db.close();
        }
        loaded.clear();
    }
}
