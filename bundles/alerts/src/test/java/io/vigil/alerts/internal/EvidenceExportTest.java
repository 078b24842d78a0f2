package io.vigil.alerts.internal;

import static io.vigil.alerts.internal.AlertFixture.T0;
import static io.vigil.alerts.internal.AlertFixture.evidence;
import static io.vigil.alerts.internal.AlertFixture.recognition;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.alert.Alert;
import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.alert.RecognitionEvidence;
import io.vigil.api.audit.AuditActions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evidence package, checked the way a court's expert would: every file against the manifest,
 * the manifest's signature with the public key in the package (read independently of the code
 * that wrote it), and a tampered file or manifest caught.
 */
class EvidenceExportTest {

    @TempDir
    Path data;

    @Test
    void theManifestAndItsSignatureVerifyAndTamperingBreaksThem() throws Exception {
        AlertFixture f = new AlertFixture(data);
        AlertService s = f.start();
        try {
            RecognitionEvidence e = evidence(7);
            Alert a = s.store(recognition("cam-1", 7, "S-AAA", 0.62f, 0.7f, T0), e);
            s.confirm(a.id(), "Ann");
            s.confirm(a.id(), "Bob");
            Path zip = data.resolve("evidence").resolve(a.id() + ".zip");
            Files.createDirectories(zip.getParent());
            AlertService.Exported exported = s.export(a.id(), zip, "Insp. Wood");

            Map<String, byte[]> files = entries(zip);
            assertEquals(java.util.List.of("alert.json", "face-crop.jpg", "frame-region.jpg", "public-key.pem",
                    "manifest.sha256", "manifest.sha256.sig"), java.util.List.copyOf(files.keySet()));
            assertArrayEquals(e.faceCrop(), files.get("face-crop.jpg"));
            assertArrayEquals(e.frameRegion(), files.get("frame-region.jpg"));
            assertTrue(verify(files), "untouched package verifies");

            String json = new String(files.get("alert.json"), StandardCharsets.UTF_8);
            for (String expected : new String[] {"\"id\": \"" + a.id() + "\"", "\"score\": 0.62", "\"threshold\": 0.51",
                    "\"subjectPseudonym\": \"S-AAA\"", "\"reviewer\": \"Ann\"", "\"reviewer\": \"Bob\"",
                    "\"state\": \"CONFIRMED\"", "\"exportedBy\": \"Insp. Wood\""}) {
                assertTrue(json.contains(expected), expected + " in " + json);
            }

            // the audit trail names the package and the key: it ties a package to this Vigil
            InMemoryAuditTrail.Entry audited = f.audit.of(AuditActions.ALERT_EXPORTED).get(0);
            assertEquals("Insp. Wood", audited.actor());
            assertEquals(exported.manifestSha256(), audited.details().get("manifest.sha256"));
            assertEquals(sha256(files.get("manifest.sha256")), exported.manifestSha256());
            assertEquals(exported.keyFingerprint(), audited.details().get("signing.key.sha256"));
            // and the face crop's hash recorded with the match is the one in the package
            assertEquals(sha256(e.faceCrop()), f.audit.of(AuditActions.MATCH).get(0).details().get("face-crop.sha256"));

            // tampering: a changed byte in a file no longer matches the manifest
            Map<String, byte[]> edited = new LinkedHashMap<>(files);
            byte[] crop = files.get("face-crop.jpg").clone();
            crop[crop.length / 2] ^= 1;
            edited.put("face-crop.jpg", crop);
            assertFalse(verify(edited), "edited crop caught");
            // a manifest rewritten to match the edit no longer matches its signature
            String manifest = new String(files.get("manifest.sha256"), StandardCharsets.US_ASCII)
                    .replace(sha256(files.get("face-crop.jpg")), sha256(crop));
            edited.put("manifest.sha256", manifest.getBytes(StandardCharsets.US_ASCII));
            assertFalse(verify(edited), "re-hashed manifest caught by the signature");
            // an edited alert.json
            Map<String, byte[]> json2 = new LinkedHashMap<>(files);
            json2.put("alert.json", json.replace("\"Bob\"", "\"Rob\"").getBytes(StandardCharsets.UTF_8));
            assertFalse(verify(json2));

            // the signing key persists: a second export is signed by the same key
            Path again = zip.resolveSibling("again.zip");
            assertEquals(exported.keyFingerprint(), s.export(a.id(), again, "Insp. Wood").keyFingerprint());
            assertTrue(verify(entries(again)));
        } finally {
            s.deactivate();
        }
    }

    @Test
    void anExportNeverOverwritesAndNeedsAnAbsolutePath() throws Exception {
        AlertFixture f = new AlertFixture(data);
        AlertService s = f.start();
        try {
            Alert a = s.store(recognition("cam-1", 7, "S-AAA", 0.62f, 0.7f, T0), evidence(7));
            Path existing = Files.writeString(data.resolve("x.zip"), "keep");
            AlertStoreException e1 = assertThrows(AlertStoreException.class, () -> s.export(a.id(), existing, "x"));
            assertTrue(e1.getMessage().contains("never overwritten"), e1.getMessage());
            assertEquals("keep", Files.readString(existing));
            AlertStoreException e2 = assertThrows(AlertStoreException.class, () -> s.export(a.id(), Path.of("rel.zip"), "x"));
            assertTrue(e2.getMessage().contains("absolute"), e2.getMessage());
            assertTrue(f.audit.of(AuditActions.ALERT_EXPORTED).isEmpty());
        } finally {
            s.deactivate();
        }
    }

    /** sha256sum -c, then the Ed25519 signature with the package's own public key. */
    static boolean verify(Map<String, byte[]> files) throws Exception {
        String manifest = new String(files.get("manifest.sha256"), StandardCharsets.US_ASCII);
        int listed = 0;
        for (String line : manifest.split("\n")) {
            String[] parts = line.split("  ", 2);
            byte[] file = files.get(parts[1]);
            if (file == null || !sha256(file).equals(parts[0])) {
                return false;
            }
            listed++;
        }
        if (listed != files.size() - 2) {
            return false;
        }
        String pem = new String(files.get("public-key.pem"), StandardCharsets.US_ASCII);
        byte[] der = Base64.getMimeDecoder().decode(pem.replace("-----BEGIN PUBLIC KEY-----", "")
                .replace("-----END PUBLIC KEY-----", ""));
        AsymmetricKeyParameter key = PublicKeyFactory.createKey(der);
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        byte[] m = files.get("manifest.sha256");
        verifier.update(m, 0, m.length);
        return verifier.verifySignature(files.get("manifest.sha256.sig"));
    }

    static Map<String, byte[]> entries(Path zip) throws IOException {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = z.getNextEntry()) != null) {
                out.put(e.getName(), z.readAllBytes());
            }
        }
        return out;
    }

    static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }
}
