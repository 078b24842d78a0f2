package io.vigil.watchlist.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.face.FaceEmbedding;
import io.vigil.api.watchlist.WatchlistCategory;
import io.vigil.testing.MemorySecretStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * Erasure of one subject from copies of the database taken before (per-subject keys, list key
 * moved on removal), keyed photo hashes, and a database written by the schema-2 code upgraded at
 * open without losing anything. Real SQLite files; the secret store is a map (the BCFKS store is
 * tested in its own bundle).
 */
class WatchlistErasureTest {

    @TempDir
    Path dir;

    private final MemorySecretStore secrets = new MemorySecretStore();
    private final Random random = new Random(19);
    private WatchlistDatabase db;
    private WatchlistStore store;

    @BeforeEach
    void open() throws Exception {
        db = WatchlistDatabase.open(dir.resolve("watchlists.db"));
        store = new WatchlistStore(db, secrets, new SecureRandom(), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Watchlist list(String name) throws WatchlistException {
        return store.create(new NewWatchlist(name, WatchlistCategory.SUSPECT, "PACE s.32", "Insp. Wood",
                Optional.empty(), Optional.empty(), 1, 0.51f));
    }

    private float[] unitVector() {
        float[] v = new float[512];
        double sum = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
            sum += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(sum);
        }
        return v;
    }

    private static byte[] image(String marker) {
        return ("JPEG-BYTES-OF-" + marker + "-").repeat(40).getBytes(StandardCharsets.UTF_8);
    }

    private static EnrolmentPhoto photo(float[] vector, byte[] image) {
        return new EnrolmentPhoto(image, PhotoEnrolment.sha256(image), new FaceEmbedding("model", "1+abc", vector), 0.9f);
    }

    private SubjectEnrolment person(String name, float[] vector) {
        return new SubjectEnrolment(name, "REF-" + name, "notes on " + name, "test", Optional.empty(),
                List.of(photo(vector, image(name))));
    }

    /** What a copy of the database holds of one subject: the wrapped key and the sealed template. */
    private record Held(String pseudonym, byte[] wrappedKey, byte[] sealedTemplate) {
    }

    private static Held held(Path file, String pseudonym) throws Exception {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + file);
        source.setReadOnly(true);
        try (Connection c = source.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT s.wrapped_key, t.sealed_vector FROM subject s JOIN template t"
                     + " ON t.subject_id = s.id WHERE s.pseudonym = ?")) {
            s.setString(1, pseudonym);
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next(), pseudonym + " is in " + file);
                return new Held(pseudonym, r.getBytes(1), r.getBytes(2));
            }
        }
    }

    /** Decrypts a held template with a list key: unwrap the subject's key, then open the template. */
    private static float[] decrypt(Held h, Watchlist w, byte[] listKey) throws WatchlistException {
        RecordCipher list = new RecordCipher(listKey, new SecureRandom());
        byte[] subjectKey = list.decrypt(h.wrappedKey(), WatchlistStore.aad(w, h.pseudonym(), "subject-key"));
        RecordCipher subject = new RecordCipher(subjectKey, new SecureRandom());
        return WatchlistStore.vector(subject.decrypt(h.sealedTemplate(), WatchlistStore.aad(w, h.pseudonym(), "template")));
    }

    private Watchlist current(String name) throws WatchlistException {
        return store.find(name).orElseThrow();
    }

    @Test
    void aRemovedSubjectCannotBeDecryptedFromACopyOfTheDatabaseTakenBeforeTheRemoval() throws Exception {
        Watchlist w = list("wanted");
        float[] goneVector = unitVector();
        float[] keptVector = unitVector();
        Subject gone = store.enrol(w, person("Gone Person", goneVector));
        Subject kept = store.enrol(w, person("Kept Person", keptVector));
        db.checkpointAndTruncateLog();
        Path copy = Files.copy(dir.resolve("watchlists.db"), dir.resolve("backup.db"));
        byte[] keyBefore = secrets.keys.get(current("wanted").keyAlias()).clone();
        Held goneInCopy = held(copy, gone.pseudonym());
        Held keptInCopy = held(copy, kept.pseudonym());
        // before the removal the copy is fully readable with the list key of the time
        assertArrayEquals(goneVector, decrypt(goneInCopy, w, keyBefore));

        assertTrue(store.removeSubject(w, "Gone Person"));

        Watchlist after = current("wanted");
        assertEquals(w.keyVersion() + 1, after.keyVersion(), "the list moved to a new key");
        assertFalse(secrets.keys.containsKey(w.keyAlias()), "the list key that wrapped the removed subject's key is destroyed");
        // every key the secret store still holds fails on the removed subject's wrapped key
        for (byte[] key : secrets.keys.values()) {
            if (key.length == 32) {
                assertThrows(WatchlistException.class, () -> decrypt(goneInCopy, after, key));
            }
        }
        // while another subject's template in the same copy still opens: its own key, unwrapped
        // from the current database with the current list key, is unchanged
        Held keptNow = held(dir.resolve("watchlists.db"), kept.pseudonym());
        byte[] listKeyNow = secrets.keys.get(after.keyAlias());
        assertArrayEquals(keptVector, decrypt(new Held(kept.pseudonym(), keptNow.wrappedKey(), keptInCopy.sealedTemplate()),
                after, listKeyNow));
        assertArrayEquals(keptVector, store.templates(after).get(0).vector());
        assertEquals(List.of("Kept Person"), store.subjects(w, null).stream().map(Subject::displayName).toList(),
                "a Watchlist read before the removal still works (the key version is read from the database)");
    }

    @Test
    void expiryIsCryptographicErasureToo() throws Exception {
        Watchlist w = list("expiring");
        java.time.Instant now = java.time.Instant.now();
        store.enrol(w, new SubjectEnrolment("Gone", "", "", "test", Optional.of(now.minusSeconds(60)),
                List.of(photo(unitVector(), image("Gone")))));
        store.enrol(w, person("Staying", unitVector()));
        assertEquals(1, store.removeExpiredSubjects(w, now));
        assertFalse(secrets.keys.containsKey(w.keyAlias()));
        assertTrue(secrets.keys.containsKey(current("expiring").keyAlias()));
        assertEquals(0, store.removeExpiredSubjects(w, now), "nothing more to remove, and no new key");
        assertEquals(w.keyVersion() + 1, current("expiring").keyVersion());
    }

    private List<String> column(String sql) throws WatchlistException {
        return db.read(c -> {
            List<String> all = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
                while (r.next()) {
                    all.add(r.getString(1));
                }
            }
            return all;
        });
    }

    @Test
    void photoHashesAreKeyedAndStillEqualForTheSamePhoto() throws Exception {
        Watchlist w = list("hashes");
        byte[] same = image("same");
        store.enrol(w, new SubjectEnrolment("A", "", "", "test", Optional.empty(), List.of(photo(unitVector(), same))));
        store.enrol(w, new SubjectEnrolment("B", "", "", "test", Optional.empty(), List.of(photo(unitVector(), same))));
        store.enrol(w, new SubjectEnrolment("C", "", "", "test", Optional.empty(),
                List.of(photo(unitVector(), image("other")))));
        List<String> photoHashes = column("SELECT photo_hash FROM photo ORDER BY id");
        List<String> templateHashes = column("SELECT source_hash FROM template ORDER BY id");
        String plain = PhotoEnrolment.sha256(same);
        for (String h : photoHashes) {
            assertTrue(h.startsWith(PhotoHashes.PREFIX), h);
            assertFalse(h.contains(plain), "the plain SHA-256 is not stored");
        }
        assertEquals(photoHashes, templateHashes, "a template names the photo it came from by the same keyed hash");
        assertEquals(photoHashes.get(0), photoHashes.get(1), "the same photo gives the same keyed hash (duplicates show)");
        assertNotEquals(photoHashes.get(0), photoHashes.get(2));
        assertTrue(secrets.keys.containsKey(PhotoHashes.ALIAS), "the HMAC key is in the secret store");
        assertFalse(new String(Files.readAllBytes(dir.resolve("watchlists.db")), StandardCharsets.ISO_8859_1).contains(plain));

        store.removeSubject(w, "A");
        assertEquals(2, column("SELECT photo_hash FROM photo").size(), "the removed subject's hashes went with them");
    }

    /** A watchlist database as the schema-2 code wrote it: fields sealed under the list key, plain SHA-256s. */
    private record OldList(String pseudonym, float[] vector, byte[] image) {
    }

    private List<OldList> writeSchema2Database(Path file) throws Exception {
        byte[] listKey = new byte[32];
        new SecureRandom().nextBytes(listKey);
        secrets.keys.put(Watchlist.keyAlias(1, 1), listKey);
        RecordCipher cipher = new RecordCipher(listKey, new SecureRandom());
        Watchlist w = new Watchlist(1, "legacy", WatchlistCategory.SUSPECT, "PACE s.32", "Insp. Wood", Optional.empty(),
                Optional.empty(), 1, 0.51f, 1, java.time.Instant.now());
        List<OldList> people = new ArrayList<>();
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + file);
        try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
            // as WatchlistDatabase has always opened it: freed and split pages zeroed
            s.execute("PRAGMA secure_delete = ON");
            for (int step = 0; step < 2; step++) {
                for (String sql : Migrations.STEPS.get(step)) {
                    s.execute(sql);
                }
            }
            s.execute("PRAGMA user_version = 2");
            s.execute("INSERT INTO watchlist (id, name, category, legal_basis, authorising_officer, priority, threshold,"
                    + " key_version, created) VALUES (1, 'legacy', 'SUSPECT', 'PACE s.32', 'Insp. Wood', 1, 0.51, 1, '"
                    + java.time.Instant.now() + "')");
            for (int i = 0; i < 3; i++) {
                String pseudonym = "S-OLD" + i;
                float[] v = unitVector();
                byte[] img = image("old" + i);
                try (PreparedStatement p = c.prepareStatement("INSERT INTO subject (id, watchlist_id, pseudonym, sealed_name,"
                        + " sealed_reference, sealed_notes, added_by, created, individual_key) VALUES (?, 1, ?, ?, ?, ?,"
                        + " 'test', ?, '')")) {
                    p.setLong(1, i + 1);
                    p.setString(2, pseudonym);
                    p.setBytes(3, cipher.encrypt(("Old " + i).getBytes(StandardCharsets.UTF_8),
                            WatchlistStore.aad(w, pseudonym, "name")));
                    p.setBytes(4, cipher.encrypt(new byte[0], WatchlistStore.aad(w, pseudonym, "reference")));
                    p.setBytes(5, cipher.encrypt(new byte[0], WatchlistStore.aad(w, pseudonym, "notes")));
                    p.setString(6, java.time.Instant.now().toString());
                    p.executeUpdate();
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO template (subject_id, model_id, model_version,"
                        + " quality, source_sha256, sealed_vector, created) VALUES (?, 'model', '1+abc', 0.9, ?, ?, ?)")) {
                    p.setLong(1, i + 1);
                    p.setString(2, PhotoEnrolment.sha256(img));
                    p.setBytes(3, cipher.encrypt(WatchlistStore.vectorBytes(v), WatchlistStore.aad(w, pseudonym, "template")));
                    p.setString(4, java.time.Instant.now().toString());
                    p.executeUpdate();
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO photo (subject_id, sha256, sealed_image, created)"
                        + " VALUES (?, ?, ?, ?)")) {
                    p.setLong(1, i + 1);
                    p.setString(2, PhotoEnrolment.sha256(img));
                    p.setBytes(3, cipher.encrypt(img, WatchlistStore.aad(w, pseudonym, "photo")));
                    p.setString(4, java.time.Instant.now().toString());
                    p.executeUpdate();
                }
                people.add(new OldList(pseudonym, v, img));
            }
        }
        return people;
    }

    @Test
    void aDatabaseWrittenBySchema2IsUpgradedAtOpenWithNothingLost() throws Exception {
        db.close();
        Path old = dir.resolve("old.db");
        List<OldList> people = writeSchema2Database(old);
        Path backup = Files.copy(old, dir.resolve("old-backup.db"));
        db = WatchlistDatabase.open(old);
        store = new WatchlistStore(db, secrets, new SecureRandom(), Clock.systemUTC());

        // readable straight after the schema step, before the records are moved
        Watchlist w = current("legacy");
        assertEquals(3, store.templates(w).size());

        WatchlistStore.Upgrade upgrade = store.upgradeRecords();
        assertEquals(new WatchlistStore.Upgrade(1, 6, 0), upgrade);
        assertEquals(new WatchlistStore.Upgrade(0, 0, 0), store.upgradeRecords(), "done once");

        Watchlist after = current("legacy");
        assertEquals(2, after.keyVersion());
        assertFalse(secrets.keys.containsKey(Watchlist.keyAlias(1, 1)), "the key every old record was under is destroyed");
        List<StoredTemplate> templates = store.templates(after);
        List<Subject> subjects = store.subjects(after, null);
        for (int i = 0; i < people.size(); i++) {
            OldList p = people.get(i);
            assertArrayEquals(p.vector(), templates.get(i).vector());
            assertEquals("Old " + i, subjects.get(i).displayName());
            assertArrayEquals(p.image(), store.firstPhoto(after, p.pseudonym()).orElseThrow());
            assertNotNull(held(old, p.pseudonym()).wrappedKey(), "sealed under a key of its own");
        }
        assertTrue(column("SELECT photo_hash FROM photo").stream().allMatch(h -> h.startsWith(PhotoHashes.PREFIX)));
        assertTrue(column("SELECT source_hash FROM template").stream().allMatch(h -> h.startsWith(PhotoHashes.PREFIX)));
        // the copy from before the upgrade holds only ciphertext under the destroyed key
        assertFalse(new String(Files.readAllBytes(old), StandardCharsets.ISO_8859_1)
                .contains(PhotoEnrolment.sha256(people.get(0).image())), "no plain digest left in the file");

        // and it works as a new one does: enrol, remove
        store.enrol(after, person("New Person", unitVector()));
        assertTrue(store.removeSubject(after, "Old 0"));
        assertEquals(List.of("Old 1", "Old 2", "New Person"),
                store.subjects(after, null).stream().map(Subject::displayName).toList());
        assertTrue(Files.size(backup) > 0);
    }

    @Test
    void aListKeyLeftBehindByAnInterruptedRemovalIsDestroyedAtTheNextOpen() throws Exception {
        Watchlist w = list("interrupted");
        store.enrol(w, person("A", unitVector()));
        byte[] oldKey = secrets.keys.get(w.keyAlias()).clone();
        store.removeSubject(w, "A");
        // as if the process died between the commit and destroying the old key
        secrets.keys.put(w.keyAlias(), oldKey);
        assertEquals(new WatchlistStore.Upgrade(0, 0, 1), store.upgradeRecords());
        assertFalse(secrets.keys.containsKey(w.keyAlias()));
        assertTrue(secrets.keys.containsKey(current("interrupted").keyAlias()));

        // deleting the list takes a leftover older key with it too
        secrets.keys.put(w.keyAlias(), oldKey);
        store.delete(w);
        assertTrue(secrets.keys.keySet().stream().noneMatch(a -> a.startsWith("watchlist." + w.id() + ".key.")),
                secrets.keys.keySet().toString());
    }
}
