package io.vigil.watchlist.match;

import java.util.Optional;

/**
 * What a face is, once each watchlist's threshold has been applied: a match, or explicitly
 * unknown. Unknown still carries the closest subject, because reviewers and {@code vigil identify}
 * show how near the nearest miss was.
 */
public sealed interface Decision permits Decision.Match, Decision.Unknown {

    /** The best subject whose score reached its own watchlist's threshold. */
    record Match(Candidate candidate, float threshold) implements Decision {
    }

    /** Nobody reached their watchlist's threshold; {@code closest} is empty only for an empty index. */
    record Unknown(Optional<Candidate> closest) implements Decision {
    }
}
