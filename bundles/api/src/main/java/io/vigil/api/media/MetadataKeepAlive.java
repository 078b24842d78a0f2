package io.vigil.api.media;

import java.time.Instant;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The document a {@link MetadataMount} sends by itself when nothing else was sent for a while,
 * and to each new client at once, so clients know the stream is alive: for ONVIF, an empty
 * {@code tt:Frame}.
 */
@ConsumerType
@FunctionalInterface
public interface MetadataKeepAlive {

    /** The document for {@code now}, as UTF-8 XML. */
    byte[] document(Instant now);
}
