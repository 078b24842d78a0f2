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
import java.time.Duration;
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
            s.review().confirm(a.id(), "Ann");
            s.review().confirm(a.id(), "Bob");
            Path zip = data.resolve("evidence").resolve(a.id() + ".zip");
            Files.createDirectories(zip.getParent());
            EvidenceExporter.Exported exported = s.exports().export(a.id(), zip, "Insp. Wood");

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
            assertEquals(exported.keyFingerprint(), s.exports().export(a.id(), again, "Insp. Wood").keyFingerprint());
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
            AlertStoreException e1 = assertThrows(AlertStoreException.class, () -> s.exports().export(a.id(), existing, "x"));
            assertTrue(e1.getMessage().contains("never overwritten"), e1.getMessage());
            assertEquals("keep", Files.readString(existing));
            AlertStoreException e2 = assertThrows(AlertStoreException.class, () -> s.exports().export(a.id(), Path.of("rel.zip"), "x"));
            assertTrue(e2.getMessage().contains("absolute"), e2.getMessage());
            assertTrue(f.audit.of(AuditActions.ALERT_EXPORTED).isEmpty());
        } finally {
            s.deactivate();
        }
    }

    /** Issue 19.8: the package is written for its owner only (0600), whatever the umask. */
    @Test
    void thePackageIsReadableByItsOwnerOnly() throws Exception {
        AlertFixture f = new AlertFixture(data);
        AlertService s = f.start();
        try {
            Alert a = s.store(recognition("cam-1", 7, "S-AAA", 0.62f, 0.7f, T0), evidence(7));
            Path zip = data.resolve("owner-only.zip");
            s.exports().export(a.id(), zip, "Insp. Wood");
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(zip)));
        } finally {
            s.deactivate();
        }
    }

    /** Runs a command (openssl: the recipient's own tool, not Bouncy Castle) and returns its output. */
    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", command) + ": " + out);
        return out;
    }

    /**
     * Issue 19.8: encrypted to a recipient's certificate (RSA and EC), the package opens with the
     * recipient's private key, by openssl and by Bouncy Castle, and is the signed package inside;
     * the audit trail names the recipient.
     */
    @Test
    void aPackageEncryptedToARecipientOpensOnlyWithTheirKey() throws Exception {
        Path keys = Files.createDirectories(data.resolve("recipient"));
        run(keys, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "rsa.key", "-out", "rsa.pem",
                "-days", "30", "-subj", "/CN=Crown Prosecution Service evidence unit");
        run(keys, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", "ec.key", "-out", "ec.pem", "-days", "30", "-subj", "/CN=Defence expert");
        run(keys, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "other.key", "-out", "other.pem",
                "-days", "30", "-subj", "/CN=Someone else");
        AlertFixture f = new AlertFixture(data);
        AlertService s = f.start();
        try {
            RecognitionEvidence e = evidence(7);
            Alert a = s.store(recognition("cam-1", 7, "S-AAA", 0.62f, 0.7f, T0), e);
            // the certificates openssl just made are valid from now on: the store's clock reaches now
            f.clock.advance(Duration.between(T0, java.time.Instant.now().plusSeconds(5)));
            for (String who : new String[] {"rsa", "ec"}) {
                Path sealed = data.resolve(who + "-evidence.zip.p7m");
                s.exports().export(a.id(), sealed, "Insp. Wood", java.util.Optional.of(keys.resolve(who + ".pem")));
                assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(sealed)));
                byte[] bytes = Files.readAllBytes(sealed);
                assertTrue(indexOf(bytes, "PK".getBytes(StandardCharsets.US_ASCII)) < 0 || !new String(bytes,
                        StandardCharsets.ISO_8859_1).contains("manifest.sha256"), "nothing of the zip in clear");

                // openssl, with the recipient's key
                Path opened = data.resolve(who + "-opened.zip");
                run(data, "openssl", "cms", "-decrypt", "-inform", "DER", "-in", sealed.toString(), "-recip",
                        keys.resolve(who + ".pem").toString(), "-inkey", keys.resolve(who + ".key").toString(), "-out",
                        opened.toString());
                Map<String, byte[]> files = entries(opened);
                assertTrue(verify(files), "the signed package is inside");
                assertArrayEquals(e.faceCrop(), files.get("face-crop.jpg"));

                // Bouncy Castle, with the key read from the same file
                org.bouncycastle.cms.CMSEnvelopedData cms = new org.bouncycastle.cms.CMSEnvelopedData(bytes);
                org.bouncycastle.cms.RecipientInformation info = cms.getRecipientInfos().getRecipients().iterator().next();
                java.security.PrivateKey key = privateKey(keys.resolve(who + ".key"));
                org.bouncycastle.cms.Recipient recipient = who.equals("rsa")
                        ? new org.bouncycastle.cms.jcajce.JceKeyTransEnvelopedRecipient(key)
                                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider())
                        : new org.bouncycastle.cms.jcajce.JceKeyAgreeEnvelopedRecipient(key)
                                .setProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
                assertArrayEquals(Files.readAllBytes(opened), info.getContent(recipient));
            }
            // another key does not open it
            Process wrong = new ProcessBuilder("openssl", "cms", "-decrypt", "-inform", "DER", "-in",
                    data.resolve("rsa-evidence.zip.p7m").toString(), "-inkey", keys.resolve("other.key").toString(), "-out",
                    data.resolve("wrong.zip").toString()).redirectErrorStream(true).start();
            wrong.getInputStream().readAllBytes();
            assertTrue(wrong.waitFor() != 0, "another key opened the package");

            InMemoryAuditTrail.Entry audited = f.audit.of(AuditActions.ALERT_EXPORTED).get(0);
            assertTrue(audited.details().get("encrypted.to").contains("Crown Prosecution Service"), audited.details().toString());
            assertEquals(64, audited.details().get("encrypted.to.sha256").length());

            // a wrong name, a file that is not a certificate: refused, nothing written, nothing recorded
            int before = f.audit.of(AuditActions.ALERT_EXPORTED).size();
            AlertStoreException name = assertThrows(AlertStoreException.class, () -> s.exports().export(a.id(), data.resolve("x.zip"),
                    "Insp. Wood", java.util.Optional.of(keys.resolve("rsa.pem"))));
            assertTrue(name.getMessage().contains(".zip.p7m"), name.getMessage());
            AlertStoreException notCert = assertThrows(AlertStoreException.class, () -> s.exports().export(a.id(),
                    data.resolve("y.zip.p7m"), "Insp. Wood", java.util.Optional.of(keys.resolve("rsa.key"))));
            assertTrue(notCert.getMessage().contains("certificate"), notCert.getMessage());
            assertFalse(Files.exists(data.resolve("y.zip.p7m")));
            assertEquals(before, f.audit.of(AuditActions.ALERT_EXPORTED).size());
        } finally {
            s.deactivate();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** An unencrypted PKCS#8 PEM key as openssl writes it. */
    private static java.security.PrivateKey privateKey(Path pem) throws Exception {
        String text = Files.readString(pem);
        byte[] der = Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").strip());
        java.security.spec.PKCS8EncodedKeySpec spec = new java.security.spec.PKCS8EncodedKeySpec(der);
        return java.security.KeyFactory.getInstance(text.contains("BEGIN PRIVATE KEY") && pem.getFileName().toString()
                .startsWith("ec") ? "EC" : "RSA").generatePrivate(spec);
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
