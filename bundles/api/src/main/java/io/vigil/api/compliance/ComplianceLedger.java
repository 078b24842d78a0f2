package io.vigil.api.compliance;

import java.nio.file.Path;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** The facial-data ledger, its filings and the audit trail's verification, served by the compliance bundle. */
@ProviderType
public interface ComplianceLedger {

    /**
     * Recounts what is held now (as {@code vigil compliance status} does) and returns it.
     *
     * @param form the officer's filing form file, whose blank required fields are listed; empty: none given
     */
    LedgerStatus status(Optional<Path> form) throws ComplianceException;

    /**
     * Writes and signs the filing pack into {@code folder} and {@code folder}.zip, as
     * {@code vigil compliance report} does.
     *
     * @param profile the profile code (CN, HK, UK, EU); empty: the configured default
     */
    FilingPack writeFilingPack(Optional<String> profile, Optional<Path> form, Path folder) throws ComplianceException;

    /** Re-computes the audit trail's chain and checks its signatures, as {@code vigil audit verify} does. */
    AuditVerification verifyAuditTrail() throws ComplianceException;
}
