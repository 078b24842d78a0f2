package io.vigil.alerts.internal;

import static io.vigil.alerts.internal.AuditedActions.actor;
import static io.vigil.alerts.internal.AuditedActions.found;
import static io.vigil.alerts.internal.AuditedActions.idOf;
import static io.vigil.alerts.internal.AuditedActions.record;

import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.audit.AuditActions;
import io.vigil.api.audit.AuditTrail;
import io.vigil.api.watchlist.EnrolmentPhotos;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Export: an alert's evidence package, signed, written readable by its owner only, optionally
 * encrypted to a recipient's certificate; the disclosure recorded in the audit trail before the
 * file is written.
 */
final class EvidenceExporter {

    /** What an export wrote. */
    record Exported(Path file, String manifestSha256, String keyFingerprint) {
    }

    private final AlertStoreState state;
    private final Clock clock;
    private final Supplier<EnrolmentPhotos> enrolmentPhotos;

    EvidenceExporter(AlertStoreState state, Clock clock, Supplier<EnrolmentPhotos> enrolmentPhotos) {
        this.state = state;
        this.clock = clock;
        this.enrolmentPhotos = enrolmentPhotos;
    }

    Exported export(String id, Path to, String by) throws AlertStoreException {
        return export(id, to, by, Optional.empty());
    }

    /**
     * Writes the evidence package to {@code to}, readable by its owner only (0600, whatever the
     * umask); with a recipient certificate, encrypted to it (CMS enveloped data, {@code ....zip.p7m}).
     */
    Exported export(String id, Path to, String by, Optional<Path> recipientCertificate) throws AlertStoreException {
        OpenStore p = state.open();
        AuditTrail trail = AuditedActions.requireAudit(state, p, "an export");
        AlertId aid = idOf(id);
        String actor = actor(by);
        if (!to.isAbsolute()) {
            throw new AlertStoreException("give the package's absolute path (" + to + " is relative, and the container's"
                    + " working folder is not yours)", null);
        }
        String suffix = recipientCertificate.isPresent() ? ".zip.p7m" : ".zip";
        if (!to.getFileName().toString().endsWith(suffix)) {
            throw new AlertStoreException(recipientCertificate.isPresent()
                    ? "a package encrypted to a recipient is CMS enveloped data: name it ....zip.p7m"
                    : "the package is a zip file: name it ....zip", null);
        }
        Optional<java.security.cert.X509Certificate> recipient = recipientCertificate.isPresent()
                ? Optional.of(EvidenceEnvelope.recipient(recipientCertificate.get(), clock.instant())) : Optional.empty();
        if (Files.exists(to)) {
            throw new AlertStoreException(to + " exists; an evidence package is never overwritten", null);
        }
        if (to.getParent() == null || !Files.isDirectory(to.getParent())) {
            throw new AlertStoreException("the folder " + to.getParent() + " does not exist", null);
        }
        record Read(StoredAlert alert, List<Review> reviews, AlertRecords.SealedEvidence evidence) {
        }
        Read read = p.database().read(c -> new Read(found(c, aid), AlertRecords.reviews(c, aid),
                AlertRecords.evidence(c, aid).orElseThrow(() -> new AlertStoreException(
                        "alert " + aid + " has no stored evidence", null))));
        byte[] face = p.cipher().decrypt(read.evidence().keyPeriod(), read.evidence().faceCrop(),
                EvidenceCipher.associated(aid, "face-crop"));
        byte[] region = p.cipher().decrypt(read.evidence().keyPeriod(), read.evidence().frameRegion(),
                EvidenceCipher.associated(aid, "frame-region"));
        EnrolmentPhotos photos = enrolmentPhotos.get();
        java.util.Optional<byte[]> enrolled = photos == null ? java.util.Optional.empty()
                : photos.enrolmentPhoto(read.alert().watchlistId(), read.alert().subjectPseudonym());
        EvidenceExport.Package pack;
        try {
            pack = EvidenceExport.build(read.alert(), read.reviews(), face, region, enrolled, p.signingKey(),
                    new EvidenceExport.Context(actor, clock.instant(), state.options().twoPersonConfirmation()));
        } finally {
            Arrays.fill(face, (byte) 0);
            Arrays.fill(region, (byte) 0);
            enrolled.ifPresent(b -> Arrays.fill(b, (byte) 0));
        }
        Map<String, String> d = new LinkedHashMap<>();
        d.put("alert", aid.toString());
        d.put("file", to.toString());
        d.put("manifest.sha256", pack.manifestSha256());
        d.put("signing.key.sha256", pack.keyFingerprint());
        recipient.ifPresent(r -> {
            d.put("encrypted.to", r.getSubjectX500Principal().getName());
            d.put("encrypted.to.sha256", EvidenceEnvelope.fingerprint(r));
        });
        byte[] written;
        try {
            written = recipient.isPresent() ? EvidenceEnvelope.seal(pack.zip(), recipient.get()) : pack.zip();
        } catch (AlertStoreException e) {
            Arrays.fill(pack.zip(), (byte) 0);
            throw e;
        }
        // a disclosure is recorded before it happens: a failed write leaves a record too many, never one too few
        record(trail, AuditActions.ALERT_EXPORTED, actor, d);
        // created 0600: the package holds a face and the frame around it, whoever's umask the container runs under
        try (OutputStream out = java.nio.channels.Channels.newOutputStream(Files.newByteChannel(to,
                java.util.Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))))) {
            out.write(written);
        } catch (FileAlreadyExistsException e) {
            throw new AlertStoreException(to + " exists; an evidence package is never overwritten", e);
        } catch (IOException e) {
            throw new AlertStoreException("cannot write " + to + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(pack.zip(), (byte) 0);
            Arrays.fill(written, (byte) 0);
        }
        return new Exported(to, pack.manifestSha256(), pack.keyFingerprint());
    }
}
