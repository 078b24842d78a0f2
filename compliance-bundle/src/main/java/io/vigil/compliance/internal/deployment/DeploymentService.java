package io.vigil.compliance.internal.deployment;

import io.vigil.api.audit.AuditActions;
import io.vigil.api.audit.AuditException;
import io.vigil.api.audit.AuditTrail;
import io.vigil.api.deployment.Deployment;
import io.vigil.api.deployment.DeploymentRegistry;
import io.vigil.api.deployment.DeploymentState;
import io.vigil.api.deployment.DeploymentTopics;
import io.vigil.compliance.internal.store.StorageException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The deployments: created, started, stopped and re-authorised through {@code vigil deployment},
 * every change recorded in the audit trail inside the same transaction (no record, no change),
 * then announced on Event Admin when it runs. A deployment past its planned end is stopped by the
 * system, at start-up (catching up after downtime) and on a schedule.
 */
@Component(immediate = true, configurationPid = DeploymentService.PID,
        service = {DeploymentRegistry.class, DeploymentService.class})
@Designate(ocd = DeploymentService.Config.class)
public class DeploymentService implements DeploymentRegistry {

    public static final String PID = "io.vigil.compliance.deployment";

    /** The actor of changes the system makes by itself. */
    static final String SYSTEM = "system";

    @ObjectClassDefinition(name = "Vigil deployments", description = "Deployments: the unit of lawful use")
    public @interface Config {
        @AttributeDefinition(name = "Database", description = "The SQLite file; empty: compliance/deployments.db in the data folder")
        String database_path() default "";

        @AttributeDefinition(name = "Default length (hours)", description = "When create names neither --end nor --hours", min = "1")
        int default_hours() default 8;

        @AttributeDefinition(name = "Default threshold", description = "When create names no --threshold: the calibrated"
                + " similarity of the shipped embedding model")
        float default_threshold() default 0.44f;

        @AttributeDefinition(name = "Expiry check (seconds)", description = "How often deployments past their end are stopped",
                min = "1")
        int expiry_check_seconds() default 30;
    }

    /** The settings in force, parsed once. */
    public record Options(Path database, Duration defaultLength, float defaultThreshold, Duration expiryCheck) {
        static Options from(Config c, Path dataFolder) {
            return new Options(c.database_path().isBlank() ? dataFolder.resolve("compliance").resolve("deployments.db")
                    : Path.of(c.database_path()), Duration.ofHours(Math.max(1, c.default_hours())), c.default_threshold(),
                    Duration.ofSeconds(Math.max(1, c.expiry_check_seconds())));
        }

        public static Options in(Path folder) {
            return new Options(folder.resolve("deployments.db"), Duration.ofHours(8), 0.44f, Duration.ofSeconds(30));
        }
    }

    private final Options options;
    private final AuditTrail audit;
    private final Clock clock;
    private final Logger logger;
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vigil-deployment-expiry");
        t.setDaemon(true);
        return t;
    });
    private volatile EventAdmin events;
    private volatile DeploymentSnapshot snapshot = DeploymentSnapshot.EMPTY;
    private volatile String problem;
    private DeploymentStore store;

    @Activate
    public DeploymentService(BundleContext context, Config config, @Reference(service = LoggerFactory.class) Logger logger,
                             @Reference AuditTrail audit) {
        this(Options.from(config, Path.of(context.getProperty("vigil.data"))), audit, Clock.systemUTC(), logger);
        long seconds = options.expiryCheck().toSeconds();
        schedule.scheduleWithFixedDelay(this::expireQuietly, seconds, seconds, TimeUnit.SECONDS);
    }

    /** Opens the deployments and stops those whose end passed while Vigil was down; nothing is scheduled. */
    public DeploymentService(Options options, AuditTrail audit, Clock clock, Logger logger) {
        this.options = options;
        this.audit = audit;
        this.clock = clock;
        this.logger = logger;
        try {
            store = new DeploymentStore(options.database());
            snapshot = new DeploymentSnapshot(store.all());
        } catch (StorageException e) {
            problem = e.getMessage();
            logger.error("Deployments unavailable: {}", e.getMessage());
            return;
        }
        expireQuietly();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setEventAdmin(EventAdmin eventAdmin) {
        this.events = eventAdmin;
    }

    void unsetEventAdmin(EventAdmin eventAdmin) {
        if (this.events == eventAdmin) {
            this.events = null;
        }
    }

    @Override
    public List<Deployment> activeFor(String cameraId, Instant at) {
        return snapshot.activeFor(cameraId, at);
    }

    @Override
    public Optional<Deployment> deployment(String id) {
        return Optional.ofNullable(snapshot.byId(id));
    }

    @Override
    public List<Deployment> all() {
        return snapshot.all();
    }

    public Optional<Deployment> named(String nameOrId) {
        return Optional.ofNullable(snapshot.named(nameOrId));
    }

    public Options options() {
        return options;
    }

    /** Now, by the clock the deployments run on (so "start now" means the same to the command and the service). */
    public Instant now() {
        return clock.instant();
    }

    public synchronized Deployment create(NewDeployment n, String actor) throws DeploymentException {
        require(n.name(), "a name");
        if (n.name().length() > 100 || n.name().startsWith("-")) {
            throw new DeploymentException("a deployment name is 1 to 100 characters and does not start with '-'");
        }
        if (snapshot.named(n.name()) != null) {
            throw new DeploymentException("a deployment named '" + n.name() + "' exists already (names are never reused,"
                    + " so the audit trail stays unambiguous)");
        }
        List<String> cameras = items(n.cameraIds(), "--cameras");
        List<String> watchlists = items(n.watchlists(), "--watchlists");
        if (!(n.threshold() > 0 && n.threshold() <= 1)) {
            throw new DeploymentException("--threshold is a cosine similarity above 0 and at most 1");
        }
        require(n.location(), "--location");
        require(n.purpose(), "--purpose");
        require(n.legalBasis(), "--legal-basis");
        require(n.authorisation(), "--authorisation (the authorising officer or authority and its reference)");
        if (!n.plannedEnd().isAfter(n.plannedStart())) {
            throw new DeploymentException("the end (" + n.plannedEnd() + ") is not after the start (" + n.plannedStart() + ")");
        }
        Instant now = clock.instant();
        if (!n.plannedEnd().isAfter(now)) {
            throw new DeploymentException("the end (" + n.plannedEnd() + ") is in the past");
        }
        Deployment d = new Deployment("dep-" + HexFormat.of().formatHex(bytes(5)),
                n.name(), cameras, watchlists, n.threshold(), n.location(), n.purpose(), n.legalBasis(), n.authorisation(),
                n.plannedStart(), n.plannedEnd(), DeploymentState.PLANNED, Optional.empty(), Optional.empty());
        commit(AuditActions.DEPLOYMENT_CREATED, actor, d, Map.of(), w -> w.insert(d, now));
        return d;
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    public synchronized Deployment start(String nameOrId, String actor) throws DeploymentException {
        Deployment d = existing(nameOrId);
        if (d.state() != DeploymentState.PLANNED) {
            throw new DeploymentException("deployment " + d.name() + " is " + state(d) + "; only a planned one can start"
                    + (d.state() == DeploymentState.STOPPED ? " (a stopped deployment stays stopped: create a new one)" : ""));
        }
        Instant now = clock.instant();
        if (!now.isBefore(d.plannedEnd())) {
            throw new DeploymentException("deployment " + d.name() + " ended at " + d.plannedEnd() + "; it cannot start");
        }
        Deployment started = with(d, DeploymentState.ACTIVE, Optional.of(now), Optional.empty(), d.threshold(), d.authorisation());
        commit(AuditActions.DEPLOYMENT_STARTED, actor, started, Map.of(), w -> w.update(started));
        return started;
    }

    public synchronized Deployment stop(String nameOrId, String actor, String reason) throws DeploymentException {
        Deployment d = existing(nameOrId);
        if (d.state() == DeploymentState.STOPPED) {
            throw new DeploymentException("deployment " + d.name() + " is stopped already (" + d.stoppedAt().orElse(null) + ")");
        }
        Deployment stopped = with(d, DeploymentState.STOPPED, d.startedAt(), Optional.of(clock.instant()), d.threshold(),
                d.authorisation());
        commit(AuditActions.DEPLOYMENT_STOPPED, actor, stopped, Map.of("reason", reason == null || reason.isBlank() ? "stopped by " + actor : reason), w -> w.update(stopped));
        return stopped;
    }

    /** A new threshold needs a new authorisation; the old and new values of both are audited. */
    public synchronized Deployment setThreshold(String nameOrId, float threshold, String authorisation, String actor)
            throws DeploymentException {
        Deployment d = existing(nameOrId);
        if (d.state() == DeploymentState.STOPPED) {
            throw new DeploymentException("deployment " + d.name() + " is stopped; its threshold is part of its record");
        }
        if (!(threshold > 0 && threshold <= 1)) {
            throw new DeploymentException("the threshold is a cosine similarity above 0 and at most 1");
        }
        if (authorisation == null || authorisation.isBlank()) {
            throw new DeploymentException("changing the threshold needs a new authorisation: --authorisation REF");
        }
        if (authorisation.strip().equals(d.authorisation())) {
            throw new DeploymentException("--authorisation " + authorisation.strip() + " is the deployment's current one;"
                    + " changing the threshold needs a new authorisation reference");
        }
        Deployment changed = with(d, d.state(), d.startedAt(), d.stoppedAt(), threshold, authorisation.strip());
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("threshold.old", Float.toString(d.threshold()));
        extra.put("threshold.new", Float.toString(threshold));
        extra.put("authorisation.old", d.authorisation());
        extra.put("authorisation.new", changed.authorisation());
        commit(AuditActions.DEPLOYMENT_THRESHOLD_CHANGED, actor, changed, extra, w -> w.update(changed));
        return changed;
    }

    /**
     * Stops every deployment whose planned end has passed (never started ones included). The stop
     * time recorded is the planned end, when matching stopped in fact; when it was noticed is in
     * the audit entry, so downtime shows.
     *
     * @return how many were stopped
     */
    public synchronized int expire() throws DeploymentException {
        Instant now = clock.instant();
        int stopped = 0;
        for (Deployment d : snapshot.all()) {
            if (d.state() != DeploymentState.STOPPED && !now.isBefore(d.plannedEnd())) {
                Deployment ended = with(d, DeploymentState.STOPPED, d.startedAt(), Optional.of(d.plannedEnd()), d.threshold(),
                        d.authorisation());
                Map<String, String> extra = new LinkedHashMap<>();
                extra.put("reason", "planned end passed");
                extra.put("noticed.at", now.toString());
                extra.put("state.before", state(d));
                commit(AuditActions.DEPLOYMENT_STOPPED, SYSTEM, ended, extra, w -> w.update(ended));
                logger.info("Deployment {} reached its planned end {} and was stopped", d.name(), d.plannedEnd());
                stopped++;
            }
        }
        return stopped;
    }

    private void expireQuietly() {
        try {
            expire();
        } catch (DeploymentException | RuntimeException e) {
            // matching already stopped at the planned end (Deployment.activeFor checks it); this is the record
            logger.error("Expired deployments could not be stopped yet: {}", e.getMessage());
        }
    }

    /** What a database write does inside the transaction. */
    private interface RowChange {
        void apply(DeploymentStore.Writer writer) throws java.sql.SQLException;
    }

    /**
     * Writes the change and its audit entry in one transaction: when the entry cannot be made
     * durable the change is rolled back, so nothing happens that the trail does not show. Then the
     * in-memory copy is rebuilt from the database and the change announced.
     */
    private void commit(String action, String actor, Deployment d, Map<String, String> extra, RowChange change)
            throws DeploymentException {
        DeploymentStore s = store();
        Map<String, String> details = details(d);
        details.putAll(extra);
        try {
            s.change(w -> {
                change.apply(w);
                try {
                    audit.record(action, actor, details);
                } catch (AuditException e) {
                    throw new StorageException("not done, because the audit trail could not record it: " + e.getMessage(), e);
                }
                return null;
            });
            snapshot = new DeploymentSnapshot(s.all());
        } catch (StorageException e) {
            throw new DeploymentException(e.getMessage(), e);
        }
        announce(action, d);
    }

    private void announce(String action, Deployment d) {
        EventAdmin e = events;
        if (e != null) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("deployment.id", d.id());
            properties.put("deployment.name", d.name());
            properties.put("deployment.state", d.state().name());
            properties.put("action", action);
            e.postEvent(new Event(DeploymentTopics.CHANGED, properties));
        }
    }

    /** The audit details of a deployment: the period of use, the watchlists and the authority. */
    static Map<String, String> details(Deployment d) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("deployment.id", d.id());
        m.put("deployment.name", d.name());
        m.put("state", d.state().name());
        m.put("cameras", String.join(",", d.cameraIds()));
        m.put("watchlists", String.join(",", d.watchlists()));
        m.put("threshold", Float.toString(d.threshold()));
        m.put("planned.start", d.plannedStart().toString());
        m.put("planned.end", d.plannedEnd().toString());
        d.startedAt().ifPresent(t -> m.put("started.at", t.toString()));
        d.stoppedAt().ifPresent(t -> m.put("stopped.at", t.toString()));
        m.put("location", d.location());
        m.put("purpose", d.purpose());
        m.put("legal.basis", d.legalBasis());
        m.put("authorisation", d.authorisation());
        return m;
    }

    private static Deployment with(Deployment d, DeploymentState state, Optional<Instant> startedAt,
                                   Optional<Instant> stoppedAt, float threshold, String authorisation) {
        return new Deployment(d.id(), d.name(), d.cameraIds(), d.watchlists(), threshold, d.location(), d.purpose(),
                d.legalBasis(), authorisation, d.plannedStart(), d.plannedEnd(), state, startedAt, stoppedAt);
    }

    static String state(Deployment d) {
        return d.state().name().toLowerCase(java.util.Locale.ROOT);
    }

    private Deployment existing(String nameOrId) throws DeploymentException {
        store();
        Deployment d = snapshot.named(nameOrId);
        if (d == null) {
            throw new DeploymentException("no deployment named '" + nameOrId + "'");
        }
        return d;
    }

    private DeploymentStore store() throws DeploymentException {
        DeploymentStore s = store;
        if (s == null) {
            throw new DeploymentException("deployments are unavailable: " + problem);
        }
        return s;
    }

    private static void require(String value, String what) throws DeploymentException {
        if (value == null || value.isBlank()) {
            throw new DeploymentException("a deployment needs " + what);
        }
    }

    private static List<String> items(List<String> values, String option) throws DeploymentException {
        List<String> out = values.stream().map(String::strip).filter(v -> !v.isEmpty()).distinct().toList();
        if (out.isEmpty()) {
            throw new DeploymentException("a deployment needs " + option + " (comma-separated)");
        }
        for (String v : out) {
            if (v.contains("\n") || v.contains(",")) {
                throw new DeploymentException(option + " items hold no line breaks or commas: " + v);
            }
        }
        return out;
    }

    /** One line for vigil status. */
    public String summary() {
        if (problem != null) {
            return "deployments unavailable: " + problem;
        }
        Instant now = clock.instant();
        long active = snapshot.all().stream().filter(d -> d.state() == DeploymentState.ACTIVE && now.isBefore(d.plannedEnd()))
                .count();
        return active + " active deployment" + (active == 1 ? "" : "s") + " of " + snapshot.all().size();
    }

    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    @Deactivate
    void deactivate() {
        schedule.shutdownNow();
        try {
            if (!schedule.awaitTermination(5, TimeUnit.SECONDS)) {
                logger.warn("Deployment expiry did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    public synchronized void close() {
        if (store != null) {
            store.close();
            store = null;
            problem = "closed";
        }
    }
}
