package io.vigil.alerts.internal;

import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.audit.AuditTrail;
import java.util.Optional;

/**
 * What intake, review and export share with the component that owns the store: the open
 * database (or why there is none), the configuration in force and the audit trail while it runs.
 * Each is read at the moment of use, because a reconfiguration or a bundle coming and going
 * changes them under a running command.
 */
interface AlertStoreState {

    OpenStore open() throws AlertStoreException;

    AlertService.Options options();

    Optional<AuditTrail> auditTrail();
}
