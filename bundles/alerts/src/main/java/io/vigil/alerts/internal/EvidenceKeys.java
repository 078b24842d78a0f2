package io.vigil.alerts.internal;

import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys alert evidence is sealed under: one per period (a UTC day or ISO week, configurable),
 * each in the secret store as {@code alerts.evidence.<period>}, never in the database. New
 * evidence goes under the current period's key; each evidence row names its period. Once a period
 * is over and no evidence sealed under it is left (retention deleted its alerts, or a better face
 * replaced it), its key is destroyed: a copy of the database taken before then holds that evidence
 * only under a key that exists nowhere. Evidence from before per-period keys (period NULL) stays
 * readable under the single key {@code alerts.key} until its last alert is deleted; then that key
 * goes too.
 */
final class EvidenceKeys {

    /** The single key of evidence sealed before per-period keys. */
    static final String LEGACY_ALIAS = "alerts.key";
    static final String ALIAS_PREFIX = "alerts.evidence.";

    /** A sealed value and the period of the key it is sealed under. */
    record Sealed(String period, byte[] value) {
    }

    private final SecretStore secrets;
    private final SecureRandom random;
    private final Supplier<EvidenceKeyPeriod> period;
    /** Open keys by period; "" is the legacy key. */
    private final Map<String, EvidenceCipher> open = new ConcurrentHashMap<>();

    private EvidenceKeys(SecretStore secrets, SecureRandom random, Supplier<EvidenceKeyPeriod> period) {
        this.secrets = secrets;
        this.random = random;
        this.period = period;
    }

    /**
     * The keys of an alert database whose evidence is sealed under {@code periodsInUse} (null for
     * the legacy key). A key that stored evidence needs and the secret store lacks is refused: a
     * new key would only hide the loss.
     */
    static EvidenceKeys open(SecretStore secrets, SecureRandom random, Supplier<EvidenceKeyPeriod> period,
                             Set<String> periodsInUse) throws AlertStoreException {
        EvidenceKeys keys = new EvidenceKeys(secrets, random, period);
        for (String p : periodsInUse) {
            // another node's key may not have arrived yet: its evidence opens once it does
            if (!isPeer(p)) {
                keys.cipher(p);
            }
        }
        return keys;
    }

    static String alias(String period) {
        return period == null ? LEGACY_ALIAS : ALIAS_PREFIX + period;
    }

    /**
     * Makes the keys of the current and the next period ahead of their first evidence (at open and
     * with every retention run), so storing an alert never waits for the secret store to write its
     * file: that happens on the alert's path only if the store ran a whole period without retention.
     */
    void prepare(Instant now) throws AlertStoreException {
        EvidenceKeyPeriod kind = period.get();
        currentOrNew(kind.of(now));
        currentOrNew(kind.next(now));
    }

    /** Seals under the key of the period {@code now} falls in, making that key on first use. */
    Sealed seal(byte[] plain, byte[] associated, Instant now) throws AlertStoreException {
        String p = period.get().of(now);
        EvidenceCipher cipher = open.get(p);
        if (cipher == null) {
            cipher = currentOrNew(p);
        }
        return new Sealed(p, cipher.encrypt(plain, associated));
    }

    private synchronized EvidenceCipher currentOrNew(String p) throws AlertStoreException {
        EvidenceCipher cipher = open.get(p);
        if (cipher != null) {
            return cipher;
        }
        try {
            Optional<SecretKey> existing = secrets.key(alias(p));
            byte[] key;
            if (existing.isPresent()) {
                key = existing.get().getEncoded();
            } else {
                key = new byte[32];
                random.nextBytes(key);
                secrets.putKey(alias(p), new SecretKeySpec(key, "AES"));
            }
            try {
                cipher = new EvidenceCipher(key, random);
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        } catch (SecretStoreException e) {
            throw new AlertStoreException("the secret store cannot give the evidence key " + alias(p) + ": "
                    + e.getMessage(), e);
        }
        open.put(p, cipher);
        return cipher;
    }

    /** Opens a value sealed under the key of {@code period} (null: the legacy key). */
    byte[] decrypt(String period, byte[] sealed, byte[] associated) throws AlertStoreException {
        return cipher(period).decrypt(sealed, associated);
    }

    private EvidenceCipher cipher(String period) throws AlertStoreException {
        String slot = period == null ? "" : period;
        EvidenceCipher cipher = open.get(slot);
        if (cipher != null) {
            return cipher;
        }
        Optional<SecretKey> key;
        try {
            key = secrets.key(alias(period));
        } catch (SecretStoreException e) {
            throw new AlertStoreException("the secret store cannot give the evidence key " + alias(period) + ": "
                    + e.getMessage(), e);
        }
        if (key.isEmpty() && isPeer(period)) {
            String[] pn = period.split(":", 2);
            throw new AlertStoreException("node " + pn[1] + "'s evidence key of " + pn[0] + " has not reached this node:"
                    + " it comes from the cluster once " + EvidenceKeyShare.KEK_ALIAS + " is set alike on both nodes"
                    + " (vigil status); the evidence can be opened on node " + pn[1] + " meanwhile", null);
        }
        if (key.isEmpty()) {
            throw new AlertStoreException("the evidence key '" + alias(period) + "' is missing from the secret store but"
                    + " the alert database holds evidence sealed under it: restore the secret store from its backup"
                    + " (a new key would not read the stored crops)", null);
        }
        byte[] encoded = key.get().getEncoded();
        try {
            cipher = new EvidenceCipher(encoded, random);
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
        EvidenceCipher raced = open.putIfAbsent(slot, cipher);
        return raced == null ? cipher : raced;
    }

    /**
     * Destroys the keys no evidence needs any more: those of periods over before {@code now} that
     * no row of {@code periodsInUse} names, and the legacy key once no row is sealed under it
     * (null absent from the set). Runs under the database's lock, so no evidence is being sealed
     * meanwhile; the current period's key stays even when unused. Returns the aliases destroyed.
     */
    synchronized List<String> destroyUnused(Set<String> periodsInUse, Instant now) throws AlertStoreException {
        List<String> destroyed = new ArrayList<>();
        try {
            for (String alias : secrets.aliases()) {
                String p;
                if (alias.equals(LEGACY_ALIAS)) {
                    p = null;
                } else if (alias.startsWith(ALIAS_PREFIX)) {
                    p = alias.substring(ALIAS_PREFIX.length());
                    // the period is compared with the current one of its own kind (the setting may
                    // have changed since): a period not over yet keeps its key; another node's key
                    // (period:node) likewise, and its node's tombstone removes it sooner
                    String own = isPeer(p) ? p.substring(0, p.indexOf(':')) : p;
                    Optional<EvidenceKeyPeriod> kind = EvidenceKeyPeriod.kindOf(own);
                    if (kind.isEmpty() || own.compareTo(kind.get().of(now)) >= 0) {
                        continue;
                    }
                } else {
                    continue;
                }
                if (periodsInUse.contains(p)) {
                    continue;
                }
                secrets.remove(alias);
                EvidenceCipher gone = open.remove(p == null ? "" : p);
                if (gone != null) {
                    gone.destroy();
                }
                destroyed.add(alias);
            }
        } catch (SecretStoreException e) {
            throw new AlertStoreException("the secret store could not destroy an evidence key no alert needs any more: "
                    + e.getMessage() + " (retention tries again within the hour)", e);
        }
        return destroyed;
    }

    /** A key period of another node's evidence ({@code period:node}). */
    static boolean isPeer(String period) {
        return period != null && period.indexOf(':') > 0;
    }

    /** This node's key of {@code period} as bytes, to be wrapped for the cluster; empty once destroyed. */
    Optional<byte[]> ownKey(String period) throws AlertStoreException {
        try {
            return secrets.key(alias(period)).map(SecretKey::getEncoded);
        } catch (SecretStoreException e) {
            throw new AlertStoreException("the secret store cannot give the evidence key " + alias(period) + ": "
                    + e.getMessage(), e);
        }
    }

    /** Keeps another node's key ({@code period:node}) as it arrived from the cluster. */
    synchronized void putPeer(String peerPeriod, byte[] key) throws AlertStoreException {
        try {
            secrets.putKey(alias(peerPeriod), new SecretKeySpec(key, "AES"));
        } catch (SecretStoreException e) {
            throw new AlertStoreException("the secret store cannot keep " + alias(peerPeriod) + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        EvidenceCipher stale = open.remove(peerPeriod);
        if (stale != null) {
            stale.destroy();
        }
    }

    /** Destroys this node's copy of another node's key: that node destroyed the key. */
    synchronized boolean removePeer(String peerPeriod) throws AlertStoreException {
        EvidenceCipher gone = open.remove(peerPeriod);
        if (gone != null) {
            gone.destroy();
        }
        try {
            return secrets.remove(alias(peerPeriod));
        } catch (SecretStoreException e) {
            throw new AlertStoreException("the secret store could not destroy " + alias(peerPeriod) + ": " + e.getMessage(), e);
        }
    }

    void destroy() {
        open.values().forEach(EvidenceCipher::destroy);
        open.clear();
    }
}
