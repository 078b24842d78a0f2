package io.vigil.watchlist.internal;

import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import io.vigil.api.watchlist.WatchlistCategory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Watchlists, subjects, templates and enrolment photos in the database, every personal field sealed
 * under its subject's own key, which the database keeps only wrapped under the watchlist's data key
 * (kept in the secret store, never in the database; see {@link SubjectKeys}). Deleting a watchlist
 * deletes its rows with {@code secure_delete} on, empties the write-ahead log and then destroys the
 * key; removing a subject also moves the list to a new key and destroys the old one: either way,
 * what a copy of the files taken earlier holds of them can no longer be read.
 */
final class WatchlistStore {

    private final WatchlistDatabase db;
    private final SecretStore secrets;
    private final SecureRandom random;
    private final Clock clock;
    private IndividualKeys individualKeys;
    private PhotoHashes photoHashes;

    WatchlistStore(WatchlistDatabase db, SecretStore secrets, SecureRandom random, Clock clock) {
        this.db = db;
        this.secrets = secrets;
        this.random = random;
        this.clock = clock;
    }

    Watchlist create(NewWatchlist w) throws WatchlistException {
        if (find(w.name()).isPresent()) {
            throw new WatchlistException("a watchlist named '" + w.name() + "' exists already");
        }
        byte[] key = new byte[32];
        random.nextBytes(key);
        String[] createdAlias = new String[1];
        try {
            return db.transaction(c -> {
                long id;
                try (PreparedStatement s = c.prepareStatement("INSERT INTO watchlist (name, category, legal_basis,"
                        + " authorising_officer, valid_from, valid_to, priority, threshold, key_version, created)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?)", Statement.RETURN_GENERATED_KEYS)) {
                    s.setString(1, w.name());
                    s.setString(2, w.category().name());
                    s.setString(3, w.legalBasis());
                    s.setString(4, w.authorisingOfficer());
                    s.setString(5, w.validFrom().map(LocalDate::toString).orElse(null));
                    s.setString(6, w.validTo().map(LocalDate::toString).orElse(null));
                    s.setInt(7, w.priority());
                    s.setFloat(8, w.threshold());
                    s.setString(9, clock.instant().toString());
                    s.executeUpdate();
                    try (ResultSet keys = s.getGeneratedKeys()) {
                        id = keys.getLong(1);
                    }
                }
                // the key is stored before the row commits: a row is never without its key
                createdAlias[0] = Watchlist.keyAlias(id, 1);
                putKey(createdAlias[0], key);
                return find(c, w.name()).orElseThrow();
            });
        } catch (WatchlistException e) {
            if (createdAlias[0] != null) {
                removeKey(createdAlias[0]);
            }
            throw e;
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
    }

    Optional<Watchlist> find(String name) throws WatchlistException {
        return db.read(c -> find(c, name));
    }

    private static Optional<Watchlist> find(Connection c, String name) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM watchlist WHERE name = ?")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(watchlist(r)) : Optional.empty();
            }
        }
    }

    List<Watchlist> list() throws WatchlistException {
        return db.read(c -> {
            List<Watchlist> all = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT * FROM watchlist ORDER BY name")) {
                while (r.next()) {
                    all.add(watchlist(r));
                }
            }
            return all;
        });
    }

    private static Watchlist watchlist(ResultSet r) throws SQLException {
        return new Watchlist(r.getLong("id"), r.getString("name"), WatchlistCategory.valueOf(r.getString("category")),
                r.getString("legal_basis"), r.getString("authorising_officer"),
                Optional.ofNullable(r.getString("valid_from")).map(LocalDate::parse),
                Optional.ofNullable(r.getString("valid_to")).map(LocalDate::parse),
                r.getInt("priority"), r.getFloat("threshold"), r.getInt("key_version"),
                Instant.parse(r.getString("created")));
    }

    /**
     * Adds photos and templates to the subject of that display name on the list, creating the
     * subject if there is none: one transaction, so a failure leaves no half-enrolled person.
     */
    Subject enrol(Watchlist w, SubjectEnrolment e) throws WatchlistException {
        return enrolAll(w, List.of(e)).get(0);
    }

    /** Several subjects in one transaction (a bulk import): all of them or none. */
    List<Subject> enrolAll(Watchlist w, List<SubjectEnrolment> enrolments) throws WatchlistException {
        IndividualKeys individuals = individualKeys();
        PhotoHashes hashes = photoHashes();
        return db.transaction(c -> {
            try (SubjectKeys keys = keys(c, w)) {
                // display name -> {subject id, pseudonym, cipher}, decrypted once for the whole batch
                Map<String, SubjectRef> byName = new HashMap<>();
                try (PreparedStatement s = c.prepareStatement("SELECT id, pseudonym, sealed_name, wrapped_key FROM subject"
                        + " WHERE watchlist_id = ?")) {
                    s.setLong(1, w.id());
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            String pseudonym = r.getString(2);
                            RecordCipher cipher = keys.open(pseudonym, r.getBytes(4));
                            byName.put(string(cipher.decrypt(r.getBytes(3), aad(w, pseudonym, "name"))),
                                    new SubjectRef(r.getLong(1), pseudonym, cipher));
                        }
                    }
                }
                List<String> pseudonyms = new ArrayList<>();
                for (SubjectEnrolment e : enrolments) {
                    pseudonyms.add(enrolOne(c, keys, individuals, hashes, e, byName));
                }
                Map<String, Subject> after = new HashMap<>();
                for (Subject s : subjects(c, keys, null)) {
                    after.put(s.pseudonym(), s);
                }
                List<Subject> result = new ArrayList<>();
                for (String p : pseudonyms) {
                    result.add(after.get(p));
                }
                return result;
            }
        });
    }

    private String enrolOne(Connection c, SubjectKeys keys, IndividualKeys individuals, PhotoHashes hashes,
                            SubjectEnrolment e, Map<String, SubjectRef> byName)
            throws SQLException {
        Watchlist w = keys.list();
        SubjectRef same = byName.get(e.displayName());
        long subjectId;
        String pseudonym;
        RecordCipher cipher;
        if (same != null) {
            subjectId = same.id();
            pseudonym = same.pseudonym();
            cipher = same.cipher();
        } else {
            pseudonym = newPseudonym();
            SubjectKeys.Fresh key = keys.create(pseudonym);
            cipher = key.cipher();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO subject (watchlist_id, pseudonym, sealed_name,"
                    + " sealed_reference, sealed_notes, added_by, created, expiry, individual_key, wrapped_key)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                s.setLong(1, w.id());
                s.setString(2, pseudonym);
                s.setBytes(3, seal(cipher, w, pseudonym, "name", text(e.displayName())));
                s.setBytes(4, seal(cipher, w, pseudonym, "reference", text(e.reference())));
                s.setBytes(5, seal(cipher, w, pseudonym, "notes", text(e.notes())));
                s.setString(6, e.addedBy());
                s.setString(7, clock.instant().toString());
                s.setString(8, e.expiry().map(Instant::toString).orElse(null));
                s.setString(9, individuals.of(e.reference()));
                s.setBytes(10, key.wrapped());
                s.executeUpdate();
                try (ResultSet generated = s.getGeneratedKeys()) {
                    subjectId = generated.getLong(1);
                }
            }
            byName.put(e.displayName(), new SubjectRef(subjectId, pseudonym, cipher));
        }
        for (EnrolmentPhoto p : e.photos()) {
            String photoHash = hashes.of(p.sha256());
            try (PreparedStatement s = c.prepareStatement("INSERT INTO template (subject_id, model_id, model_version,"
                    + " quality, source_hash, sealed_vector, created) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                s.setLong(1, subjectId);
                s.setString(2, p.embedding().modelId());
                s.setString(3, p.embedding().modelVersion());
                s.setFloat(4, p.quality());
                s.setString(5, photoHash);
                s.setBytes(6, seal(cipher, w, pseudonym, "template", vectorBytes(p.embedding().vector())));
                s.setString(7, clock.instant().toString());
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO photo (subject_id, photo_hash, sealed_image, created)"
                    + " VALUES (?, ?, ?, ?)")) {
                s.setLong(1, subjectId);
                s.setString(2, photoHash);
                s.setBytes(3, seal(cipher, w, pseudonym, "photo", p.imageBytes()));
                s.setString(4, clock.instant().toString());
                s.executeUpdate();
            }
        }
        return pseudonym;
    }

    private record SubjectRef(long id, String pseudonym, RecordCipher cipher) {
    }

    private synchronized IndividualKeys individualKeys() throws WatchlistException {
        if (individualKeys == null) {
            individualKeys = IndividualKeys.from(secrets, random);
        }
        return individualKeys;
    }

    private synchronized PhotoHashes photoHashes() throws WatchlistException {
        if (photoHashes == null) {
            photoHashes = PhotoHashes.from(secrets, random);
        }
        return photoHashes;
    }

    /**
     * Fills the individual key of subjects enrolled before the database had one, decrypting only
     * their references (once); returns how many were filled.
     */
    int fillIndividualKeys() throws WatchlistException {
        int filled = 0;
        for (Watchlist w : list()) {
            boolean missing = db.read(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM subject WHERE watchlist_id = ?"
                        + " AND individual_key IS NULL LIMIT 1")) {
                    s.setLong(1, w.id());
                    try (ResultSet r = s.executeQuery()) {
                        return r.next();
                    }
                }
            });
            if (!missing) {
                continue;
            }
            IndividualKeys individuals = individualKeys();
            filled += db.transaction(c -> {
                Map<Long, String> computed = new HashMap<>();
                try (SubjectKeys keys = keys(c, w);
                     PreparedStatement s = c.prepareStatement("SELECT id, pseudonym, sealed_reference, wrapped_key"
                             + " FROM subject WHERE watchlist_id = ? AND individual_key IS NULL")) {
                    s.setLong(1, w.id());
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) {
                            String pseudonym = r.getString(2);
                            byte[] plain = keys.open(pseudonym, r.getBytes(4)).decrypt(r.getBytes(3),
                                    aad(w, pseudonym, "reference"));
                            computed.put(r.getLong(1), individuals.of(string(plain)));
                            java.util.Arrays.fill(plain, (byte) 0);
                        }
                    }
                }
                try (PreparedStatement u = c.prepareStatement("UPDATE subject SET individual_key = ? WHERE id = ?")) {
                    for (Map.Entry<Long, String> e : computed.entrySet()) {
                        u.setString(1, e.getValue());
                        u.setLong(2, e.getKey());
                        u.executeUpdate();
                    }
                }
                return computed.size();
            });
        }
        return filled;
    }

    /** What {@link #upgradeRecords()} did to records an earlier Vigil wrote. */
    record Upgrade(int listsResealed, int photoHashesKeyed, int staleKeysDestroyed) {
    }

    /**
     * Brings records written before schema 3 to it, once, at open: subjects still sealed under
     * their list's key are re-sealed under keys of their own and the list moved to a new key (the
     * old one destroyed, so copies of the database from before hold nothing readable), bare photo
     * digests become keyed hashes, and list keys an interrupted removal or rotation left behind in
     * the secret store are destroyed. Nothing is decrypted that does not need to be.
     */
    Upgrade upgradeRecords() throws WatchlistException {
        int lists = 0;
        for (Watchlist w : list()) {
            boolean sealedUnderListKey = db.read(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM subject WHERE watchlist_id = ?"
                        + " AND wrapped_key IS NULL LIMIT 1")) {
                    s.setLong(1, w.id());
                    try (ResultSet r = s.executeQuery()) {
                        return r.next();
                    }
                }
            });
            if (sealedUnderListKey) {
                rekeyAfter(w, true, (c, keys) -> true);
                lists++;
            }
        }
        return new Upgrade(lists, keyPhotoHashes(), destroyStaleKeys());
    }

    private int keyPhotoHashes() throws WatchlistException {
        boolean bare = db.read(c -> {
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT EXISTS (SELECT 1 FROM template"
                    + " WHERE source_hash NOT LIKE 'hmac-sha256:%') OR EXISTS (SELECT 1 FROM photo"
                    + " WHERE photo_hash NOT LIKE 'hmac-sha256:%')")) {
                return r.getInt(1) == 1;
            }
        });
        if (!bare) {
            return 0;
        }
        PhotoHashes hashes = photoHashes();
        int keyed = db.transaction(c -> keyHashes(c, hashes, "template", "source_hash")
                + keyHashes(c, hashes, "photo", "photo_hash"));
        db.checkpointAndTruncateLog();
        return keyed;
    }

    private static int keyHashes(Connection c, PhotoHashes hashes, String table, String column) throws SQLException {
        Map<Long, String> keyed = new HashMap<>();
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT id, " + column + " FROM " + table
                + " WHERE " + column + " NOT LIKE 'hmac-sha256:%'")) {
            while (r.next()) {
                keyed.put(r.getLong(1), hashes.of(r.getString(2)));
            }
        }
        try (PreparedStatement u = c.prepareStatement("UPDATE " + table + " SET " + column + " = ? WHERE id = ?")) {
            for (Map.Entry<Long, String> e : keyed.entrySet()) {
                u.setString(1, e.getValue());
                u.setLong(2, e.getKey());
                u.executeUpdate();
            }
        }
        return keyed.size();
    }

    private static final java.util.regex.Pattern LIST_KEY = java.util.regex.Pattern.compile("watchlist\\.(\\d+)\\.key\\.v(\\d+)");

    /** Keys of a list older than its current one: left by a removal or rotation cut short before destroying them. */
    private int destroyStaleKeys() throws WatchlistException {
        Map<Long, Integer> current = new HashMap<>();
        for (Watchlist w : list()) {
            current.put(w.id(), w.keyVersion());
        }
        java.util.Set<String> aliases;
        try {
            aliases = secrets.aliases();
        } catch (SecretStoreException e) {
            throw new WatchlistException("the secret store cannot list its keys: " + e.getMessage(), e);
        }
        int destroyed = 0;
        for (String alias : aliases) {
            java.util.regex.Matcher m = LIST_KEY.matcher(alias);
            if (m.matches()) {
                Integer version = current.get(Long.parseLong(m.group(1)));
                if (version != null && Integer.parseInt(m.group(2)) < version) {
                    removeKey(alias);
                    destroyed++;
                }
            }
        }
        return destroyed;
    }

    /**
     * Every watchlist with its subjects' individual keys and template and photo counts, read from
     * columns that are not encrypted: nothing is decrypted.
     */
    List<io.vigil.api.inventory.WatchlistHoldings> holdings() throws WatchlistException {
        List<Watchlist> lists = list();
        return db.read(c -> {
            Map<Long, List<io.vigil.api.inventory.HeldSubject>> byList = new HashMap<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT s.watchlist_id, s.pseudonym,"
                    + " s.individual_key, (SELECT count(*) FROM template t WHERE t.subject_id = s.id),"
                    + " (SELECT count(*) FROM photo p WHERE p.subject_id = s.id) FROM subject s ORDER BY s.id")) {
                while (r.next()) {
                    String pseudonym = r.getString(2);
                    String key = r.getString(3);
                    // no reference (or not filled yet): the subject is its own individual
                    String individual = key == null || key.isEmpty() ? "pseudonym:" + pseudonym : "reference:" + key;
                    byList.computeIfAbsent(r.getLong(1), k -> new ArrayList<>())
                            .add(new io.vigil.api.inventory.HeldSubject(pseudonym, individual, r.getInt(4), r.getInt(5)));
                }
            }
            List<io.vigil.api.inventory.WatchlistHoldings> out = new ArrayList<>();
            for (Watchlist w : lists) {
                out.add(new io.vigil.api.inventory.WatchlistHoldings(w.name(), w.category().name(), w.legalBasis(),
                        w.authorisingOfficer(), byList.getOrDefault(w.id(), List.of())));
            }
            return out;
        });
    }

    List<Subject> subjects(Watchlist w, String currentModelVersion) throws WatchlistException {
        return db.read(c -> {
            try (SubjectKeys keys = keys(c, w)) {
                return subjects(c, keys, currentModelVersion);
            }
        });
    }

    private List<Subject> subjects(Connection c, SubjectKeys keys, String currentModelVersion)
            throws SQLException, WatchlistException {
        Watchlist w = keys.list();
        List<Subject> all = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT s.*, (SELECT count(*) FROM template t WHERE t.subject_id = s.id)"
                + " AS templates, (SELECT count(*) FROM template t WHERE t.subject_id = s.id AND t.model_version = ?)"
                + " AS current FROM subject s WHERE s.watchlist_id = ? ORDER BY s.id")) {
            s.setString(1, currentModelVersion == null ? "" : currentModelVersion);
            s.setLong(2, w.id());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String pseudonym = r.getString("pseudonym");
                    RecordCipher cipher = keys.open(pseudonym, r.getBytes("wrapped_key"));
                    all.add(new Subject(r.getLong("id"), w.id(), pseudonym,
                            string(cipher.decrypt(r.getBytes("sealed_name"), aad(w, pseudonym, "name"))),
                            string(cipher.decrypt(r.getBytes("sealed_reference"), aad(w, pseudonym, "reference"))),
                            string(cipher.decrypt(r.getBytes("sealed_notes"), aad(w, pseudonym, "notes"))),
                            r.getString("added_by"), Instant.parse(r.getString("created")),
                            Optional.ofNullable(r.getString("expiry")).map(Instant::parse), r.getInt("templates"),
                            currentModelVersion != null && r.getInt("current") == 0));
                }
            }
        }
        return all;
    }

    /**
     * Removes the subjects of the list whose expiry has passed (their rows, templates and photos)
     * and moves the list to a new key, in one transaction, then empties the log and destroys the
     * old key; returns how many went.
     */
    int removeExpiredSubjects(Watchlist w, Instant now) throws WatchlistException {
        int[] removed = {0};
        rekeyAfter(w, false, (c, keys) -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM subject WHERE watchlist_id = ? AND expiry IS NOT NULL"
                    + " AND expiry < ?")) {
                s.setLong(1, w.id());
                s.setString(2, now.toString());
                removed[0] = s.executeUpdate();
            }
            return removed[0] > 0;
        });
        return removed[0];
    }

    /** Every template of the list, decrypted, for the in-memory index. */
    List<StoredTemplate> templates(Watchlist w) throws WatchlistException {
        return db.read(c -> {
            List<StoredTemplate> all = new ArrayList<>();
            try (SubjectKeys keys = keys(c, w);
                 PreparedStatement s = c.prepareStatement("SELECT t.*, s.pseudonym, s.wrapped_key FROM template t"
                         + " JOIN subject s ON s.id = t.subject_id WHERE s.watchlist_id = ? ORDER BY t.id")) {
                s.setLong(1, w.id());
                Map<Long, RecordCipher> bySubject = new HashMap<>();
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String pseudonym = r.getString("pseudonym");
                        RecordCipher cipher = bySubject.get(r.getLong("subject_id"));
                        if (cipher == null) {
                            cipher = keys.open(pseudonym, r.getBytes("wrapped_key"));
                            bySubject.put(r.getLong("subject_id"), cipher);
                        }
                        byte[] plain = cipher.decrypt(r.getBytes("sealed_vector"), aad(w, pseudonym, "template"));
                        all.add(new StoredTemplate(r.getLong("id"), r.getLong("subject_id"), w.id(),
                                r.getString("model_id"), r.getString("model_version"), r.getFloat("quality"),
                                vector(plain)));
                        java.util.Arrays.fill(plain, (byte) 0);
                    }
                }
            }
            return all;
        });
    }

    /** The subject's first enrolment photo, decrypted. */
    Optional<byte[]> firstPhoto(Watchlist w, String pseudonym) throws WatchlistException {
        return db.read(c -> {
            try (SubjectKeys keys = keys(c, w);
                 PreparedStatement s = c.prepareStatement("SELECT p.sealed_image, s.wrapped_key FROM photo p JOIN subject s"
                         + " ON s.id = p.subject_id WHERE s.watchlist_id = ? AND s.pseudonym = ? ORDER BY p.id LIMIT 1")) {
                s.setLong(1, w.id());
                s.setString(2, pseudonym);
                try (ResultSet r = s.executeQuery()) {
                    return r.next() ? Optional.of(keys.open(pseudonym, r.getBytes(2)).decrypt(r.getBytes(1),
                            aad(w, pseudonym, "photo"))) : Optional.<byte[]>empty();
                }
            }
        });
    }

    /** The pseudonyms of the list's subjects by subject id (what leaves Vigil about a match). */
    Map<Long, String> pseudonyms(Watchlist w) throws WatchlistException {
        return db.read(c -> {
            Map<Long, String> all = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement("SELECT id, pseudonym FROM subject WHERE watchlist_id = ?")) {
                s.setLong(1, w.id());
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        all.put(r.getLong(1), r.getString(2));
                    }
                }
            }
            return all;
        });
    }

    /**
     * Removes a subject (by display name or pseudonym) with their templates and photos; true when
     * found. Cryptographic erasure: in the same transaction the list moves to a new key (the other
     * subjects' keys re-wrapped under it), and after the commit the old list key is destroyed, the
     * only key that opened the removed subject's key in a copy of the database taken before.
     */
    boolean removeSubject(Watchlist w, String nameOrPseudonym) throws WatchlistException {
        return rekeyAfter(w, false, (c, keys) -> {
            Optional<Subject> subject = subjects(c, keys, null).stream()
                    .filter(s -> s.displayName().equals(nameOrPseudonym) || s.pseudonym().equals(nameOrPseudonym))
                    .findFirst();
            if (subject.isEmpty()) {
                return false;
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM subject WHERE id = ?")) {
                s.setLong(1, subject.get().id());
                s.executeUpdate();
            }
            return true;
        }).isPresent();
    }

    /**
     * Deletes the watchlist beyond recovery: rows deleted (pages zeroed by secure_delete), the
     * write-ahead log emptied into the zeroed file, then the data key destroyed.
     */
    void delete(Watchlist w) throws WatchlistException {
        String alias = db.transaction(c -> {
            String current;
            try (SubjectKeys keys = keys(c, w)) {
                current = keys.list().keyAlias();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM watchlist WHERE id = ?")) {
                s.setLong(1, w.id());
                s.executeUpdate();
            }
            return current;
        });
        db.checkpointAndTruncateLog();
        removeKey(alias);
        // and any older key of the list a removal cut short left behind
        try {
            for (String other : secrets.aliases()) {
                java.util.regex.Matcher m = LIST_KEY.matcher(other);
                if (m.matches() && Long.parseLong(m.group(1)) == w.id()) {
                    removeKey(other);
                }
            }
        } catch (SecretStoreException e) {
            throw new WatchlistException("the list is deleted and its key destroyed, but the secret store cannot list its"
                    + " keys to check for older ones: " + e.getMessage(), e);
        }
    }

    /**
     * Re-seals every record of the list under new subject keys, wrapped under a new list key, in
     * one transaction, then destroys the old list key. Until the commit the old keys still read
     * everything; after it, the new ones do.
     */
    Watchlist rotateKey(Watchlist w) throws WatchlistException {
        return rekeyAfter(w, true, (c, keys) -> true).orElseThrow();
    }

    /** A change made under the list's current keys; true when it changed something. */
    private interface Change {
        boolean apply(Connection c, SubjectKeys keys) throws SQLException, WatchlistException;
    }

    /**
     * Applies {@code change} and, when it changed something, moves the list to a new list key in
     * the same transaction: the subjects' keys re-wrapped under it, or with {@code freshSubjectKeys}
     * (and for subjects still sealed under the list key) every record re-sealed under a new key of
     * its subject. The new list key is in the secret store before the rows commit (a row is never
     * without its key); after the commit the log is emptied and the old list key destroyed (also
     * when the log cannot be emptied yet: the key is what erases). Empty when nothing changed.
     */
    private Optional<Watchlist> rekeyAfter(Watchlist w, boolean freshSubjectKeys, Change change) throws WatchlistException {
        byte[] listKey = new byte[32];
        random.nextBytes(listKey);
        String[] aliases = new String[2]; // the new key once stored, the old one
        Optional<Watchlist> moved;
        try {
            moved = db.transaction(c -> {
                try (SubjectKeys old = keys(c, w)) {
                    if (!change.apply(c, old)) {
                        return Optional.<Watchlist>empty();
                    }
                    Watchlist next = old.list().withKeyVersion(old.list().keyVersion() + 1);
                    aliases[1] = old.list().keyAlias();
                    putKey(next.keyAlias(), listKey);
                    aliases[0] = next.keyAlias();
                    try (SubjectKeys fresh = new SubjectKeys(next, new RecordCipher(listKey, random), random)) {
                        moveSubjects(c, old, fresh, freshSubjectKeys);
                    }
                    try (PreparedStatement s = c.prepareStatement("UPDATE watchlist SET key_version = ? WHERE id = ?")) {
                        s.setInt(1, next.keyVersion());
                        s.setLong(2, w.id());
                        s.executeUpdate();
                    }
                    return find(c, w.name());
                }
            });
        } catch (WatchlistException e) {
            if (aliases[0] != null) {
                try {
                    removeKey(aliases[0]);
                } catch (WatchlistException alsoFailed) {
                    e.addSuppressed(alsoFailed);
                }
            }
            throw e;
        } finally {
            java.util.Arrays.fill(listKey, (byte) 0);
        }
        if (moved.isPresent()) {
            WatchlistException logKept = null;
            try {
                db.checkpointAndTruncateLog();
            } catch (WatchlistException e) {
                logKept = e;
            }
            removeKey(aliases[1]);
            if (logKept != null) {
                throw logKept;
            }
        }
        return moved;
    }

    private void moveSubjects(Connection c, SubjectKeys old, SubjectKeys fresh, boolean freshSubjectKeys)
            throws SQLException, WatchlistException {
        Watchlist w = old.list();
        record Row(long id, String pseudonym, byte[] wrapped) {
        }
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, pseudonym, wrapped_key FROM subject WHERE watchlist_id = ?")) {
            s.setLong(1, w.id());
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.add(new Row(r.getLong(1), r.getString(2), r.getBytes(3)));
                }
            }
        }
        try (PreparedStatement u = c.prepareStatement("UPDATE subject SET wrapped_key = ? WHERE id = ?")) {
            for (Row row : rows) {
                byte[] wrapped;
                if (freshSubjectKeys || row.wrapped() == null) {
                    RecordCipher from = old.open(row.pseudonym(), row.wrapped());
                    SubjectKeys.Fresh to = fresh.create(row.pseudonym());
                    reseal(c, "subject", "sealed_name", "name", "id", row.id(), w, row.pseudonym(), from, to.cipher());
                    reseal(c, "subject", "sealed_reference", "reference", "id", row.id(), w, row.pseudonym(), from, to.cipher());
                    reseal(c, "subject", "sealed_notes", "notes", "id", row.id(), w, row.pseudonym(), from, to.cipher());
                    reseal(c, "template", "sealed_vector", "template", "subject_id", row.id(), w, row.pseudonym(), from,
                            to.cipher());
                    reseal(c, "photo", "sealed_image", "photo", "subject_id", row.id(), w, row.pseudonym(), from, to.cipher());
                    wrapped = to.wrapped();
                } else {
                    wrapped = fresh.rewrap(row.pseudonym(), row.wrapped(), old);
                }
                u.setBytes(1, wrapped);
                u.setLong(2, row.id());
                u.executeUpdate();
            }
        }
    }

    private void reseal(Connection c, String table, String column, String field, String subjectColumn, long subjectId,
                        Watchlist w, String pseudonym, RecordCipher old, RecordCipher fresh)
            throws SQLException, WatchlistException {
        List<Resealed> updates = new ArrayList<>();
        byte[] aad = aad(w, pseudonym, field);
        try (PreparedStatement s = c.prepareStatement("SELECT id, " + column + " FROM " + table + " WHERE "
                + subjectColumn + " = ?")) {
            s.setLong(1, subjectId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    byte[] plain = old.decrypt(r.getBytes(2), aad);
                    updates.add(new Resealed(r.getLong(1), fresh.encrypt(plain, aad)));
                    java.util.Arrays.fill(plain, (byte) 0);
                }
            }
        }
        try (PreparedStatement u = c.prepareStatement("UPDATE " + table + " SET " + column + " = ? WHERE id = ?")) {
            for (Resealed up : updates) {
                u.setBytes(1, up.sealed());
                u.setLong(2, up.rowId());
                u.executeUpdate();
            }
        }
    }

    private record Resealed(long rowId, byte[] sealed) {
    }

    /** The list's keys as they are now: its key version is read under the database's lock, not taken from {@code w}. */
    private SubjectKeys keys(Connection c, Watchlist w) throws SQLException, WatchlistException {
        int version;
        try (PreparedStatement s = c.prepareStatement("SELECT key_version FROM watchlist WHERE id = ?")) {
            s.setLong(1, w.id());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new WatchlistException("watchlist '" + w.name() + "' no longer exists");
                }
                version = r.getInt(1);
            }
        }
        Watchlist current = w.withKeyVersion(version);
        return new SubjectKeys(current, cipher(current), random);
    }

    private RecordCipher cipher(Watchlist w) throws WatchlistException {
        Optional<SecretKey> key;
        try {
            key = secrets.key(w.keyAlias());
        } catch (SecretStoreException e) {
            throw new WatchlistException("the secret store cannot give watchlist '" + w.name() + "' its data key: "
                    + e.getMessage(), e);
        }
        if (key.isEmpty()) {
            throw new WatchlistException("the data key of watchlist '" + w.name() + "' (" + w.keyAlias() + ") is not in the"
                    + " secret store: its records cannot be read (was the secret store replaced?)");
        }
        byte[] encoded = key.get().getEncoded();
        try {
            return new RecordCipher(encoded, random);
        } finally {
            java.util.Arrays.fill(encoded, (byte) 0);
        }
    }

    private void putKey(String alias, byte[] key) throws WatchlistException {
        try {
            secrets.putKey(alias, new SecretKeySpec(key, "AES"));
        } catch (SecretStoreException e) {
            throw new WatchlistException("cannot store a watchlist data key in the secret store: " + e.getMessage(), e);
        }
    }

    private void removeKey(String alias) throws WatchlistException {
        try {
            secrets.remove(alias);
        } catch (SecretStoreException e) {
            throw new WatchlistException("the rows are deleted but the data key " + alias + " could not be destroyed: "
                    + e.getMessage() + "; remove it with: vigil secret remove " + alias, e);
        }
    }

    private static byte[] seal(RecordCipher cipher, Watchlist w, String pseudonym, String field, byte[] plain) {
        return cipher.encrypt(plain, aad(w, pseudonym, field));
    }

    static byte[] aad(Watchlist w, String pseudonym, String field) {
        return ("vigil/watchlist/" + w.id() + "/" + pseudonym + "/" + field).getBytes(StandardCharsets.UTF_8);
    }

    private String newPseudonym() {
        byte[] id = new byte[10];
        random.nextBytes(id);
        return "S-" + Base64.getUrlEncoder().withoutPadding().encodeToString(id).toUpperCase(Locale.ROOT)
                .replace('-', 'X').replace('_', 'Y');
    }

    private static byte[] text(String s) {
        return (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
    }

    private static String string(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static byte[] vectorBytes(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    static float[] vector(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[bytes.length / 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getFloat();
        }
        return v;
    }
}
