package io.vigil.watchlist.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TemplateIndexTest {

    private static final int D = 512;

    private final ExecutorService pool = Executors.newFixedThreadPool(3);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    /** A gallery and what was put in it, for brute-force answers. */
    private static final class Gallery {
        final Map<Long, float[]> vectors = new LinkedHashMap<>();
        final Map<Long, Long> subjectOf = new HashMap<>();
        final Map<Long, Long> watchlistOf = new HashMap<>();

        void add(TemplateIndex index, long template, long subject, long watchlist, float[] v) {
            index.add(template, subject, watchlist, v);
            vectors.put(template, v);
            subjectOf.put(template, subject);
            watchlistOf.put(template, watchlist);
        }

        /** Best template per subject by the plain dot product, top k, best first. */
        List<Candidate> bruteForce(float[] q, int k, Set<Long> lists) {
            Map<Long, Candidate> best = new HashMap<>();
            vectors.forEach((template, v) -> {
                long list = watchlistOf.get(template);
                if (lists != null && !lists.contains(list)) {
                    return;
                }
                float s = BlockKernel.dot(v, q);
                Candidate c = new Candidate(subjectOf.get(template), list, template, s);
                best.merge(c.subjectId(), c, (a, b) -> b.score() > a.score() ? b : a);
            });
            List<Candidate> all = new ArrayList<>(best.values());
            all.sort(Comparator.comparingDouble(c -> -c.score()));
            return all.subList(0, Math.min(k, all.size()));
        }
    }

    /** 2,500 templates (3 blocks, the last partial), 1,500 subjects, 3 watchlists. */
    private static Gallery fill(TemplateIndex index, SplittableRandom random) {
        Gallery g = new Gallery();
        long template = 1;
        for (long subject = 1; template <= 2500; subject++) {
            float[] base = RandomTemplates.unit(random, D);
            int templates = subject % 3 == 0 ? 3 : 1;
            for (int i = 0; i < templates && template <= 2500; i++) {
                g.add(index, template++, subject, subject % 3 + 10, RandomTemplates.noisy(random, base, 0.6));
            }
        }
        return g;
    }

    @Test
    void kernelEqualsThePlainDotProductBitForBit() {
        SplittableRandom random = new SplittableRandom(1);
        float[][] rows = new float[D][37];
        float[][] vectors = new float[37][];
        for (int t = 0; t < 37; t++) {
            vectors[t] = RandomTemplates.unit(random, D);
            for (int d = 0; d < D; d++) {
                rows[d][t] = vectors[t][d];
            }
        }
        float[] q = RandomTemplates.unit(random, D);
        float[] scores = new float[37];
        for (int rep = 0; rep < 2000; rep++) { // long enough for C2 to compile the vector loop
            BlockKernel.score(rows, q, scores, 37);
        }
        for (int t = 0; t < 37; t++) {
            assertEquals(Float.floatToIntBits(BlockKernel.dot(vectors[t], q)), Float.floatToIntBits(scores[t]));
        }
    }

    @Test
    void topKEqualsBruteForceOnRandomData() {
        for (int parts : new int[] {1, 3}) {
            TemplateIndex index = new TemplateIndex("m1", D, pool, 3, 0);
            SplittableRandom random = new SplittableRandom(7);
            Gallery g = fill(index, random);
            for (int i = 0; i < 30; i++) {
                float[] q = i % 2 == 0 ? RandomTemplates.unit(random, D)
                        : RandomTemplates.noisy(random, g.vectors.get(1L + random.nextInt(2500)), 0.5);
                assertEquals(g.bruteForce(q, 10, null), index.search(q, 10, null, parts), "parts " + parts);
            }
        }
    }

    @Test
    void aSubjectCountsOnceWithItsBestTemplate() {
        TemplateIndex index = new TemplateIndex("m1", D);
        SplittableRandom random = new SplittableRandom(3);
        float[] face = RandomTemplates.unit(random, D);
        index.add(1, 100, 1, RandomTemplates.noisy(random, face, 0.3));
        index.add(2, 100, 1, RandomTemplates.noisy(random, face, 0.1));
        index.add(3, 100, 1, RandomTemplates.noisy(random, face, 0.5));
        index.add(4, 200, 1, RandomTemplates.unit(random, D));
        List<Candidate> found = index.search(RandomTemplates.noisy(random, face, 0.05), 5);
        assertEquals(2, found.size());
        assertEquals(100, found.get(0).subjectId());
        assertEquals(2, found.get(0).templateId());
        assertEquals(200, found.get(1).subjectId());
    }

    @Test
    void watchlistFilterAndPerListThresholdsWithExplicitUnknown() {
        TemplateIndex index = new TemplateIndex("m1", D);
        SplittableRandom random = new SplittableRandom(5);
        float[] face = RandomTemplates.unit(random, D);
        float[] strictSubject = RandomTemplates.noisy(random, face, 0.3);  // cosine about 0.96
        float[] lenientSubject = RandomTemplates.noisy(random, face, 1.2); // cosine about 0.6
        index.add(1, 10, 1, strictSubject);
        index.add(2, 20, 2, lenientSubject);
        float[] q = face;
        float strictScore = BlockKernel.dot(strictSubject, q);
        float lenientScore = BlockKernel.dot(lenientSubject, q);
        assertTrue(strictScore > lenientScore);

        assertEquals(List.of(20L), index.search(q, 5, Set.of(2L)).stream().map(Candidate::subjectId).toList());

        Decision strictMiss = index.identify(q, Map.of(1L, strictScore + 0.01f, 2L, lenientScore - 0.01f));
        Decision.Match lenient = assertInstanceOf(Decision.Match.class, strictMiss);
        assertEquals(20, lenient.candidate().subjectId());
        assertEquals(lenientScore - 0.01f, lenient.threshold());

        Decision both = index.identify(q, Map.of(1L, 0.5f, 2L, 0.5f));
        assertEquals(10, assertInstanceOf(Decision.Match.class, both).candidate().subjectId());

        Decision none = index.identify(q, Map.of(1L, 0.99f, 2L, 0.99f));
        Decision.Unknown unknown = assertInstanceOf(Decision.Unknown.class, none);
        assertEquals(10, unknown.closest().orElseThrow().subjectId());
        assertEquals(strictScore, unknown.closest().orElseThrow().score());

        // a watchlist not in force is not searched, not even for the closest
        Decision other = index.identify(q, Map.of(2L, 0.99f));
        assertEquals(20, assertInstanceOf(Decision.Unknown.class, other).closest().orElseThrow().subjectId());

        assertEquals(new Decision.Unknown(java.util.Optional.empty()),
                new TemplateIndex("m1", D).identify(q, Map.of(1L, 0.5f)));
    }

    @Test
    void removalDropsResultsAndErasesTheVectors() {
        TemplateIndex index = new TemplateIndex("m1", D, pool, 3, 0);
        SplittableRandom random = new SplittableRandom(11);
        Gallery g = fill(index, random);
        long allocated = index.bytesAllocated();
        assertEquals(2500 * index.bytesPerTemplate(), index.bytesUsed());

        float[] removedTemplate = g.vectors.remove(5L);
        assertTrue(index.removeTemplate(5));
        assertFalse(index.removeTemplate(5));
        // subject 3 has templates 3, 4 and 5 (see fill); 5 is gone already
        List<float[]> subjectVectors = List.of(g.vectors.remove(3L), g.vectors.remove(4L));
        assertEquals(2, index.removeSubject(3));
        assertEquals(2497, index.size());
        assertEquals(2497 * index.bytesPerTemplate(), index.bytesUsed());

        List<float[]> listVectors = new ArrayList<>();
        g.vectors.keySet().removeIf(t -> {
            if (g.watchlistOf.get(t) == 11L) {
                listVectors.add(g.vectors.get(t));
                return true;
            }
            return false;
        });
        int removed = index.removeWatchlist(11);
        assertEquals(listVectors.size(), removed);
        assertEquals(g.vectors.size(), index.size());

        for (float[] gone : List.of(removedTemplate, subjectVectors.get(0), subjectVectors.get(1), listVectors.get(0))) {
            assertFalse(index.holdsVector(gone));
            List<Candidate> found = index.search(gone, 3);
            assertTrue(found.get(0).score() < 0.99f, "a removed template is still found");
        }
        assertEquals(0, index.nonZeroBeyondLive());
        for (int i = 0; i < 20; i++) {
            float[] q = RandomTemplates.unit(random, D);
            assertEquals(g.bruteForce(q, 5, null), index.search(q, 5));
        }
        assertTrue(index.bytesAllocated() < allocated, "an emptied block was not released");

        index.clear();
        assertEquals(0, index.size());
        assertEquals(0, index.bytesAllocated());
        assertTrue(index.search(RandomTemplates.unit(random, D), 3).isEmpty());
    }

    @Test
    void refusesWrongVectorsAndDuplicates() {
        TemplateIndex index = new TemplateIndex("m1", D);
        SplittableRandom random = new SplittableRandom(2);
        assertThrows(IllegalArgumentException.class, () -> index.add(1, 1, 1, new float[D]));
        assertThrows(IllegalArgumentException.class, () -> index.add(1, 1, 1, new float[128]));
        float[] nan = RandomTemplates.unit(random, D);
        nan[3] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> index.add(1, 1, 1, nan));
        index.add(1, 1, 1, RandomTemplates.unit(random, D));
        assertThrows(IllegalArgumentException.class, () -> index.add(1, 2, 1, RandomTemplates.unit(random, D)));
        assertThrows(IllegalArgumentException.class, () -> index.search(RandomTemplates.unit(random, D), 0));
    }
}
