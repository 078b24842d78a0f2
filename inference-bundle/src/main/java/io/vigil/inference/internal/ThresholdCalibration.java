package io.vigil.inference.internal;

/**
 * How the shipped model's default threshold was chosen, shown by {@code vigil models}: the
 * false-match rate it is set for and the evidence, so an administrator can judge it and redo it on
 * the force's own photos with {@code vigil evaluate}.
 *
 * <p>No labelled face set with identities can be fetched with a pinned hash here: the pinned npm
 * packages carry the six face-api sample photos (22 annotated faces of 21 people, one of them in two
 * photos) and Debian's skimage data carries one face and 100 tiny unlabelled ones. The largest
 * labelled set is therefore the sample folder {@code EvaluateIT} builds: each annotated face cut
 * out and mirrored. The threshold is the lowest that keeps every impostor pair of that set below
 * it, rounded up to 0.01: at 0.44, 0 of 756 impostor pairs match (under 0.4 % at 95 % confidence by
 * the rule of three), and a normal fit of the impostor scores (mean 0.046, sd 0.115 on the
 * original photos) puts the rate near 3 in 10,000. {@code GroundTruthTest} and {@code EvaluateIT}
 * check these figures against the photos.
 */
record ThresholdCalibration(float threshold, double targetFalseMatchRate, String dataset, int identities, int faces,
                            int genuinePairs, int impostorPairs, int falseMatches, float highestImpostor,
                            float lowestGenuine, double estimatedFalseMatchRate, String caveat) {

    static final ThresholdCalibration SHIPPED = new ThresholdCalibration(0.44f, 0.001,
            "npm @vladmandic/face-api 1.7.15 demo/sample1..6.jpg: 22 annotated faces, each cut out and mirrored"
                    + " (the sample folder of vigil evaluate)",
            21, 40, 24, 756, 0, 0.436f, 0.595f, 3e-4,
            "only one person appears in two different photos (18 of the 24 genuine pairs are a face and its mirror"
                    + " image), so recall is barely measured and 756 impostor pairs cannot show a rate under 0.4 %:"
                    + " measure on your own photos with vigil evaluate before a deployment");

    /** The upper 95 % confidence bound of the false-match rate when none of the impostor pairs matched (rule of three). */
    double upperBound95() {
        return falseMatches == 0 ? 3.0 / impostorPairs : Double.NaN;
    }
}
