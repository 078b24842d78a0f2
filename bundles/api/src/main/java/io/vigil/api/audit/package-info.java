/**
 * The tamper-evident audit trail every bundle writes to.
 */
@Export
@Version("1.2.0")
package io.vigil.api.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
