/**
 * Faces found in frames: boxes, landmarks, quality and embeddings (2.0: recognition receives
 * {@link FaceObservations}, each face with the frame around it).
 */
@Export
@Version("2.1.0")
package io.vigil.api.face;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
