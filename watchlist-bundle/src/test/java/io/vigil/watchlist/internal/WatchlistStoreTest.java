package io.vigil.watchlist.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.face.FaceEmbedding;
import io.vigil.api.watchlist.WatchlistCategory;
import io.vigil.testing.MemorySecretStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The encrypted store on real SQLite files. */
class WatchlistStoreTest {

    @TempDir
    Path dir;

    private final MemorySecretStore secrets = new MemorySecretStore();
    private WatchlistDatabase db;
    private WatchlistStore store;
    private final Random random = new Random(7);

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

    private EnrolmentPhoto photo(float[] vector, String marker) {
        byte[] image = ("JPEG-BYTES-OF-" + marker + "-").repeat(40).getBytes(StandardCharsets.UTF_8);
        return new EnrolmentPhoto(image, PhotoEnrolment.sha256(image),
                new FaceEmbedding("model", "1+abc", vector), 0.9f);
    }

    private SubjectEnrolment person(String name, float[] vector) {
        return new SubjectEnrolment(name, "REF-" + name, "notes on " + name, "test", Optional.empty(),
                List.of(photo(vector, name)));
    }

    private static byte[] concat(Path... files) throws Exception {
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        for (Path f : files) {
            if (Files.exists(f)) {
                all.write(Files.readAllBytes(f));
            }
        }
        return all.toByteArray();
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private Path dbFile() {
        return dir.resolve("watchlists.db");
    }

    private Path walFile() {
        return dir.resolve("watchlists.db-wal");
    }

    @Test
    void templatesNamesAndPhotosAreReadBackButNeverStoredInPlain() throws Exception {
        Watchlist w = list("wanted");
        float[] v = unitVector();
        Subject s = store.enrol(w, person("Jane Roe", v));
        assertEquals("Jane Roe", s.displayName());
        assertTrue(s.pseudonym().startsWith("S-"), s.pseudonym());
        List<StoredTemplate> back = store.templates(w);
        assertEquals(1, back.size());
        assertArrayEquals(v, back.get(0).vector());

        byte[] files = concat(dbFile(), walFile());
        byte[] vectorBytes = WatchlistStore.vectorBytes(v);
        for (int at = 0; at + 16 <= vectorBytes.length; at += 64) {
            assertFalse(contains(files, java.util.Arrays.copyOfRange(vectorBytes, at, at + 16)),
                    "16 plaintext embedding bytes at offset " + at + " found in the .db or -wal");
        }
        assertFalse(contains(files, "Jane Roe".getBytes(StandardCharsets.UTF_8)), "a subject's name in plain");
        assertFalse(contains(files, "JPEG-BYTES-OF-Jane".getBytes(StandardCharsets.UTF_8)), "photo bytes in plain");
        assertFalse(contains(files, "notes on".getBytes(StandardCharsets.UTF_8)), "notes in plain");
    }

    @Test
    void deletingAWatchlistErasesItEvenFromCopiesOfTheFilesTakenBefore() throws Exception {
        Watchlist keep = list("keep");
        store.enrol(keep, person("Kept Person", unitVector()));
        Watchlist gone = list("gone");
        for (int i = 0; i < 20; i++) {
            store.enrol(gone, person("Person " + i, unitVector()));
        }
        byte[] sealed = sealedVectorOfFirstTemplate(gone);
        Path dbCopy = Files.copy(dbFile(), dir.resolve("copy.db"));
        Path walCopy = Files.exists(walFile()) ? Files.copy(walFile(), dir.resolve("copy.db-wal")) : null;
        assertTrue(contains(concat(dbCopy, walCopy == null ? dbCopy : walCopy), sealed), "the copy holds the ciphertext");

        store.delete(gone);

        assertFalse(secrets.keys.containsKey(gone.keyAlias()), "the data key is destroyed");
        assertTrue(secrets.keys.containsKey(keep.keyAlias()), "other lists keep theirs");
        byte[] now = concat(dbFile(), walFile());
        assertFalse(contains(now, java.util.Arrays.copyOfRange(sealed, 12, 44)),
                "secure_delete and the emptied log leave no ciphertext of the deleted list in the files");
        assertTrue(!Files.exists(walFile()) || Files.size(walFile()) == 0, "the log is truncated");
        // what the copy holds is ciphertext under a key that no longer exists anywhere: any other
        // key fails GCM authentication
        RecordCipher anyOtherKey = new RecordCipher(new byte[32], new SecureRandom());
        assertThrows(WatchlistException.class, () -> anyOtherKey.decrypt(sealed, new byte[0]));
        assertEquals(1, store.templates(keep).size(), "the other list is intact");
        assertTrue(store.find("gone").isEmpty());
    }

    private byte[] sealedVectorOfFirstTemplate(Watchlist w) throws WatchlistException {
        return db.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT t.sealed_vector FROM template t JOIN subject s ON"
                    + " s.id = t.subject_id WHERE s.watchlist_id = ? ORDER BY t.id LIMIT 1")) {
                s.setLong(1, w.id());
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    return r.getBytes(1);
                }
            }
        });
    }

    @Test
    void everyRecordHasItsOwnNonce() throws Exception {
        Watchlist w = list("many");
        List<SubjectEnrolment> people = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            people.add(person("P" + i, unitVector()));
        }
        store.enrolAll(w, people);
        Set<String> nonces = new HashSet<>();
        int[] count = {0};
        db.read(c -> {
            for (String q : List.of("SELECT sealed_name FROM subject", "SELECT sealed_reference FROM subject",
                    "SELECT sealed_notes FROM subject", "SELECT sealed_vector FROM template", "SELECT sealed_image FROM photo")) {
                try (PreparedStatement s = c.prepareStatement(q); ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        nonces.add(HexFormat.of().formatHex(RecordCipher.nonceOf(r.getBytes(1))));
                        count[0]++;
                    }
                }
            }
            return null;
        });
        assertEquals(750, count[0]);
        assertEquals(count[0], nonces.size(), "a GCM nonce repeated");
    }

    @Test
    void rotatingTheKeyReSealsEverythingAndDestroysTheOldKey() throws Exception {
        Watchlist w = list("rotating");
        float[] v = unitVector();
        store.enrol(w, person("Rota", v));
        byte[] before = sealedVectorOfFirstTemplate(w);
        Watchlist rotated = store.rotateKey(w);
        assertEquals(2, rotated.keyVersion());
        assertFalse(secrets.keys.containsKey(w.keyAlias()));
        assertTrue(secrets.keys.containsKey(rotated.keyAlias()));
        assertFalse(java.util.Arrays.equals(before, sealedVectorOfFirstTemplate(rotated)));
        assertArrayEquals(v, store.templates(rotated).get(0).vector());
        assertEquals("Rota", store.subjects(rotated, null).get(0).displayName());
    }

    @Test
    void aMissingKeyOrAFailingSecretStoreIsAClearErrorAndNothingIsWritten() throws Exception {
        Watchlist w = list("locked");
        store.enrol(w, person("A", unitVector()));
        secrets.failing = true;
        WatchlistException e = assertThrows(WatchlistException.class, () -> store.enrol(w, person("B", unitVector())));
        assertTrue(e.getMessage().contains("passphrase is wrong"), e.getMessage());
        secrets.failing = false;
        assertEquals(1, store.subjects(w, null).size(), "nothing half-written");

        secrets.keys.remove(w.keyAlias());
        WatchlistException missing = assertThrows(WatchlistException.class, () -> store.templates(w));
        assertTrue(missing.getMessage().contains("is not in the secret store"), missing.getMessage());
    }

    @Test
    void aCorruptOrForeignFileIsRefusedAndLeftUntouched() throws Exception {
        db.close();
        Path bad = dir.resolve("bad.db");
        byte[] garbage = "this is not a database, but somebody's file".repeat(100).getBytes(StandardCharsets.UTF_8);
        Files.write(bad, garbage);
        WatchlistException e = assertThrows(WatchlistException.class, () -> WatchlistDatabase.open(bad));
        assertTrue(e.getMessage().contains("damaged or not a database"), e.getMessage());
        assertArrayEquals(garbage, Files.readAllBytes(bad), "the file was not modified");

        Path foreign = dir.resolve("foreign.db");
        try (var c = new org.sqlite.SQLiteDataSource() {{ setUrl("jdbc:sqlite:" + foreign); }}.getConnection();
             var s = c.createStatement()) {
            s.execute("CREATE TABLE accounts (id INTEGER)");
        }
        WatchlistException f = assertThrows(WatchlistException.class, () -> WatchlistDatabase.open(foreign));
        assertTrue(f.getMessage().contains("not Vigil's watchlists"), f.getMessage());
    }

    @Test
    void aDatabaseFromANewerVigilIsRefused() throws Exception {
        db.read(c -> {
            try (var s = c.createStatement()) {
                s.execute("PRAGMA user_version = 99");
            }
            return null;
        });
        db.close();
        WatchlistException e = assertThrows(WatchlistException.class, () -> WatchlistDatabase.open(dbFile()));
        assertTrue(e.getMessage().contains("newer Vigil"), e.getMessage());
    }

    @Test
    void concurrentEnrolmentsAllLand() throws Exception {
        Watchlist w = list("busy");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Subject>> done = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            float[] v = unitVector();
            String name = "C" + i;
            done.add(pool.submit(() -> store.enrol(w, person(name, v))));
        }
        for (Future<Subject> f : done) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(40, store.subjects(w, null).size());
        assertEquals(40, store.templates(w).size());
    }

    @Test
    void subjectsPastTheirExpiryAreErased() throws Exception {
        Watchlist w = list("expiring");
        java.time.Instant now = java.time.Instant.now();
        store.enrol(w, new SubjectEnrolment("Gone", "", "", "test", Optional.of(now.minusSeconds(60)),
                List.of(photo(unitVector(), "Gone"))));
        store.enrol(w, new SubjectEnrolment("Staying", "", "", "test", Optional.of(now.plusSeconds(3600)),
                List.of(photo(unitVector(), "Staying"))));
        store.enrol(w, person("Open-ended", unitVector()));
        assertEquals(1, store.removeExpiredSubjects(w, now));
        assertEquals(List.of("Staying", "Open-ended"), store.subjects(w, null).stream().map(Subject::displayName).toList());
        assertEquals(2, store.templates(w).size());
        assertFalse(contains(concat(dbFile(), walFile()), "JPEG-BYTES-OF-Gone".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFullDiskIsAClearErrorAndNothingIsLost() throws Exception {
        Watchlist w = list("full");
        store.enrol(w, person("Before", unitVector()));
        // SQLite reports SQLITE_FULL once the file may not grow: the same path a full disk takes
        int pages = db.read(c -> {
            try (var s = c.createStatement(); var r = s.executeQuery("PRAGMA page_count")) {
                return r.getInt(1);
            }
        });
        db.read(c -> {
            try (var s = c.createStatement()) {
                s.execute("PRAGMA max_page_count = " + pages);
            }
            return null;
        });
        List<SubjectEnrolment> big = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            big.add(person("Big " + i, unitVector()));
        }
        WatchlistException e = assertThrows(WatchlistException.class, () -> store.enrolAll(w, big));
        assertTrue(e.getMessage().contains("SQLITE_FULL") && e.getMessage().contains("rolled back"), e.getMessage());
        assertEquals(List.of("Before"), store.subjects(w, null).stream().map(Subject::displayName).toList());
        assertEquals(1, store.templates(w).size());
    }

    @Test
    void reEnrolmentIsFlaggedWhenTheModelChanged() throws Exception {
        Watchlist w = list("models");
        store.enrol(w, person("Old", unitVector()));
        assertFalse(store.subjects(w, "1+abc").get(0).needsReEnrolment());
        assertTrue(store.subjects(w, "2+def").get(0).needsReEnrolment());
    }
}
