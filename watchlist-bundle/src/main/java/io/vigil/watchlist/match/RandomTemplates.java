package io.vigil.watchlist.match;

import java.util.SplittableRandom;

/** Seeded random unit vectors and noisy copies of them: the bench's galleries and queries (and the tests'). */
public final class RandomTemplates {

    private RandomTemplates() {
    }

    public static float[] unit(SplittableRandom random, int dimension) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return normalise(v);
    }

    /** A copy of {@code v} with Gaussian noise of {@code sigma} per unit-vector component. */
    public static float[] noisy(SplittableRandom random, float[] v, double sigma) {
        float[] copy = new float[v.length];
        double perComponent = sigma / Math.sqrt(v.length);
        for (int i = 0; i < v.length; i++) {
            copy[i] = (float) (v[i] + random.nextGaussian() * perComponent);
        }
        return normalise(copy);
    }

    public static float[] normalise(float[] v) {
        double squares = 0;
        for (float x : v) {
            squares += (double) x * x;
        }
        float scale = (float) (1 / Math.sqrt(squares));
        for (int i = 0; i < v.length; i++) {
            v[i] *= scale;
        }
        return v;
    }
}
