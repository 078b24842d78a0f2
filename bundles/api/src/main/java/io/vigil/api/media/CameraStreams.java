package io.vigil.api.media;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Streams offered to ingest: the camera registry registers one per camera whose stream it has
 * resolved, and a stream configured by hand ({@code io.vigil.ingest.stream-<name>.cfg}) is one
 * too. Ingest runs one stream per camera id among all offered, and tells nobody but the
 * {@link CameraStreamsListener}s when it should look again: a provider calls each of them after
 * its {@link #streams()} changed.
 */
@ConsumerType
public interface CameraStreams {

    /** The streams offered now; may be empty (a camera not resolved yet). */
    List<StreamSpec> streams();
}
