package io.vigil.watchlist.internal.recognition;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vigil.watchlist.internal.recognition.TrackRecognitions.Decision;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackRecognitionsTest {

    private static BestCandidate match(String subject, float score) {
        return new BestCandidate(subject, score, 0.51f);
    }

    @Test
    void firstMatchRaisesBetterOnesUpdateOthersDoNothing() {
        TrackRecognitions alerts = new TrackRecognitions();
        assertEquals(Decision.NOTHING, alerts.decide(1, match("s1", 0.40f)), "below the threshold");
        assertEquals(Decision.RAISE, alerts.decide(1, match("s1", 0.51f)), "at the threshold, at once");
        assertEquals(Decision.NOTHING, alerts.decide(1, match("s1", 0.50f)));
        assertEquals(Decision.UPDATE, alerts.decide(1, match("s1", 0.60f)));
        assertEquals(Decision.NOTHING, alerts.decide(1, match("s1", 0.55f)), "worse than the alert's face");
        assertEquals(Decision.RAISE, alerts.decide(1, match("s2", 0.70f)), "another subject: its own alert");
        assertEquals(Decision.RAISE, alerts.decide(2, match("s1", 0.52f)), "another track: its own alert");
    }

    @Test
    void endedTracksAreForgotten() {
        TrackRecognitions alerts = new TrackRecognitions();
        alerts.decide(1, match("s1", 0.60f));
        alerts.decide(2, match("s1", 0.60f));
        alerts.forget(List.of(1L));
        assertEquals(1, alerts.tracksWithAlerts());
    }
}
