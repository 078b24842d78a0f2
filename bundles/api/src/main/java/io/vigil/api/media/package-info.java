/**
 * Decoded video frames handed from ingest to inference.
 */
@Export
@Version("1.0.0")
package io.vigil.api.media;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
