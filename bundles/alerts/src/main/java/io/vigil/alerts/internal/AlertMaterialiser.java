package io.vigil.alerts.internal;

import io.vigil.api.alert.AlertState;
import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.alert.AlertTopics;
import io.vigil.api.cluster.SharedLogListener;
import io.vigil.api.cluster.SharedRecord;
import io.vigil.support.sqlite.SqliteDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import org.osgi.service.log.Logger;

/**
 * Builds this node's copy of the cluster's alerts from the {@code alerts} log: each record is
 * applied, and its position stored, in one transaction, so a restart resumes after the last record
 * applied and nothing is applied twice. An alert of another node is inserted with its sealed
 * evidence exactly as published and announced on this node's Event Admin like a local one (the
 * ONVIF device and the ledger hear of it once); this node's own records are already here. Reviews
 * are decided here, in the log's order per alert, by the same rules on every node
 * ({@link AlertReviews#applyConfirmation}): two confirmations by one person from two nodes are
 * one, the second refused wherever it is applied, and the node that asked records the outcome for
 * its waiting command.
 */
final class AlertMaterialiser implements SharedLogListener {

    private final SqliteDatabase<AlertStoreException> database;
    private final String nodeId;
    private final Clock clock;
    private final Runnable announce;
    private final Logger logger;
    private volatile boolean caughtUp;

    AlertMaterialiser(SqliteDatabase<AlertStoreException> database, String nodeId, Clock clock, Runnable announce,
                      Logger logger) {
        this.database = database;
        this.nodeId = nodeId;
        this.clock = clock;
        this.announce = announce;
        this.logger = logger;
    }

    @Override
    public void record(SharedRecord r) throws AlertStoreException {
        Object entry;
        try {
            entry = AlertLogRecords.read(r.value());
        } catch (RuntimeException e) {
            // a record this version cannot read blocks nothing: it is named and passed
            logger.error("Alert log record {}@{} (key {}) skipped: {}", r.partition(), r.offset(), r.key(), e.getMessage());
            database.transaction(c -> {
                ClusterOutbox.applied(c, AlertLogRecords.ALERTS.name(), r.partition(), r.offset());
                return null;
            });
            return;
        }
        database.transaction(c -> {
            if (entry instanceof AlertLogRecords.AlertEntry a) {
                alert(c, a);
            } else if (entry instanceof AlertLogRecords.ReviewEntry v) {
                review(c, v);
            }
            ClusterOutbox.applied(c, AlertLogRecords.ALERTS.name(), r.partition(), r.offset());
            return null;
        });
        announce.run();
    }

    @Override
    public void caughtUp() {
        caughtUp = true;
    }

    boolean isCaughtUp() {
        return caughtUp;
    }

    private void alert(Connection c, AlertLogRecords.AlertEntry e) throws SQLException, AlertStoreException {
        StoredAlert a = e.alert();
        boolean own = e.origin().equals(nodeId);
        // this node's own evidence is under its own key; another node's under that node's key, kept here as period:node
        String keyPeriod = own ? e.keyPeriod() : EvidenceKeyShare.peerPeriod(e.keyPeriod(), e.origin());
        Optional<StoredAlert> here = AlertRecords.find(c, a.id());
        if (here.isEmpty()) {
            // another node's alert, or this node's own from before its data folder was replaced
            AlertRecords.insertMaterialised(c, a);
            AlertRecords.putEvidence(c, a.id(), keyPeriod, e.faceCrop(), e.frameRegion());
            Outbox.add(c, a.id(), AlertTopics.STORED, AlertState.NEW, false, clock.instant());
            return;
        }
        StoredAlert h = here.get();
        if (own || !h.originNode().equals(Optional.of(e.origin()))) {
            // already applied where it was stored; or an id clash with another node's alert, which is refused, not merged
            if (!own) {
                logger.error("Alert {} from node {} clashes with an alert of {} here: not applied", a.id(), e.origin(),
                        h.originNode().orElse("this node"));
            }
            return;
        }
        // a better face: it replaces the evidence only while nobody has judged the alert, as where it was stored
        if (h.state() == AlertState.NEW) {
            AlertRecords.improveMaterialised(c, a);
            AlertRecords.putEvidence(c, a.id(), keyPeriod, e.faceCrop(), e.frameRegion());
            Outbox.add(c, a.id(), AlertTopics.STORED, AlertState.NEW, true, clock.instant());
        }
    }

    private void review(Connection c, AlertLogRecords.ReviewEntry v) throws SQLException {
        Optional<StoredAlert> a = AlertRecords.find(c, v.alert());
        if (a.isEmpty()) {
            ReviewRequests.decided(c, v.requestId(), false, "no alert " + v.alert() + " on this node (deleted by retention)",
                    clock.instant());
            return;
        }
        try {
            if (v.outcome() == Review.Outcome.CONFIRMED) {
                AlertReviews.applyConfirmation(c, a.get(), v.reviewer(), v.twoPerson(), v.at());
            } else {
                AlertReviews.applyDismissal(c, a.get(), v.reviewer(), v.reason().orElseThrow(), v.at());
            }
            ReviewRequests.decided(c, v.requestId(), true, null, clock.instant());
        } catch (AlertStoreException refused) {
            // the log's order decided against it (checked again here, as on every node): nothing changes
            ReviewRequests.decided(c, v.requestId(), false, refused.getMessage(), clock.instant());
        }
    }
}
