package io.vigil.api.watchlist;

import org.osgi.annotation.versioning.ProviderType;

/** The recognition stage's figures as data, for {@code vigil status --json} (its prose is its {@code StatusReporter}). */
@ProviderType
public interface RecognitionStage {

    RecognitionStatus figures();
}
