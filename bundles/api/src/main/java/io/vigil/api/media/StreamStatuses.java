package io.vigil.api.media;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/** Ingest's account of the streams it runs, as data (the console's stream table, status pages). */
@ProviderType
public interface StreamStatuses {

    /** One status per stream ingest runs now, by camera id. */
    List<StreamStatus> streams();
}
