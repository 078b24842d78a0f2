package io.vigil.watchlist.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Verification and identification figures of labelled templates, as a force measures its own
 * photos before a deployment: every same-person pair is a genuine comparison, every pair of two
 * people an impostor one; each template is also searched against all the others (rank 1).
 */
final class Evaluation {

    /** One template and whose it is. */
    record Labelled(String person, float[] vector) {
    }

    /** The figures at one threshold: false accepts among impostor pairs, false rejects among genuine ones. */
    record Rates(float threshold, int falseAccepts, int impostors, int falseRejects, int genuines) {
        double far() {
            return impostors == 0 ? 0 : (double) falseAccepts / impostors;
        }

        double frr() {
            return genuines == 0 ? 0 : (double) falseRejects / genuines;
        }

        double tar() {
            return 1 - frr();
        }
    }

    private final float[] genuine;
    private final float[] impostor;
    private final int rank1Correct;
    private final int rank1Probes;

    Evaluation(List<Labelled> templates) {
        List<Float> same = new ArrayList<>();
        List<Float> different = new ArrayList<>();
        int n = templates.size();
        float[][] scores = new float[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                float s = cosine(templates.get(i).vector(), templates.get(j).vector());
                scores[i][j] = s;
                scores[j][i] = s;
                (templates.get(i).person().equals(templates.get(j).person()) ? same : different).add(s);
            }
        }
        genuine = sorted(same);
        impostor = sorted(different);
        int correct = 0;
        int probes = 0;
        for (int i = 0; i < n; i++) {
            String person = templates.get(i).person();
            boolean hasMate = false;
            int best = -1;
            for (int j = 0; j < n; j++) {
                if (j == i) {
                    continue;
                }
                hasMate |= templates.get(j).person().equals(person);
                if (best < 0 || scores[i][j] > scores[i][best]) {
                    best = j;
                }
            }
            // a probe whose person has no other template has no right answer to find
            if (hasMate) {
                probes++;
                if (templates.get(best).person().equals(person)) {
                    correct++;
                }
            }
        }
        rank1Correct = correct;
        rank1Probes = probes;
    }

    float[] genuineScores() {
        return genuine.clone();
    }

    float[] impostorScores() {
        return impostor.clone();
    }

    int rank1Correct() {
        return rank1Correct;
    }

    int rank1Probes() {
        return rank1Probes;
    }

    double rank1Rate() {
        return rank1Probes == 0 ? 0 : (double) rank1Correct / rank1Probes;
    }

    /** Pairs at or above the threshold are accepted (the matcher's rule). */
    Rates at(float threshold) {
        int falseAccepts = impostor.length - firstAtLeast(impostor, threshold);
        int falseRejects = firstAtLeast(genuine, threshold);
        return new Rates(threshold, falseAccepts, impostor.length, falseRejects, genuine.length);
    }

    /**
     * The lowest threshold whose false-accept rate is at most {@code far}: just above the impostor
     * score that would be one false accept too many. With fewer than 1/far impostor pairs that is
     * above every impostor score (FAR 0 measured, the target not resolvable).
     */
    Rates atFar(double far) {
        int allowed = (int) Math.floor(far * impostor.length + 1e-9);
        if (impostor.length == 0) {
            return at(-1);
        }
        if (allowed >= impostor.length) {
            return at(impostor[0]);
        }
        // impostor is ascending: the allowed ones are the highest, so the threshold clears the next one down
        float over = impostor[impostor.length - 1 - allowed];
        return at(Math.nextUp(over));
    }

    /** Whether {@code far} can be told from zero with this many impostor pairs. */
    boolean resolves(double far) {
        return impostor.length * far >= 1;
    }

    /** The equal error rate: the threshold among the observed scores where FAR and FRR are closest, and their mean there. */
    Rates equalError() {
        Rates best = at(-1);
        double gap = Double.MAX_VALUE;
        float[] all = new float[genuine.length + impostor.length];
        System.arraycopy(genuine, 0, all, 0, genuine.length);
        System.arraycopy(impostor, 0, all, genuine.length, impostor.length);
        for (float t : all) {
            for (float candidate : new float[] {t, Math.nextUp(t)}) {
                Rates r = at(candidate);
                double g = Math.abs(r.far() - r.frr());
                if (g < gap || g == gap && r.far() + r.frr() < best.far() + best.frr()) {
                    gap = g;
                    best = r;
                }
            }
        }
        return best;
    }

    double eer() {
        Rates r = equalError();
        return (r.far() + r.frr()) / 2;
    }

    /** The value at quantile {@code q} (0..1) of ascending {@code scores}, nearest rank. */
    static float quantile(float[] scores, double q) {
        if (scores.length == 0) {
            return Float.NaN;
        }
        int i = (int) Math.round(q * (scores.length - 1));
        return scores[Math.max(0, Math.min(scores.length - 1, i))];
    }

    /** How many scores fall in each 0.1 bin from -1 to 1 (20 bins; 1.0 counts in the last). */
    static int[] histogram(float[] scores) {
        int[] bins = new int[20];
        for (float s : scores) {
            int b = (int) Math.floor((s + 1) * 10);
            bins[Math.max(0, Math.min(19, b))]++;
        }
        return bins;
    }

    private static int firstAtLeast(float[] ascending, float threshold) {
        int lo = 0;
        int hi = ascending.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ascending[mid] < threshold) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static float[] sorted(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        Arrays.sort(out);
        return out;
    }

    static float cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return (float) (dot / Math.sqrt(na * nb));
    }
}
