package io.vigil.api.alert;

import io.vigil.api.watchlist.Recognition;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Durable alerts. A recognition is committed here before anything is announced; the
 * announcement (Event Admin topic {@link AlertTopics#STORED}) is only a hint to read the store.
 */
@ProviderType
public interface AlertStore {

    /**
     * Commits the recognition with its evidence and returns the alert it became. A later, better
     * face of the same track, camera, deployment and subject updates that alert instead of making
     * another (one person passing is one alert).
     */
    Alert store(Recognition recognition, RecognitionEvidence evidence) throws AlertStoreException;

    Optional<Alert> alert(String id) throws AlertStoreException;

    /** Alerts stored after {@code afterId} (all when empty), oldest first, at most {@code limit}. */
    List<Alert> since(Optional<String> afterId, int limit) throws AlertStoreException;
}
