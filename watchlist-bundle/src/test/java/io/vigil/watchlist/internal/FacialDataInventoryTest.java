package io.vigil.watchlist.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.face.FaceEmbedding;
import io.vigil.api.inventory.HeldSubject;
import io.vigil.api.inventory.WatchlistHoldings;
import io.vigil.api.watchlist.WatchlistCategory;
import io.vigil.testing.MemorySecretStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the compliance ledger reads: holdings with individual keys, without decrypting anything. */
class FacialDataInventoryTest {

    @TempDir
    Path dir;

    private final MemorySecretStore secrets = new MemorySecretStore();
    private final Random random = new Random(11);
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

    private Watchlist list(String name, WatchlistCategory category) throws WatchlistException {
        return store.create(new NewWatchlist(name, category, "PACE s.32", "Insp. Wood", Optional.empty(), Optional.empty(),
                1, 0.51f));
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

    private EnrolmentPhoto synthetic(String marker) {
        byte[] image = ("SYNTHETIC-" + marker).getBytes(StandardCharsets.UTF_8);
        return new EnrolmentPhoto(image, PhotoEnrolment.sha256(image), new FaceEmbedding("model", "1+abc", unitVector()), 0.9f);
    }

    private SubjectEnrolment person(String name, String reference, int photos) {
        List<EnrolmentPhoto> made = new ArrayList<>();
        for (int i = 0; i < photos; i++) {
            made.add(synthetic(name + i));
        }
        return new SubjectEnrolment(name, reference, "", "test", Optional.empty(), made);
    }

    private static Map<String, HeldSubject> byPseudonym(WatchlistHoldings h) {
        return h.subjects().stream().collect(Collectors.toMap(HeldSubject::pseudonym, Function.identity()));
    }

    @Test
    void theSameReferenceOnTwoListsIsOneIndividualAndAMissingReferenceIsItsOwn() throws Exception {
        Watchlist wanted = list("wanted", WatchlistCategory.SUSPECT);
        Watchlist missing = list("missing", WatchlistCategory.MISSING_PERSON);
        Subject a = store.enrol(wanted, person("Alice", "PNC 12/3456", 2));
        Subject b = store.enrol(missing, person("Alice Smith", "  pnc12/3456 ", 1));
        Subject c = store.enrol(wanted, person("Carol", "", 1));
        Subject d = store.enrol(missing, person("Dan", "", 1));

        List<WatchlistHoldings> holdings = store.holdings();
        assertEquals(List.of("missing", "wanted"), holdings.stream().map(WatchlistHoldings::name).toList());
        WatchlistHoldings w = holdings.get(1);
        WatchlistHoldings m = holdings.get(0);
        assertEquals("SUSPECT", w.category());
        assertEquals("PACE s.32", w.legalBasis());
        HeldSubject alice = byPseudonym(w).get(a.pseudonym());
        HeldSubject aliceAgain = byPseudonym(m).get(b.pseudonym());
        assertEquals(alice.individualKey(), aliceAgain.individualKey(), "equal references after normalisation");
        assertEquals(2, alice.templates());
        assertEquals(2, alice.images());
        assertNotEquals(byPseudonym(w).get(c.pseudonym()).individualKey(), byPseudonym(m).get(d.pseudonym()).individualKey(),
                "no reference: each subject is its own individual");
        Set<String> individuals = new HashSet<>();
        holdings.forEach(h -> h.subjects().forEach(s -> individuals.add(s.individualKey())));
        assertEquals(3, individuals.size());
        // the key is a keyed hash: the reference itself is nowhere in it
        assertFalse(alice.individualKey().toUpperCase().contains("3456"));
        assertTrue(alice.individualKey().startsWith("reference:"));
    }

    @Test
    void subjectsEnrolledBeforeTheKeyExistedAreFilledOnceFromTheirSealedReference() throws Exception {
        Watchlist wanted = list("wanted", WatchlistCategory.SUSPECT);
        Watchlist other = list("other", WatchlistCategory.SUSPECT);
        Subject a = store.enrol(wanted, person("Alice", "REF-1", 1));
        Subject b = store.enrol(other, person("Alice", "REF-1", 1));
        String before = byPseudonym(store.holdings().get(1)).get(a.pseudonym()).individualKey();
        db.transaction(c -> {
            try (Statement s = c.createStatement()) {
                s.executeUpdate("UPDATE subject SET individual_key = NULL");
            }
            return null;
        });
        assertEquals(2, store.fillIndividualKeys());
        assertEquals(0, store.fillIndividualKeys());
        List<WatchlistHoldings> after = store.holdings();
        assertEquals(before, byPseudonym(after.get(1)).get(a.pseudonym()).individualKey());
        assertEquals(before, byPseudonym(after.get(0)).get(b.pseudonym()).individualKey());
    }

    /**
     * 100,000 synthetic people (a unit embedding and a few bytes standing in for a photo each)
     * enrolled through the store's own bulk path, one transaction, then counted.
     */
    @Test
    void aHundredThousandSubjectsThroughBulkEnrolmentAreCountedWithoutDecrypting() throws Exception {
        Watchlist bulk = list("bulk", WatchlistCategory.SUSPECT);
        List<SubjectEnrolment> people = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            people.add(person("P" + i, "REF-" + i, 1));
        }
        long start = System.nanoTime();
        store.enrolAll(bulk, people);
        long enrolled = System.nanoTime();
        List<WatchlistHoldings> holdings = store.holdings();
        long counted = System.nanoTime();
        assertEquals(100_000, holdings.get(0).subjects().size());
        assertEquals(100_000, holdings.get(0).subjects().stream().map(HeldSubject::individualKey).distinct().count());
        assertEquals(100_000, holdings.get(0).subjects().stream().mapToInt(HeldSubject::templates).sum());
        System.out.printf("enrolled 100000 in %d ms, counted in %d ms%n", (enrolled - start) / 1_000_000,
                (counted - enrolled) / 1_000_000);
        assertTrue(Files.size(dir.resolve("watchlists.db")) > 0);
    }
}
