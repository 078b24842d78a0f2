/**
 * Faces found in frames: boxes, landmarks, quality and embeddings.
 */
@Export
@Version("1.1.0")
package io.vigil.api.face;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
