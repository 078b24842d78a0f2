/**
 * The compliance ledger as other bundles (the web console) read and use it: counts held against
 * each jurisdiction profile's threshold, the daily history, filing deadlines, the filing form's
 * missing fields, the signed filing pack, and verification of the audit trail. The same figures
 * and code paths as {@code vigil compliance} and {@code vigil audit verify}.
 */
@Export
@Version("1.0.0")
package io.vigil.api.compliance;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
