/**
 * The compliance ledger as other bundles read and use it: its warnings, as Event Admin events
 * ({@link io.vigil.api.compliance.ComplianceTopics}), so that a channel an administrator watches
 * (the ONVIF device's Event service) can carry them; and, for the web console, the counts held
 * against each jurisdiction profile's threshold, the daily history, filing deadlines, the filing
 * form's missing fields, the signed filing pack, and verification of the audit trail: the same
 * figures and code paths as {@code vigil compliance} and {@code vigil audit verify}.
 */
@Export
@Version("1.0.0")
package io.vigil.api.compliance;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
