package io.vigil.watchlist.match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory 1:N index of one embedding model version: exact search of unit-length float32
 * templates, top-k by subject (a subject scores with its best template).
 *
 * <p><b>Memory layout.</b> Templates live in blocks of {@value #BLOCK} slots, each stored
 * dimension-major (one {@code float[BLOCK]} per dimension) so that the scan is one loop the JIT
 * vectorises (see {@link BlockKernel}); live templates are kept dense in slots
 * {@code 0..size-1}. Float32 only: int8 codes were measured and do not pay on Java 17, whose C2
 * leaves byte-to-int/float loops scalar (1-2 GB/s against 17 GB/s for this float32 scan), so
 * they would halve memory but make every search slower. The search is therefore exact, with no
 * re-ranking step.
 *
 * <p><b>Concurrency.</b> Matching runs on every analysed face, enrolment and removal now and
 * then, so the choice favours readers:
 * <ul>
 * <li>An add writes the next free slot, beyond what any reader looks at, and then publishes it by
 *     a volatile write of the size. A reader reads the size once and scans only slots below it,
 *     so it never sees a half-written template, and adds never wait for searches (nor searches
 *     for adds). Writers are serialised among themselves by {@link #writers}.</li>
 * <li>A removal must overwrite the vector at once (biometric data), which a scan in progress may
 *     be reading; so removals take the write side of {@link #scans}, whose read side every search
 *     holds. A removal moves the last live template into the freed slot and zeroes the last
 *     slot (O(dimension) per template), keeping the slots dense, so there are no tombstones to
 *     skip or compact later. Searches wait only while a removal runs (microseconds per
 *     template); a removal waits for the searches already running. Blocks that empty are dropped.</li>
 * </ul>
 * Copy-on-write blocks were the alternative; they would make every add copy a block (megabytes)
 * and leave the old copies' vectors for the garbage collector to free whenever it likes.
 *
 * <p><b>What erasure can promise.</b> Removed and moved-from slots are zeroed in the live arrays.
 * The JVM's collector may have copied an array while compacting the heap before that and left
 * the old copy in free memory until it is reused; that is below what Java can control, and at
 * rest the data is protected by the store's encryption, not by this class.
 *
 * <p><b>Cores.</b> Galleries of at least {@code parallelFrom} templates are split by blocks
 * across the executor, the calling thread taking one part; smaller ones are scanned on the
 * calling thread, where the hand-off would cost more than it saves ({@code vigil bench match}
 * prints both).
 */
public final class TemplateIndex {

    /** Templates per block: rows of 4 KiB, long enough for the vector loop to run at speed. */
    public static final int BLOCK = 1024;

    /** Measured by {@code vigil bench match}: below this the split does not pay. */
    public static final int DEFAULT_PARALLEL_FROM = 20_000;

    private static final float NOT_SEARCHED = Float.POSITIVE_INFINITY;

    private final String modelVersion;
    private final int dimension;
    private final Executor executor;
    private final int parallelism;
    private final int parallelFrom;

    private final ReentrantLock writers = new ReentrantLock();
    private final ReentrantReadWriteLock scans = new ReentrantReadWriteLock();

    // published state: written by writers, read by searches (blocks and watchlists before size)
    private volatile TemplateBlock[] blocks = new TemplateBlock[0];
    private volatile long[] watchlistIds = new long[0];
    private volatile int size;

    // writers' bookkeeping, only touched under writers
    private final Map<Long, Integer> slotOfTemplate = new HashMap<>();
    private final Map<Long, Integer> watchlistSlotOf = new HashMap<>();

    /** An index that splits large searches over the common pool and the calling thread. */
    public TemplateIndex(String modelVersion, int dimension) {
        this(modelVersion, dimension, ForkJoinPool.commonPool(),
                ForkJoinPool.commonPool().getParallelism() + 1, DEFAULT_PARALLEL_FROM);
    }

    /**
     * @param parallelism parts a large search is split into (the calling thread runs one)
     * @param parallelFrom the gallery size from which searches are split
     */
    public TemplateIndex(String modelVersion, int dimension, Executor executor, int parallelism,
            int parallelFrom) {
        if (dimension < 1 || parallelism < 1) {
            throw new IllegalArgumentException("dimension and parallelism must be positive");
        }
        this.modelVersion = modelVersion;
        this.dimension = dimension;
        this.executor = executor;
        this.parallelism = parallelism;
        this.parallelFrom = parallelFrom;
    }

    public String modelVersion() {
        return modelVersion;
    }

    public int dimension() {
        return dimension;
    }

    /** Live templates. */
    public int size() {
        return size;
    }

    /** Bytes the live templates take (vector and identifiers). */
    public long bytesUsed() {
        return (long) size * bytesPerTemplate();
    }

    /** Bytes of the blocks held, live or free slots (what the heap actually carries). */
    public long bytesAllocated() {
        long bytes = 0;
        for (TemplateBlock block : blocks) {
            bytes += block.bytes();
        }
        return bytes;
    }

    public long bytesPerTemplate() {
        return 4L * dimension + 8 + 8 + 4;
    }

    /**
     * Adds a template; visible to searches that start after this returns.
     *
     * @param vector L2-normalised, of {@link #dimension()} finite values; copied
     * @throws IllegalArgumentException for a wrong vector or a template id already present
     */
    public void add(long templateId, long subjectId, long watchlistId, float[] vector) {
        checkUnitVector(vector, "template");
        writers.lock();
        try {
            if (slotOfTemplate.containsKey(templateId)) {
                throw new IllegalArgumentException("template " + templateId + " is already in the index");
            }
            int watchlistSlot = watchlistSlot(watchlistId);
            int slot = size;
            TemplateBlock[] current = blocks;
            if (slot / BLOCK == current.length) {
                current = Arrays.copyOf(current, current.length + 1);
                current[current.length - 1] = new TemplateBlock(dimension, BLOCK);
                blocks = current;
            }
            current[slot / BLOCK].write(slot % BLOCK, templateId, subjectId, watchlistSlot, vector);
            slotOfTemplate.put(templateId, slot);
            size = slot + 1; // publishes the slot: searches read size before the slots
        } finally {
            writers.unlock();
        }
    }

    /** @return whether the template was present */
    public boolean removeTemplate(long templateId) {
        writers.lock();
        try {
            if (!slotOfTemplate.containsKey(templateId)) {
                return false;
            }
            erase(List.of(templateId));
            return true;
        } finally {
            writers.unlock();
        }
    }

    /** @return templates removed */
    public int removeSubject(long subjectId) {
        writers.lock();
        try {
            return erase(templatesWhere((block, t) -> block.subjectIds[t] == subjectId));
        } finally {
            writers.unlock();
        }
    }

    /** @return templates removed */
    public int removeWatchlist(long watchlistId) {
        writers.lock();
        try {
            Integer watchlistSlot = watchlistSlotOf.get(watchlistId);
            if (watchlistSlot == null) {
                return 0;
            }
            int wanted = watchlistSlot;
            return erase(templatesWhere((block, t) -> block.watchlistSlots[t] == wanted));
        } finally {
            writers.unlock();
        }
    }

    /** Removes and erases every template (a model version unloaded, a component stopped). */
    public void clear() {
        writers.lock();
        try {
            erase(templatesWhere((block, t) -> true));
        } finally {
            writers.unlock();
        }
    }

    /** The {@code k} best subjects over all watchlists, best first. */
    public List<Candidate> search(float[] query, int k) {
        return search(query, k, null);
    }

    /**
     * The {@code k} best subjects, best first, no threshold applied.
     *
     * @param watchlists the watchlists to search, or null for all
     */
    public List<Candidate> search(float[] query, int k, Set<Long> watchlists) {
        return search(query, k, watchlists, -1);
    }

    /** {@code parts} below 1: chosen by gallery size (the bench forces it to compare). */
    public List<Candidate> search(float[] query, int k, Set<Long> watchlists, int parts) {
        checkUnitVector(query, "query");
        if (k < 1) {
            throw new IllegalArgumentException("k must be positive");
        }
        scans.readLock().lock();
        try {
            long[] lists = watchlistIds;
            float[] minScore = new float[lists.length];
            for (int i = 0; i < lists.length; i++) {
                minScore[i] = watchlists == null || watchlists.contains(lists[i])
                        ? Float.NEGATIVE_INFINITY : NOT_SEARCHED;
            }
            return candidates(scan(query, k, minScore, parts).top, lists);
        } finally {
            scans.readLock().unlock();
        }
    }

    /**
     * Applies each watchlist's own threshold: the best subject whose score reaches the threshold
     * of its watchlist, or {@link Decision.Unknown} with the closest subject. Exact even when
     * thresholds differ: a lower-scoring subject on a lenient list is found although a stricter
     * list holds higher scores below its bar.
     *
     * @param thresholds per watchlist id; watchlists not in the map are not searched
     */
    public Decision identify(float[] query, Map<Long, Float> thresholds) {
        checkUnitVector(query, "query");
        scans.readLock().lock();
        try {
            long[] lists = watchlistIds;
            float[] minScore = new float[lists.length];
            for (int i = 0; i < lists.length; i++) {
                Float threshold = thresholds.get(lists[i]);
                minScore[i] = threshold == null ? NOT_SEARCHED : threshold;
            }
            Partial result = scan(query, 1, minScore, -1);
            List<Candidate> match = candidates(result.top, lists);
            if (!match.isEmpty()) {
                Candidate best = match.get(0);
                return new Decision.Match(best, thresholds.get(best.watchlistId()));
            }
            List<Candidate> closest = candidates(result.closest, lists);
            return new Decision.Unknown(closest.stream().findFirst());
        } finally {
            scans.readLock().unlock();
        }
    }

    /** Runs under the read lock. */
    private Partial scan(float[] query, int k, float[] minScore, int forcedParts) {
        int live = size; // read before the blocks: everything below it is fully written
        TemplateBlock[] current = blocks;
        int blockCount = (live + BLOCK - 1) / BLOCK;
        int parts = forcedParts > 0 ? forcedParts : live >= parallelFrom ? parallelism : 1;
        parts = Math.max(1, Math.min(parts, blockCount));
        if (parts == 1) {
            return scanBlocks(current, live, 0, blockCount, query, k, minScore);
        }
        List<CompletableFuture<Partial>> others = new ArrayList<>(parts - 1);
        for (int p = 1; p < parts; p++) {
            int from = blockCount * p / parts;
            int to = blockCount * (p + 1) / parts;
            try {
                others.add(CompletableFuture.supplyAsync(
                        () -> scanBlocks(current, live, from, to, query, k, minScore), executor));
            } catch (RejectedExecutionException e) {
                others.add(CompletableFuture.completedFuture(
                        scanBlocks(current, live, from, to, query, k, minScore)));
            }
        }
        Partial merged = scanBlocks(current, live, 0, blockCount / parts, query, k, minScore);
        for (CompletableFuture<Partial> other : others) {
            Partial part = other.join();
            merged.top.addAll(part.top);
            merged.closest.addAll(part.closest);
        }
        return merged;
    }

    private record Partial(TopSubjects top, TopSubjects closest) {
    }

    private static Partial scanBlocks(TemplateBlock[] blocks, int live, int from, int to,
            float[] query, int k, float[] minScore) {
        TopSubjects top = new TopSubjects(k);
        TopSubjects closest = new TopSubjects(1);
        float[] scores = new float[BLOCK];
        for (int b = from; b < to; b++) {
            TemplateBlock block = blocks[b];
            int n = Math.min(BLOCK, live - b * BLOCK);
            BlockKernel.score(block.rows, query, scores, n);
            float floor = top.floor();
            float closestFloor = closest.floor();
            for (int t = 0; t < n; t++) {
                float s = scores[t];
                if (s <= floor && s <= closestFloor) {
                    continue;
                }
                float min = minScore[block.watchlistSlots[t]];
                if (min == NOT_SEARCHED) {
                    continue;
                }
                if (s > closestFloor) {
                    closest.offer(block.subjectIds[t], s, b * BLOCK + t);
                    closestFloor = closest.floor();
                }
                if (s > floor && s >= min) {
                    top.offer(block.subjectIds[t], s, b * BLOCK + t);
                    floor = top.floor();
                }
            }
        }
        return new Partial(top, closest);
    }

    private List<Candidate> candidates(TopSubjects top, long[] lists) {
        TemplateBlock[] current = blocks;
        List<Candidate> result = new ArrayList<>();
        for (int[] entry : top.slotsBestFirst()) {
            TemplateBlock block = current[entry[0] / BLOCK];
            int t = entry[0] % BLOCK;
            result.add(new Candidate(block.subjectIds[t], lists[block.watchlistSlots[t]],
                    block.templateIds[t], Float.intBitsToFloat(entry[1])));
        }
        return result;
    }

    private interface SlotTest {
        boolean test(TemplateBlock block, int t);
    }

    /** Under writers: slots cannot move while this looks, and searches go on meanwhile. */
    private List<Long> templatesWhere(SlotTest test) {
        List<Long> found = new ArrayList<>();
        TemplateBlock[] current = blocks;
        int live = size;
        for (int slot = 0; slot < live; slot++) {
            TemplateBlock block = current[slot / BLOCK];
            if (test.test(block, slot % BLOCK)) {
                found.add(block.templateIds[slot % BLOCK]);
            }
        }
        return found;
    }

    /** Under writers; takes the scans' write lock because it overwrites slots searches may read. */
    private int erase(List<Long> templateIds) {
        if (templateIds.isEmpty()) {
            return 0;
        }
        scans.writeLock().lock();
        try {
            for (long templateId : templateIds) {
                int slot = slotOfTemplate.remove(templateId);
                int last = size - 1;
                TemplateBlock[] current = blocks;
                TemplateBlock lastBlock = current[last / BLOCK];
                if (slot != last) {
                    long moved = lastBlock.templateIds[last % BLOCK];
                    lastBlock.copyTo(last % BLOCK, current[slot / BLOCK], slot % BLOCK);
                    slotOfTemplate.put(moved, slot);
                }
                lastBlock.erase(last % BLOCK);
                size = last;
                if (last % BLOCK == 0) {
                    blocks = Arrays.copyOf(current, last / BLOCK); // the dropped block is all zeros
                }
            }
            return templateIds.size();
        } finally {
            scans.writeLock().unlock();
        }
    }

    private int watchlistSlot(long watchlistId) {
        Integer slot = watchlistSlotOf.get(watchlistId);
        if (slot != null) {
            return slot;
        }
        long[] lists = Arrays.copyOf(watchlistIds, watchlistIds.length + 1);
        lists[lists.length - 1] = watchlistId;
        watchlistIds = lists; // published before the size that first refers to it
        watchlistSlotOf.put(watchlistId, lists.length - 1);
        return lists.length - 1;
    }

    private void checkUnitVector(float[] vector, String what) {
        if (vector == null || vector.length != dimension) {
            throw new IllegalArgumentException(what + " must have " + dimension + " values for model "
                    + modelVersion + ", has " + (vector == null ? "none" : vector.length));
        }
        double squares = 0;
        for (float v : vector) {
            squares += (double) v * v;
        }
        // NaN and infinities fail this too
        if (!(Math.abs(squares - 1.0) <= 1e-3)) {
            throw new IllegalArgumentException(what + " is not L2-normalised (squared norm " + squares + ")");
        }
    }

    // ---- for tests: what the heap still holds -------------------------------------------------

    /** Non-zero values in allocated slots at or beyond the live size (should be none). */
    long nonZeroBeyondLive() {
        scans.readLock().lock();
        try {
            long found = 0;
            TemplateBlock[] current = blocks;
            int live = size;
            for (int b = 0; b < current.length; b++) {
                for (int t = Math.max(0, live - b * BLOCK); t < BLOCK; t++) {
                    for (float[] row : current[b].rows) {
                        if (row[t] != 0f) {
                            found++;
                        }
                    }
                }
            }
            return found;
        } finally {
            scans.readLock().unlock();
        }
    }

    /** Whether any live slot holds exactly this vector. */
    boolean holdsVector(float[] vector) {
        scans.readLock().lock();
        try {
            TemplateBlock[] current = blocks;
            int live = size;
            for (int slot = 0; slot < live; slot++) {
                if (Arrays.equals(current[slot / BLOCK].vector(slot % BLOCK), vector)) {
                    return true;
                }
            }
            return false;
        } finally {
            scans.readLock().unlock();
        }
    }
}
