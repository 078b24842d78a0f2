package io.vigil.watchlist.match;

import java.util.Arrays;

/**
 * The scan's inner loops, over one block stored dimension-major ({@code rows[d][t]} is dimension
 * d of template t).
 *
 * <p>Why this shape: on Java 17, C2 vectorises a loop only when every array in it is indexed by
 * the same {@code i}. A row-major dot product ({@code g[offset + i] * q[i]}) and any int8/int16
 * kernel (byte to int or float conversion) stay scalar: measured here at 5-14 GB/s for float32
 * and 1-2 GB/s for int8, against 25-30 GB/s for a plain memory read. Scoring a whole block at
 * once as {@code scores[t] += q[d] * rows[d][t]} has one index for every array, so it runs as
 * AVX/AVX-512 and reaches about 70% of the memory read rate. Four dimensions per pass quarter the
 * loads and stores of {@code scores}.
 *
 * <p>The sum is taken in dimension order, one product at a time ((s + q0 r0) + q1 r1 ...), and
 * Java never fuses a multiply and an add on its own, so every score is bit-for-bit the plain
 * sequential dot product {@link #dot} computes; the float32 search is exact, not approximately so.
 */
final class BlockKernel {

    private BlockKernel() {
    }

    /** Scores of templates {@code 0..n-1} of a block into {@code scores[0..n-1]}. */
    static void score(float[][] rows, float[] query, float[] scores, int n) {
        Arrays.fill(scores, 0, n, 0f);
        int dimension = query.length;
        int d = 0;
        for (; d + 4 <= dimension; d += 4) {
            accumulate4(scores, query[d], rows[d], query[d + 1], rows[d + 1],
                    query[d + 2], rows[d + 2], query[d + 3], rows[d + 3], n);
        }
        for (; d < dimension; d++) {
            accumulate1(scores, query[d], rows[d], n);
        }
    }

    private static void accumulate4(float[] s, float q0, float[] r0, float q1, float[] r1,
            float q2, float[] r2, float q3, float[] r3, int n) {
        for (int t = 0; t < n; t++) {
            s[t] = (((s[t] + q0 * r0[t]) + q1 * r1[t]) + q2 * r2[t]) + q3 * r3[t];
        }
    }

    private static void accumulate1(float[] s, float q, float[] r, int n) {
        for (int t = 0; t < n; t++) {
            s[t] = s[t] + q * r[t];
        }
    }

    /** The reference: a plain dot product in dimension order, equal bit for bit to {@link #score}. */
    static float dot(float[] a, float[] b) {
        float s = 0f;
        for (int i = 0; i < a.length; i++) {
            s = s + a[i] * b[i];
        }
        return s;
    }
}
