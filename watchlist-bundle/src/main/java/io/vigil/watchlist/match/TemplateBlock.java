package io.vigil.watchlist.match;

/**
 * A fixed number of template slots stored dimension-major (see {@link BlockKernel}), with each
 * slot's identifiers in primitive arrays beside it: no object per template, so a million
 * templates cost the garbage collector a few thousand arrays rather than millions of objects.
 */
final class TemplateBlock {

    final float[][] rows;
    final long[] templateIds;
    final long[] subjectIds;
    /** Index into the owning index's watchlist table (small ints keep the scan's filter a lookup). */
    final int[] watchlistSlots;

    TemplateBlock(int dimension, int capacity) {
        rows = new float[dimension][capacity];
        templateIds = new long[capacity];
        subjectIds = new long[capacity];
        watchlistSlots = new int[capacity];
    }

    void write(int t, long templateId, long subjectId, int watchlistSlot, float[] vector) {
        for (int d = 0; d < rows.length; d++) {
            rows[d][t] = vector[d];
        }
        templateIds[t] = templateId;
        subjectIds[t] = subjectId;
        watchlistSlots[t] = watchlistSlot;
    }

    void copyTo(int from, TemplateBlock target, int to) {
        for (int d = 0; d < rows.length; d++) {
            target.rows[d][to] = rows[d][from];
        }
        target.templateIds[to] = templateIds[from];
        target.subjectIds[to] = subjectIds[from];
        target.watchlistSlots[to] = watchlistSlots[from];
    }

    /** Overwrites the slot's vector: removed biometric data must not linger in the live arrays. */
    void erase(int t) {
        for (float[] row : rows) {
            row[t] = 0f;
        }
        templateIds[t] = 0;
        subjectIds[t] = 0;
        watchlistSlots[t] = 0;
    }

    float[] vector(int t) {
        float[] v = new float[rows.length];
        for (int d = 0; d < rows.length; d++) {
            v[d] = rows[d][t];
        }
        return v;
    }

    long bytes() {
        long capacity = templateIds.length;
        // float rows + three id arrays, plus an array header (16 bytes) per row
        return capacity * (4L * rows.length + 8 + 8 + 4) + 16L * rows.length;
    }
}
