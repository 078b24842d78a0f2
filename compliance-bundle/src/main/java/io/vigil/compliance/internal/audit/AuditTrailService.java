package io.vigil.compliance.internal.audit;

import io.vigil.api.audit.AuditException;
import io.vigil.api.audit.AuditTrail;
import io.vigil.api.secret.SecretStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The product's audit trail: entries appended to the hash chain, sealed by signed checkpoints
 * every so many entries, every so many minutes and when the component stops; old entries pruned
 * after the retention period, at start-up (catching up after downtime) and daily, behind a signed
 * checkpoint that anchors what is kept.
 */
@Component(immediate = true, configurationPid = AuditTrailService.PID, service = {AuditTrail.class, AuditTrailService.class})
@Designate(ocd = AuditTrailService.Config.class)
public class AuditTrailService implements AuditTrail {

    public static final String PID = "io.vigil.compliance.audit";

    @ObjectClassDefinition(name = "Vigil audit trail",
            description = "The hash-chained audit trail and its signed checkpoints")
    public @interface Config {
        @AttributeDefinition(name = "Database", description = "The SQLite file; empty: compliance/audit.db in the data folder")
        String database_path() default "";

        @AttributeDefinition(name = "Checkpoint file", description = "Where each signed checkpoint is appended as a line, for"
                + " the administrator to ship off the machine; empty: compliance/checkpoints.log in the data folder")
        String checkpoints_file() default "";

        @AttributeDefinition(name = "Remote checkpoint copy", description = "A second file every checkpoint is appended to,"
                + " on another mount (NFS, another disk, a host that collects them): someone who can edit the data folder cannot"
                + " reach it, so cutting or rewriting the trail shows against it (vigil audit verify --checkpoints FILE);"
                + " empty: none")
        String checkpoints_remote_file() default "";

        @AttributeDefinition(name = "Checkpoint every N entries", min = "1")
        int checkpoint_entries() default 100;

        @AttributeDefinition(name = "Checkpoint at least every M minutes", description = "when there are new entries", min = "1")
        int checkpoint_minutes() default 10;

        @AttributeDefinition(name = "Retention (days)", description = "Entries older than this are pruned; default 3 years"
                + " (China's Measures: processing records kept at least 3 years)", min = "1")
        int retention_days() default 1096;

        @AttributeDefinition(name = "Signing key alias", description = "The secret-store alias of the Ed25519 seed")
        String signing_key_alias() default "audit.signing.ed25519";
    }

    /** The settings in force, parsed once. */
    public record Options(Path database, Path checkpointsFile, Optional<Path> remoteCheckpointsFile, int checkpointEntries,
                          Duration checkpointInterval, Duration retention, String signingKeyAlias) {

        static Options from(Config c, Path dataFolder) {
            Path folder = dataFolder.resolve("compliance");
            return new Options(c.database_path().isBlank() ? folder.resolve("audit.db") : Path.of(c.database_path()),
                    c.checkpoints_file().isBlank() ? folder.resolve("checkpoints.log") : Path.of(c.checkpoints_file()),
                    c.checkpoints_remote_file().isBlank() ? Optional.empty() : Optional.of(Path.of(c.checkpoints_remote_file())),
                    Math.max(1, c.checkpoint_entries()), Duration.ofMinutes(Math.max(1, c.checkpoint_minutes())),
                    Duration.ofDays(Math.max(1, c.retention_days())), c.signing_key_alias());
        }

        /** Defaults under {@code folder}, for tests and tools. */
        public static Options in(Path folder) {
            return new Options(folder.resolve("audit.db"), folder.resolve("checkpoints.log"), Optional.empty(), 100,
                    Duration.ofMinutes(10), Duration.ofDays(1096), "audit.signing.ed25519");
        }

        public Options withCheckpointEntries(int n) {
            return new Options(database, checkpointsFile, remoteCheckpointsFile, n, checkpointInterval, retention, signingKeyAlias);
        }

        public Options withRetention(Duration d) {
            return new Options(database, checkpointsFile, remoteCheckpointsFile, checkpointEntries, checkpointInterval, d,
                    signingKeyAlias);
        }

        public Options withRemoteCheckpoints(Path file) {
            return new Options(database, checkpointsFile, Optional.of(file), checkpointEntries, checkpointInterval, retention,
                    signingKeyAlias);
        }

        /** The append-only head file beside the database. */
        public Path headFile() {
            return AuditHead.beside(database).file();
        }
    }

    /**
     * What is routine rather than a decision: these are sealed by the periodic checkpoints; every
     * other entry (a review, an export, a deletion, a configuration or key change...) is sealed at
     * once, so it cannot be cut off unseen after a crash.
     */
    static final java.util.Set<String> ROUTINE = java.util.Set.of(io.vigil.api.audit.AuditActions.MATCH,
            io.vigil.api.audit.AuditActions.ALERT_VIEWED, io.vigil.api.audit.AuditActions.LOGIN);

    /** Whether an entry of this action is a decision, sealed by a checkpoint as soon as it is written. */
    static boolean isDecision(String action) {
        if (ROUTINE.contains(action) || action.startsWith(io.vigil.api.audit.AuditActions.LOGIN + ".")) {
            return false;
        }
        return action.startsWith("alert.") || action.startsWith("deployment.") || action.startsWith("watchlist.")
                || action.startsWith("configuration.") || action.startsWith("compliance.") || action.startsWith("secret.")
                || action.startsWith("console.user") || action.startsWith("console.filing")
                || action.startsWith("audit.") && !action.equals(AuditVerifier.STARTED);
    }

    private final Options options;
    private final Clock clock;
    private final Logger logger;
    private final CheckpointFile checkpointFile;
    private final Optional<CheckpointFile> remoteFile;
    private final AuditHead head;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "vigil-audit-checkpoints");
        t.setDaemon(true);
        return t;
    });
    private AuditLog log;
    private CheckpointSigner signer;
    private long sealedThrough;
    private volatile String problem;

    @Activate
    public AuditTrailService(BundleContext context, Config config, @Reference(service = LoggerFactory.class) Logger logger,
                             @Reference SecretStore secrets) {
        this(Options.from(config, Path.of(context.getProperty("vigil.data"))), secrets, Clock.systemUTC(), logger);
        long minutes = options.checkpointInterval().toMinutes();
        schedule.scheduleWithFixedDelay(this::checkpointQuietly, minutes, minutes, TimeUnit.MINUTES);
        schedule.scheduleWithFixedDelay(this::pruneQuietly, 1, 24, TimeUnit.HOURS);
    }

    /** Opens the trail and catches up on pruning; nothing is scheduled (the OSGi constructor does that). */
    public AuditTrailService(Options options, SecretStore secrets, Clock clock, Logger logger) {
        this.options = options;
        this.clock = clock;
        this.logger = logger;
        this.checkpointFile = new CheckpointFile(options.checkpointsFile());
        this.remoteFile = options.remoteCheckpointsFile().map(CheckpointFile::new);
        this.head = AuditHead.beside(options.database());
        try {
            log = AuditLog.open(options.database());
            signer = CheckpointSigner.fromSecretStore(secrets, options.signingKeyAlias(), new SecureRandom());
            sealedThrough = log.lastCheckpoint().map(Checkpoint::sequence)
                    .orElse(log.anchor().map(AuditLog.Anchor::sequence).orElse(0L));
            logger.info("Audit trail open: {} entries up to {}, signing key {}", log.count(), log.tip().sequence(),
                    signer.keyId());
            start();
        } catch (AuditException e) {
            problem = e.getMessage();
            logger.error("Audit trail unavailable: {}", e.getMessage());
            return;
        }
        pruneQuietly();
    }

    /**
     * Binds this run to the previous one: a start entry naming the entry the head file says the
     * previous run wrote last, sealed at once by a checkpoint. A database cut short after a crash
     * then shows as a start that does not follow that entry. Then the signing key is checked
     * against the published one: a different key is never written over it but recorded.
     */
    private synchronized void start() throws AuditException {
        AuditLog.Tip tip = log.tip();
        Optional<AuditHead.Head> written = head.last();
        if (tip.sequence() > 0 || written.isPresent()) {
            AuditHead.Head previous;
            String source;
            if (written.isEmpty()) {
                // a trail older than the head file: the database is all there is to bind to
                previous = new AuditHead.Head(tip.sequence(), tip.hash());
                source = "database";
            } else if (written.get().sequence() == tip.sequence() - 1 && log.entry(tip.sequence())
                    .map(e -> e.previousHash().equals(written.get().hash())).orElse(false)) {
                // the crash came between the entry's commit and its head line: the entry chains to what was written
                previous = new AuditHead.Head(tip.sequence(), tip.hash());
                source = "head file and database";
            } else {
                previous = written.get();
                source = "head file";
                if (previous.sequence() != tip.sequence() || !previous.hash().equals(tip.hash())) {
                    problem = "the trail ends at entry " + tip.sequence() + " but the previous run wrote up to entry "
                            + previous.sequence() + " (" + head.file() + "): run vigil audit verify";
                    logger.error("Audit trail: {}", problem);
                }
            }
            Map<String, String> details = new LinkedHashMap<>();
            details.put("previous.sequence", Long.toString(previous.sequence()));
            details.put("previous.hash", previous.hash());
            details.put("previous.source", source);
            details.put("key", signer.keyId());
            record(AuditVerifier.STARTED, "system", details);
            checkpoint();
        }
        Optional<CheckpointKeys> published = checkpointFile.publishedKeys();
        if (published.isEmpty()) {
            checkpointFile.appendPublicKey(signer.publicKey(), signer.keyId(), java.util.OptionalLong.empty());
        } else if (!published.get().holds(signer.keyId())) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("previous.keys", published.get().describe());
            details.put("key", signer.keyId());
            details.put("public.key", java.util.Base64.getEncoder().encodeToString(signer.publicKey()));
            long sequence = record(AuditVerifier.KEY_CHANGED, "system", details);
            checkpointFile.appendPublicKey(signer.publicKey(), signer.keyId(), java.util.OptionalLong.of(sequence));
            logger.warn("Audit trail: the signing key {} is not the published one ({}); the change is recorded as entry {}"
                    + " and the new key appended to {}", signer.keyId(), published.get().describe(), sequence,
                    checkpointFile.publicKeyFile());
        }
    }

    private AuditLog log() throws AuditException {
        AuditLog l = log;
        if (l == null || signer == null) {
            throw new AuditException("the audit trail is unavailable: " + problem);
        }
        return l;
    }

    @Override
    public synchronized long record(String action, String actor, Map<String, String> details) throws AuditException {
        if (action == null || action.isBlank() || actor == null || actor.isBlank()) {
            throw new AuditException("an audit entry needs an action and an actor");
        }
        String json;
        try {
            json = CanonicalDetails.json(details);
        } catch (IllegalArgumentException e) {
            throw new AuditException(e.getMessage(), e);
        }
        AuditEntry entry = log().append(AuditTime.format(clock.instant()), actor, action, json);
        try {
            head.append(entry.sequence(), entry.hash());
        } catch (AuditException e) {
            // the entry is durable; the next start will show the gap in the head file
            problem = e.getMessage();
            logger.error("Audit trail: {}", e.getMessage());
        }
        if (isDecision(action) || entry.sequence() - sealedThrough >= options.checkpointEntries()) {
            // the entry is durable already; a checkpoint that fails is reported, not the entry
            checkpointQuietly();
        }
        return entry.sequence();
    }

    /**
     * Seals the newest entry with a signed checkpoint, in the database and the shipped file, when
     * there is anything new. The entries since the previous checkpoint are re-checked first: a
     * checkpoint must never vouch for a chain that was altered on this machine.
     */
    public synchronized Optional<Checkpoint> checkpoint() throws AuditException {
        AuditLog l = log();
        AuditLog.Tip tip = l.tip();
        if (tip.sequence() <= sealedThrough) {
            return Optional.empty();
        }
        String start = sealedThrough == 0 ? ChainHash.GENESIS
                : l.lastCheckpoint().filter(c -> c.sequence() == sealedThrough).map(Checkpoint::entryHash)
                        .orElse(l.anchor().map(AuditLog.Anchor::hash).orElse(ChainHash.GENESIS));
        String broken = brokenSince(l, sealedThrough, start);
        if (broken != null) {
            problem = "the trail was altered since checkpoint " + sealedThrough + " (" + broken
                    + "); no new checkpoint is signed: run vigil audit verify";
            throw new AuditException(problem);
        }
        Checkpoint c = signer.sign(tip.sequence(), tip.hash(), AuditTime.format(clock.instant()));
        l.addCheckpoint(c);
        sealedThrough = c.sequence();
        checkpointFile.append(c);
        if (remoteFile.isPresent()) {
            try {
                remoteFile.get().append(c);
            } catch (AuditException e) {
                // the checkpoint stands; the missing remote line is what the administrator must see
                problem = "the remote checkpoint copy failed: " + e.getMessage();
                logger.error("Audit trail: {}", problem);
            }
        }
        return Optional.of(c);
    }

    /** Why the entries after {@code sequence} (whose hash is {@code hash}) do not form a chain; null when they do. */
    private static String brokenSince(AuditLog l, long sequence, String hash) throws AuditException {
        long[] expected = {sequence + 1};
        String[] previous = {hash};
        String[] broken = {null};
        l.forEach(sequence, e -> {
            if (broken[0] != null) {
                return;
            }
            if (e.sequence() != expected[0]) {
                broken[0] = "entry " + expected[0] + " missing";
            } else if (!e.previousHash().equals(previous[0])) {
                broken[0] = "entry " + e.sequence() + " does not chain to its predecessor";
            } else if (!e.recomputedHash().equals(e.hash())) {
                broken[0] = "entry " + e.sequence() + " does not match its hash";
            }
            expected[0]++;
            previous[0] = e.hash();
        });
        return broken[0];
    }

    private void checkpointQuietly() {
        try {
            checkpoint();
        } catch (AuditException | RuntimeException e) {
            logger.error("Audit checkpoint not made: {}", e.getMessage());
        }
    }

    /**
     * Removes entries older than the retention period, up to the newest checkpoint that is old
     * enough; that checkpoint stays as the signed anchor of what is kept, and the pruning is itself
     * recorded (before the deletion, so a crash cannot leave an unrecorded gap) and sealed.
     *
     * @return how many entries were removed
     */
    public synchronized int prune() throws AuditException {
        AuditLog l = log();
        Instant now = clock.instant();
        Instant cutoff = now.minus(options.retention());
        Optional<Checkpoint> newest = l.newestCheckpointBefore(AuditTime.format(cutoff));
        long anchored = l.anchor().map(AuditLog.Anchor::sequence).orElse(0L);
        if (newest.isEmpty() || newest.get().sequence() <= anchored) {
            return 0;
        }
        Checkpoint anchor = newest.get();
        String anchorStart = l.anchor().map(AuditLog.Anchor::hash).orElse(ChainHash.GENESIS);
        String broken = brokenSince(l, anchored, anchorStart);
        if (broken != null || !signer.verifies(anchor)) {
            // deleting would destroy the evidence: keep everything and say so
            throw new AuditException("old entries were not pruned: the trail does not verify ("
                    + (broken != null ? broken : "checkpoint " + anchor.sequence() + " signature") + "); run vigil audit verify");
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("through", Long.toString(anchor.sequence()));
        details.put("older.than", AuditTime.format(cutoff));
        details.put("retention.days", Long.toString(options.retention().toDays()));
        details.put("entries", Long.toString(anchor.sequence() - anchored));
        record(AuditVerifier.PRUNED, "system", details);
        int removed = l.pruneThrough(anchor, AuditTime.format(now));
        checkpoint();
        logger.info("Audit trail: {} entries older than {} pruned; checkpoint {} anchors the rest", removed, cutoff,
                anchor.sequence());
        return removed;
    }

    private void pruneQuietly() {
        try {
            prune();
        } catch (AuditException | RuntimeException e) {
            logger.error("Audit retention: {}", e.getMessage());
        }
    }

    /** Verifies the trail against the shipped checkpoint file, the configured one when none is named. */
    public VerificationReport verify(Optional<Path> shippedFile) throws AuditException {
        return verify(shippedFile, Optional.empty());
    }

    /**
     * Verifies the trail against the shipped checkpoint file (the configured one when none is
     * named) with the public keys in {@code publicKeyFile}, a copy the verifier holds; without it,
     * with the keys published beside the checkpoint file (or, when that file is gone, the signing key).
     */
    public VerificationReport verify(Optional<Path> shippedFile, Optional<Path> publicKeyFile) throws AuditException {
        AuditLog l = log();
        CheckpointFile file = shippedFile.map(CheckpointFile::new).orElse(checkpointFile);
        CheckpointKeys keys = publicKeyFile.isPresent() ? CheckpointKeys.read(publicKeyFile.get())
                : checkpointFile.publishedKeys().orElse(CheckpointKeys.of(signer.publicKey(), "the signing key"));
        return new AuditVerifier(l, keys, Optional.of(head)).verify(Optional.of(file), shippedFile.isPresent());
    }

    public List<AuditEntry> last(int count, Optional<String> action) throws AuditException {
        return log().last(count, action);
    }

    public Options options() {
        return options;
    }

    /** At most {@code max} entries after {@code sequence}, oldest first: what goes to the cluster's audit log next. */
    public List<AuditEntry> entriesAfter(long sequence, int max) throws AuditException {
        return log().page(sequence, max);
    }

    /** The checkpoints sealing entries {@code after + 1 .. through}, oldest first. */
    public List<Checkpoint> checkpointsAfter(long after, long through) throws AuditException {
        return log().checkpoints(after, through);
    }

    /** The entry the kept trail starts after (0 unless pruned). */
    public long anchorSequence() throws AuditException {
        return log().anchor().map(AuditLog.Anchor::sequence).orElse(0L);
    }

    /** The public key checkpoints are signed with now. */
    public synchronized byte[] publicKey() throws AuditException {
        log();
        return signer.publicKey();
    }

    public Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** One line for vigil status. */
    public String summary() {
        AuditLog l = log;
        if (l == null) {
            return "audit trail unavailable: " + problem;
        }
        return "audit: " + l.tip().sequence() + " entries, sealed through " + sealedThrough
                + (problem != null ? "; " + problem : "");
    }

    public String keyId() {
        return signer == null ? "none" : signer.keyId();
    }

    @Deactivate
    void deactivate() {
        schedule.shutdownNow();
        try {
            if (!schedule.awaitTermination(5, TimeUnit.SECONDS)) {
                logger.warn("Audit scheduler did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        close();
    }

    /** Seals what is new and closes the file; what the component does when it stops. */
    public synchronized void close() {
        if (log != null) {
            checkpointQuietly();
            log.close();
            log = null;
        }
    }
}
