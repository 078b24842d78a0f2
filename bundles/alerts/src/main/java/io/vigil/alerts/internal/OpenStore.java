package io.vigil.alerts.internal;

import io.vigil.api.alert.AlertStoreException;
import io.vigil.support.sqlite.SqliteDatabase;

/**
 * Everything one open alert database needs: the database, its evidence keys and export signing
 * key, the workers that announce, forward to the audit trail and apply retention, and its part in
 * a cluster (idle on a single node). Replaced as
 * a whole when the database moves.
 */
record OpenStore(SqliteDatabase<AlertStoreException> database, EvidenceKeys cipher, ExportSigningKey signingKey,
                 OutboxDispatcher dispatcher, AuditBacklog backlog, RetentionJob retention,
                 BackgroundLoop announcer, BackgroundLoop auditForwarder, BackgroundLoop retentionLoop,
                 AlertCluster cluster) {

    void close() {
        cluster.close();
        announcer.close();
        auditForwarder.close();
        retentionLoop.close();
        database.close();
        cipher.destroy();
    }
}
