package io.vigil.watchlist.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The figures of an evaluation on templates whose scores are known: unit vectors at chosen angles. */
class EvaluationTest {

    private static Evaluation.Labelled at(String person, double degrees) {
        double r = Math.toRadians(degrees);
        return new Evaluation.Labelled(person, new float[] {(float) Math.cos(r), (float) Math.sin(r)});
    }

    @Test
    void pairsRankOneAndRatesOfThreePeopleTwoPhotosEach() {
        // a at 0 and 20 degrees, b at 90 and 110, c at 200 and 240 (c's two photos far apart)
        Evaluation e = new Evaluation(List.of(at("a", 0), at("a", 20), at("b", 90), at("b", 110), at("c", 200), at("c", 240)));
        float[] genuine = e.genuineScores();
        assertEquals(3, genuine.length);
        assertEquals(12, e.impostorScores().length);
        assertEquals(Math.cos(Math.toRadians(40)), genuine[0], 1e-6);
        assertEquals(Math.cos(Math.toRadians(20)), genuine[2], 1e-6);
        // each photo's nearest other photo is of the same person (c200 is 40 from c240, 90 from b110)
        assertEquals(6, e.rank1Probes());
        assertEquals(6, e.rank1Correct());

        // the highest impostor pair is a20-b90, cos 70 = 0.342
        float highestImpostor = e.impostorScores()[11];
        assertEquals(Math.cos(Math.toRadians(70)), highestImpostor, 1e-6);
        Evaluation.Rates strict = e.atFar(0.001);
        assertEquals(0, strict.falseAccepts());
        assertTrue(strict.threshold() > highestImpostor);
        assertEquals(1.0, strict.tar(), 1e-9, "every genuine pair is above cos 70");
        assertFalse(e.resolves(0.01), "12 impostor pairs cannot measure 1 %");

        Evaluation.Rates at05 = e.at(0.5f);
        assertEquals(0, at05.falseAccepts());
        assertEquals(0, at05.falseRejects());
        Evaluation.Rates at08 = e.at(0.8f);
        assertEquals(1, at08.falseRejects(), "cos 40 = 0.766 is rejected at 0.8");
        assertEquals(0.0, e.eer(), 1e-9, "separable: EER 0");
    }

    @Test
    void aPersonWithOnePhotoIsSearchedForButNeverAProbeAndOverlapGivesAnEer() {
        List<Evaluation.Labelled> t = new ArrayList<>(List.of(at("a", 0), at("a", 60), at("b", 30), at("lone", 180)));
        Evaluation e = new Evaluation(t);
        // a0's nearest is b30 (cos 30 > cos 60): wrong; a60's nearest is b30 too: wrong
        assertEquals(2, e.rank1Probes());
        assertEquals(0, e.rank1Correct());
        // genuine cos 60 = 0.5 under two impostors at cos 30 = 0.866 (of 5): at 0.5 FAR 2/5 and
        // FRR 0 are the closest pair the scores allow, so the EER reported is their mean, 0.2
        assertEquals(0.2, e.eer(), 1e-6);
        assertEquals(0.5f, e.equalError().threshold(), 1e-6);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0},
                Evaluation.histogram(e.genuineScores()));
        assertEquals(0.5f, Evaluation.quantile(e.genuineScores(), 0.5), 1e-6);
    }
}
