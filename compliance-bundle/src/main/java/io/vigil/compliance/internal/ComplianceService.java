package io.vigil.compliance.internal;

import io.vigil.api.status.ModuleStatus;
import io.vigil.api.status.StatusReporter;
import io.vigil.compliance.internal.audit.AuditTrailService;
import io.vigil.compliance.internal.deployment.DeploymentService;
import io.vigil.compliance.internal.ledger.LedgerLine;
import io.vigil.compliance.internal.ledger.LedgerService;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * The compliance module's line in {@code vigil status}: the deployments, the audit trail and the
 * facial-data ledger. All are optional references, so that when one of them cannot start (no
 * secret store, a damaged file) the status says so instead of the module vanishing from it.
 */
@Component(immediate = true, property = "vigil.module=compliance")
public class ComplianceService implements StatusReporter {

    private final Logger logger;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AuditTrailService audit;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile DeploymentService deployments;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile LedgerService ledger;

    @Activate
    public ComplianceService(@Reference(service = LoggerFactory.class) Logger logger) {
        this.logger = logger;
        logger.info("Vigil compliance module active");
    }

    @Deactivate
    void deactivate() {
        logger.info("Vigil compliance module stopped");
    }

    @Override
    public ModuleStatus status() {
        AuditTrailService a = audit;
        DeploymentService d = deployments;
        if (a == null) {
            return new ModuleStatus("compliance", ModuleStatus.Health.FAILED,
                    "the audit trail is not running (is the secret store open?); nothing that must be audited can happen");
        }
        LedgerService l = ledger;
        LedgerLine line = l == null ? new LedgerLine("ledger not running", true)
                : LedgerLine.of(l.assessments(), l.problem(), l.channels().status(), l.ledger().today());
        String detail = (d == null ? "deployments not running" : d.summary()) + "; " + a.summary() + "; " + line.text();
        boolean failed = a.problem().isPresent() || d == null || d.problem().isPresent();
        return new ModuleStatus("compliance", failed ? ModuleStatus.Health.FAILED
                : line.degraded() ? ModuleStatus.Health.DEGRADED : ModuleStatus.Health.OK, detail);
    }
}
