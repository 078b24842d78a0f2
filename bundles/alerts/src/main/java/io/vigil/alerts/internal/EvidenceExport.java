package io.vigil.alerts.internal;

import io.vigil.support.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * An alert as a package for court: {@code alert.json} (every field, the scores, the review trail),
 * {@code face-crop.jpg} and {@code frame-region.jpg} as the camera saw them, {@code public-key.pem},
 * {@code manifest.sha256} (the SHA-256 of each of those, in {@code sha256sum} format) and
 * {@code manifest.sha256.sig} (Ed25519 over the manifest's bytes). Built in memory: the decrypted
 * evidence goes into the package and nowhere else.
 */
final class EvidenceExport {

    static final String FORMAT = "vigil-alert-evidence/1";
    static final String ALERT_JSON = "alert.json";
    static final String FACE_CROP = "face-crop.jpg";
    /** As enrolled: the original file's bytes (JPEG, PNG, ...), whatever its format. */
    static final String ENROLLED_PHOTO = "enrolled-photo";
    static final String FRAME_REGION = "frame-region.jpg";
    static final String PUBLIC_KEY = "public-key.pem";
    static final String MANIFEST = "manifest.sha256";
    static final String SIGNATURE = "manifest.sha256.sig";

    private EvidenceExport() {
    }

    /** The package's bytes and what identifies it. */
    record Package(byte[] zip, String manifestSha256, String keyFingerprint) {
    }

    /** Who exported, when, and under which review rules. */
    record Context(String exportedBy, Instant exportedAt, boolean twoPersonConfirmation) {
    }

    static Package build(StoredAlert alert, List<Review> reviews, byte[] faceCrop, byte[] frameRegion,
                         ExportSigningKey key, Context context) {
        return build(alert, reviews, faceCrop, frameRegion, java.util.Optional.empty(), key, context);
    }

    /** With the photo the subject was enrolled from, when the watchlist still holds it. */
    static Package build(StoredAlert alert, List<Review> reviews, byte[] faceCrop, byte[] frameRegion,
                         java.util.Optional<byte[]> enrolledPhoto, ExportSigningKey key, Context context) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(ALERT_JSON, (Json.pretty(describe(alert, reviews, key, context, enrolledPhoto.isPresent())) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        files.put(FACE_CROP, faceCrop);
        files.put(FRAME_REGION, frameRegion);
        enrolledPhoto.ifPresent(photo -> files.put(ENROLLED_PHOTO, photo));
        files.put(PUBLIC_KEY, key.publicKeyPem().getBytes(StandardCharsets.US_ASCII));
        StringBuilder manifest = new StringBuilder();
        files.forEach((name, data) -> manifest.append(ExportSigningKey.sha256Hex(data)).append("  ").append(name).append('\n'));
        byte[] manifestBytes = manifest.toString().getBytes(StandardCharsets.US_ASCII);
        files.put(MANIFEST, manifestBytes);
        files.put(SIGNATURE, key.sign(manifestBytes));

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                ZipEntry e = new ZipEntry(f.getKey());
                e.setLastModifiedTime(FileTime.from(context.exportedAt()));
                zip.putNextEntry(e);
                zip.write(f.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return new Package(out.toByteArray(), ExportSigningKey.sha256Hex(manifestBytes), key.fingerprint());
    }

    private static Map<String, Object> describe(StoredAlert a, List<Review> reviews, ExportSigningKey key, Context context,
                                                boolean enrolledPhotoIncluded) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("id", a.id().toString());
        alert.put("state", a.state().name());
        alert.put("deploymentId", a.deploymentId());
        alert.put("cameraId", a.cameraId());
        alert.put("vmsCameraId", a.vmsCameraId().orElse(null));
        alert.put("captureTime", a.captureTime().toString());
        alert.put("trackId", a.trackId());
        alert.put("watchlistId", a.watchlistId());
        alert.put("watchlistCategory", a.category());
        alert.put("subjectPseudonym", a.subjectPseudonym());
        alert.put("score", a.score());
        alert.put("threshold", a.threshold());
        alert.put("faceQuality", a.quality());
        Map<String, Object> box = new LinkedHashMap<>();
        box.put("x", a.box().x());
        box.put("y", a.box().y());
        box.put("width", a.box().width());
        box.put("height", a.box().height());
        alert.put("faceBox", box);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", a.modelId());
        model.put("version", a.modelVersion());
        alert.put("embeddingModel", model);
        alert.put("storedAt", a.storedAt().toString());
        alert.put("updatedAt", a.updatedAt().toString());
        alert.put("lastSeen", a.lastSeen().toString());
        alert.put("facesOfTrack", a.faces());
        alert.put("legalHold", a.legalHold());
        alert.put("legalHoldBy", a.holdBy().orElse(null));
        alert.put("legalHoldSince", a.holdSince().map(Instant::toString).orElse(null));

        List<Object> trail = new ArrayList<>();
        for (Review r : reviews) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("reviewer", r.reviewer());
            m.put("outcome", r.outcome().name());
            m.put("reason", r.reason().map(DismissReason::text).orElse(null));
            m.put("at", r.at().toString());
            trail.add(m);
        }

        Map<String, Object> export = new LinkedHashMap<>();
        export.put("exportedBy", context.exportedBy());
        export.put("exportedAt", context.exportedAt().toString());
        export.put("twoPersonConfirmation", context.twoPersonConfirmation());
        export.put("signingKeySha256", key.fingerprint());
        export.put("enrolledPhotoIncluded", enrolledPhotoIncluded);

        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("alert", alert);
        doc.put("reviews", trail);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("faceCrop", FACE_CROP);
        evidence.put("frameRegion", FRAME_REGION);
        doc.put("files", evidence);
        doc.put("export", export);
        return doc;
    }
}
