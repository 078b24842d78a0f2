package io.vigil.watchlist.match;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Enrolment, removal and matching at once. A search result is only right if its score is, bit
 * for bit, the dot product of the query with a vector that was added whole under that template
 * id: a half-written, half-moved or half-erased slot would give another score.
 */
class TemplateIndexConcurrencyTest {

    private static final int D = 512;

    @Test
    void addersRemoversAndSearchersNeverSeePartialTemplates() throws Exception {
        ExecutorService scanPool = Executors.newFixedThreadPool(2);
        ExecutorService threads = Executors.newFixedThreadPool(7);
        // split from the first block on, so the parallel path is exercised too
        TemplateIndex index = new TemplateIndex("m1", D, scanPool, 2, 0);
        Map<Long, float[]> added = new ConcurrentHashMap<>();
        AtomicLong nextTemplate = new AtomicLong(1);
        AtomicInteger searches = new AtomicInteger();
        AtomicInteger checkedResults = new AtomicInteger();
        AtomicInteger removals = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        // searchers start once each adder has added its first 300: on a loaded machine they could
        // otherwise run all their searches on a nearly empty index and check almost nothing
        CountDownLatch filled = new CountDownLatch(3);
        List<Future<?>> work = new ArrayList<>();
        try {
            for (int w = 0; w < 3; w++) {
                int seed = w;
                work.add(threads.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    start.await();
                    for (int i = 0; i < 1500; i++) {
                        long template = nextTemplate.getAndIncrement();
                        float[] v = RandomTemplates.unit(random, D);
                        added.put(template, v); // before add: a searcher may find it at once
                        index.add(template, template / 3, template % 4, v);
                        if (i == 299) {
                            filled.countDown();
                        }
                    }
                    return null;
                }));
            }
            work.add(threads.submit(() -> {
                SplittableRandom random = new SplittableRandom(99);
                start.await();
                for (int i = 0; i < 600; i++) {
                    long upTo = nextTemplate.get();
                    switch (i % 3) {
                        case 0 -> removals.addAndGet(index.removeTemplate(1 + random.nextLong(upTo)) ? 1 : 0);
                        case 1 -> removals.addAndGet(index.removeSubject(random.nextLong(upTo / 3 + 1)));
                        default -> {
                            if (i % 150 == 2) {
                                removals.addAndGet(index.removeWatchlist(random.nextInt(4)));
                            }
                        }
                    }
                }
                return null;
            }));
            for (int s = 0; s < 3; s++) {
                int seed = 1000 + s;
                work.add(threads.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    start.await();
                    filled.await();
                    for (int i = 0; i < 700; i++) {
                        float[] q = RandomTemplates.unit(random, D);
                        List<Candidate> found = index.search(q, 5);
                        for (Candidate c : found) {
                            float[] v = added.get(c.templateId());
                            assertNotNull(v, "unknown template " + c.templateId());
                            assertEquals(BlockKernel.dot(v, q), c.score(), "template " + c.templateId());
                            assertEquals(c.templateId() / 3, c.subjectId());
                            assertEquals(c.templateId() % 4, c.watchlistId());
                            checkedResults.incrementAndGet();
                        }
                        searches.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : work) {
                f.get(120, TimeUnit.SECONDS); // rethrows any assertion or exception
            }
        } finally {
            threads.shutdownNow();
            scanPool.shutdownNow();
        }
        assertEquals(2100, searches.get());
        assertTrue(checkedResults.get() > 2100 * 4, "results checked: " + checkedResults.get());
        assertEquals(4500 - removals.get(), index.size());
        assertEquals(0, index.nonZeroBeyondLive());
        System.out.printf("concurrency: %d searches, %d results checked, %d templates removed, %d left%n",
                searches.get(), checkedResults.get(), removals.get(), index.size());
    }
}
