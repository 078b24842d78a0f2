package io.vigil.compliance.internal.ledger;

import io.vigil.api.compliance.AuditVerification;
import io.vigil.api.compliance.ComplianceException;
import io.vigil.api.compliance.ComplianceLedger;
import io.vigil.api.compliance.FilingDeadline;
import io.vigil.api.compliance.FilingField;
import io.vigil.api.compliance.FilingPack;
import io.vigil.api.compliance.HistoryDay;
import io.vigil.api.compliance.LedgerStatus;
import io.vigil.api.compliance.ProfileStatus;
import io.vigil.compliance.internal.audit.AuditTrailService;
import io.vigil.compliance.internal.audit.Finding;
import io.vigil.compliance.internal.audit.VerificationReport;
import io.vigil.compliance.internal.filing.FilingForm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The ledger as a service contract for the web console: the figures of {@code vigil compliance
 * status}, the pack of {@code vigil compliance report} and the check of {@code vigil audit verify},
 * through the very same calls, so the console and the command line never disagree.
 */
@Component(service = ComplianceLedger.class)
public class LedgerContract implements ComplianceLedger {

    /** The history the console draws: about a year. */
    static final int HISTORY_DAYS = 366;

    private final LedgerService ledger;
    private final AuditTrailService audit;

    @Activate
    public LedgerContract(@Reference LedgerService ledger, @Reference AuditTrailService audit) {
        this.ledger = ledger;
        this.audit = audit;
    }

    @Override
    public LedgerStatus status(Optional<Path> form) throws ComplianceException {
        try {
            List<Ledger.Assessment> all = ledger.recompute();
            LedgerCounts c = ledger.counts().orElseThrow();
            List<ProfileStatus> profiles = new ArrayList<>();
            for (Ledger.Assessment a : all) {
                JurisdictionProfile p = a.profile();
                profiles.add(new ProfileStatus(p.code(), p.name(), p.threshold(), a.individuals(), p.warningPercents(),
                        a.crossedOn(), a.obligations().stream().map(LedgerContract::deadline).toList(), a.warnings(),
                        p.obligations()));
            }
            List<HistoryDay> history = ledger.ledger().history(HISTORY_DAYS).stream()
                    .map(d -> new HistoryDay(d.day(), d.individuals(), d.templates(), d.images(), d.peak())).toList();
            return new LedgerStatus(c.at(), c.individuals(), c.unknownIndividuals(), c.templates(), c.images(), profiles,
                    history, fields(readForm(form).missing()), ledger.problem());
        } catch (ComplianceException e) {
            throw e;
        } catch (Exception e) {
            throw new ComplianceException("the ledger could not be counted: " + e.getMessage(), e);
        }
    }

    @Override
    public FilingPack writeFilingPack(Optional<String> profile, Optional<Path> form, Path folder) throws ComplianceException {
        try {
            JurisdictionProfile p = ledger.profile(profile.orElse(null));
            FilingForm[] read = new FilingForm[1];
            io.vigil.compliance.internal.filing.FilingPack.Written w = ledger.report(p, form, folder, read);
            return new FilingPack(p.code(), w.folder(), w.archive(), fields(read[0].missing()));
        } catch (IllegalArgumentException e) {
            throw new ComplianceException(e.getMessage(), e);
        } catch (Exception e) {
            throw new ComplianceException("the filing pack could not be written: " + e.getMessage(), e);
        }
    }

    @Override
    public AuditVerification verifyAuditTrail() throws ComplianceException {
        try {
            VerificationReport r = audit.verify(Optional.empty());
            return new AuditVerification(r.intact(), r.firstSequence(), r.lastSequence(), r.checkpoints(),
                    r.findings().stream().map(Finding::toString).toList(), r.notes());
        } catch (Exception e) {
            throw new ComplianceException("the audit trail could not be verified: " + e.getMessage(), e);
        }
    }

    private static FilingForm readForm(Optional<Path> form) throws ComplianceException {
        if (form.isEmpty()) {
            return FilingForm.empty();
        }
        try {
            return FilingForm.read(form.get());
        } catch (java.io.IOException e) {
            throw new ComplianceException("the filing form " + form.get() + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static List<FilingField> fields(List<FilingForm.Field> fields) {
        return fields.stream().map(f -> new FilingField(f.key(), f.english(), f.chinese())).toList();
    }

    private static FilingDeadline deadline(Obligation o) {
        return new FilingDeadline(o.kind(), o.openedOn(), o.deadline(), o.reason(), o.filedOn(), o.reference());
    }
}
