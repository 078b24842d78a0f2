package io.vigil.watchlist.match;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The k best distinct subjects seen so far, a subject counting with its best template. Exact:
 * a template scoring below the current floor cannot belong to a top-k subject, because k other
 * distinct subjects already score at least that much. Linear in k per accepted offer, which is
 * cheaper than a heap for the small k used (and offers become rare once the floor has risen).
 */
final class TopSubjects {

    private final int k;
    private final long[] subjects;
    private final float[] scores;
    private final int[] slots;
    private int size;
    private int minAt;

    TopSubjects(int k) {
        this.k = k;
        subjects = new long[k];
        scores = new float[k];
        slots = new int[k];
    }

    /** Offers below this cannot enter. */
    float floor() {
        return size < k ? Float.NEGATIVE_INFINITY : scores[minAt];
    }

    void offer(long subject, float score, int slot) {
        for (int i = 0; i < size; i++) {
            if (subjects[i] == subject) {
                if (score > scores[i]) {
                    scores[i] = score;
                    slots[i] = slot;
                    findMin();
                }
                return;
            }
        }
        if (size < k) {
            subjects[size] = subject;
            scores[size] = score;
            slots[size] = slot;
            size++;
            findMin();
        } else if (score > scores[minAt]) {
            subjects[minAt] = subject;
            scores[minAt] = score;
            slots[minAt] = slot;
            findMin();
        }
    }

    void addAll(TopSubjects other) {
        for (int i = 0; i < other.size; i++) {
            offer(other.subjects[i], other.scores[i], other.slots[i]);
        }
    }

    private void findMin() {
        int m = 0;
        for (int i = 1; i < size; i++) {
            if (scores[i] < scores[m]) {
                m = i;
            }
        }
        minAt = m;
    }

    /** Global slots and scores, best first (ties: lower slot first, so results are stable). */
    List<int[]> slotsBestFirst() {
        List<int[]> order = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            order.add(new int[] {slots[i], Float.floatToRawIntBits(scores[i])});
        }
        order.sort(Comparator.<int[]>comparingDouble(e -> -Float.intBitsToFloat(e[1]))
                .thenComparingInt(e -> e[0]));
        return order;
    }
}
