package io.vigil.compliance.internal.audit;

import io.vigil.api.cluster.SharedLog;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;

/**
 * Sends the audit trail to the cluster's audit log while this node is a cluster member: an {@link AuditPublisher} runs
 * for as long as a {@link SharedLog} is bound. The shared log is optional, so on a single node this component is
 * active, does nothing, and nothing in {@code vigil status} waits for it.
 */
@Component(immediate = true, service = {})
public class ClusterAuditPublication {

    private final AuditTrailService trail;
    private final Logger logger;
    private SharedLog bound;
    private AuditPublisher publisher;

    @Activate
    public ClusterAuditPublication(@Reference AuditTrailService trail, @Reference(service = LoggerFactory.class) Logger logger) {
        this.trail = trail;
        this.logger = logger;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindSharedLog(SharedLog log) {
        stop();
        bound = log;
        publisher = new AuditPublisher(trail, log, logger);
    }

    synchronized void unbindSharedLog(SharedLog log) {
        if (bound == log) {
            stop();
        }
    }

    @Deactivate
    synchronized void deactivate() {
        stop();
    }

    private void stop() {
        if (publisher != null) {
            publisher.close();
            publisher = null;
            bound = null;
        }
    }
}
