package io.vigil.alerts.internal;

import io.vigil.api.alert.Alert;
import io.vigil.api.alert.AlertState;
import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.alert.AlertTopics;
import io.vigil.api.alert.RecognitionEvidence;
import io.vigil.api.audit.AuditActions;
import io.vigil.api.camera.Camera;
import io.vigil.api.camera.CameraRegistry;
import io.vigil.api.watchlist.Recognition;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.osgi.service.log.Logger;

/**
 * Intake: a recognition becomes an alert, or improves the alert of its track. The alert, its
 * encrypted evidence, its announcement and its audit entry are committed in one transaction
 * before anything is said about it; the workers then announce it and forward the audit entry.
 */
final class AlertIntake {

    private final AlertStoreState state;
    private final Clock clock;
    private final SecureRandom random;
    private final Supplier<CameraRegistry> cameras;
    private final Logger logger;
    private final OwnershipFence fence;

    AlertIntake(AlertStoreState state, Clock clock, SecureRandom random, Supplier<CameraRegistry> cameras, Logger logger,
            OwnershipFence fence) {
        this.fence = fence;
        this.state = state;
        this.clock = clock;
        this.random = random;
        this.cameras = cameras;
        this.logger = logger;
    }

    Alert store(Recognition recognition, RecognitionEvidence evidence) throws AlertStoreException {
        Objects.requireNonNull(recognition, "recognition");
        Objects.requireNonNull(evidence, "evidence");
        OpenStore p = state.open();
        AlertService.Options o = state.options();
        Optional<String> vmsCameraId = vmsCameraId(recognition.observation().cameraId());
        Instant now = clock.instant();
        var observation = recognition.observation();
        StoredAlert stored = p.database().transaction(c -> {
            // in the transaction, so the check is as late as it can be before the commit
            fence.check(observation);
            Optional<StoredAlert> existing = AlertRecords.trackAlert(c, recognition, o.trackMergeWindow().toMillis());
            AlertId id;
            String outcome;
            if (existing.isPresent()) {
                StoredAlert e = existing.get();
                id = e.id();
                AlertRecords.seen(c, id, observation.captureTime());
                // once a reviewer has judged the evidence it stays what they judged
                if (e.state() == AlertState.NEW && better(recognition, e)) {
                    AlertRecords.improve(c, id, recognition, now);
                    seal(c, p.cipher(), id, evidence, now);
                    Outbox.add(c, id, AlertTopics.STORED, AlertState.NEW, true, now);
                    p.cluster().queueAlert(c, id, now);
                    outcome = "improved";
                } else {
                    outcome = "same-track";
                }
            } else {
                id = AlertRecords.insert(c, recognition, vmsCameraId, tag(), now);
                seal(c, p.cipher(), id, evidence, now);
                Outbox.add(c, id, AlertTopics.STORED, AlertState.NEW, false, now);
                p.cluster().queueAlert(c, id, now);
                outcome = "created";
            }
            AuditBacklog.add(c, AuditActions.MATCH, AlertService.SYSTEM_ACTOR, matchDetails(id, recognition, evidence, outcome), now);
            return AlertRecords.find(c, id).orElseThrow();
        });
        p.announcer().wake();
        p.auditForwarder().wake();
        p.cluster().wake();
        return stored.toAlert();
    }

    /** Faces of one person are ranked by the analyser's quality score; the similarity breaks a tie. */
    private static boolean better(Recognition r, StoredAlert e) {
        float q = r.observation().quality().score();
        return q > e.quality() || (q == e.quality() && r.score() > e.score());
    }

    private static void seal(Connection c, EvidenceKeys keys, AlertId id, RecognitionEvidence evidence, Instant now)
            throws SQLException, AlertStoreException {
        EvidenceKeys.Sealed face = keys.seal(evidence.faceCrop(), EvidenceCipher.associated(id, "face-crop"), now);
        EvidenceKeys.Sealed region = keys.seal(evidence.frameRegion(), EvidenceCipher.associated(id, "frame-region"), now);
        AlertRecords.putEvidence(c, id, face.period(), face.value(), region.value());
    }

    /** The input that led to the match, without the face: ids, scores, and hashes of the evidence. */
    private static Map<String, String> matchDetails(AlertId id, Recognition r, RecognitionEvidence evidence, String outcome) {
        var o = r.observation();
        Map<String, String> d = new LinkedHashMap<>();
        d.put("alert", id.toString());
        d.put("outcome", outcome);
        d.put("deployment", r.deploymentId());
        d.put("camera", o.cameraId());
        d.put("capture", o.captureTime().toString());
        d.put("track", Long.toString(o.trackId()));
        d.put("watchlist", r.watchlistId());
        d.put("subject", r.subjectPseudonym());
        d.put("score", Float.toString(r.score()));
        d.put("threshold", Float.toString(r.threshold()));
        d.put("quality", Float.toString(o.quality().score()));
        d.put("model", o.embedding().modelId() + "@" + o.embedding().modelVersion());
        d.put("face-crop.sha256", ExportSigningKey.sha256Hex(evidence.faceCrop()));
        d.put("frame-region.sha256", ExportSigningKey.sha256Hex(evidence.frameRegion()));
        return d;
    }

    private String tag() {
        byte[] b = new byte[8];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private Optional<String> vmsCameraId(String cameraId) {
        CameraRegistry registry = cameras.get();
        if (registry == null) {
            return Optional.empty();
        }
        try {
            return registry.camera(cameraId).flatMap(Camera::vmsCameraId);
        } catch (RuntimeException e) {
            // the registry is another bundle: a failure there must not lose the alert
            logger.warn("Camera registry failed for camera {}: {}", cameraId, e.getMessage());
            return Optional.empty();
        }
    }
}
