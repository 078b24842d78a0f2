package io.vigil.compliance.internal.filing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.util.Selector;

/**
 * Checks a filing pack (its folder or its archive): the CMS signature over the manifest, then every
 * file against the manifest. Names each file that changed, is missing or was added.
 */
public final class PackVerifier {

    /** The outcome: {@code problems} empty means the pack is as signed. */
    public record Result(boolean signatureValid, String signer, String fingerprint, List<String> problems) {
        public boolean ok() {
            return signatureValid && problems.isEmpty();
        }
    }

    private PackVerifier() {
    }

    /**
     * As {@link #verify(Path)}, and the signer must hold the certificate with this SHA-256: a valid
     * signature proves nothing when anyone's key may make one.
     */
    public static Result verify(Path pack, String expectedCertificateSha256) throws FilingException {
        Result r = verify(pack);
        if (!r.signatureValid() || expectedCertificateSha256.equals(r.fingerprint())) {
            return r;
        }
        List<String> problems = new ArrayList<>();
        problems.add(FilingPack.SIGNATURE + ": signed by a certificate that is not this organisation's (expected SHA-256 "
                + expectedCertificateSha256 + "); the pack may have been altered and re-signed");
        problems.addAll(r.problems());
        return new Result(r.signatureValid(), r.signer(), r.fingerprint(), problems);
    }

    public static Result verify(Path pack) throws FilingException {
        Map<String, byte[]> files = Files.isDirectory(pack) ? folder(pack) : archive(pack);
        List<String> problems = new ArrayList<>();
        byte[] manifest = files.remove(FilingPack.MANIFEST);
        byte[] signature = files.remove(FilingPack.SIGNATURE);
        if (manifest == null || signature == null) {
            throw new FilingException(pack + " is not a filing pack: " + FilingPack.MANIFEST + " or " + FilingPack.SIGNATURE
                    + " is missing");
        }
        boolean valid = false;
        String signer = "?";
        String fingerprint = "?";
        try {
            CMSSignedData signed = new CMSSignedData(new CMSProcessableByteArray(manifest), signature);
            for (SignerInformation si : signed.getSignerInfos().getSigners()) {
                @SuppressWarnings("unchecked")
                Collection<X509CertificateHolder> certs = signed.getCertificates().getMatches((Selector<X509CertificateHolder>) si.getSID());
                if (certs.isEmpty()) {
                    problems.add(FilingPack.SIGNATURE + ": the signer's certificate is not in the signature");
                    continue;
                }
                X509Certificate cert = new JcaX509CertificateConverter().setProvider(PackSigner.BC)
                        .getCertificate(certs.iterator().next());
                signer = cert.getSubjectX500Principal().getName();
                fingerprint = PackSigner.fingerprint(cert);
                valid = si.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(PackSigner.BC).build(cert));
            }
        } catch (CMSException | java.security.GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException e) {
            valid = false;
        }
        if (!valid) {
            problems.add(FilingPack.MANIFEST + " was changed or " + FilingPack.SIGNATURE
                    + " is not a valid signature of it: the pack's file list cannot be trusted");
        }
        Map<String, String> listed = new LinkedHashMap<>();
        for (String line : new String(manifest, StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                listed.put(line.substring(66), line.substring(0, 64));
            }
        }
        for (Map.Entry<String, String> e : listed.entrySet()) {
            byte[] actual = files.remove(e.getKey());
            if (actual == null) {
                problems.add(e.getKey() + ": missing");
            } else if (!FilingPack.sha256(actual).equals(e.getValue())) {
                problems.add(e.getKey() + ": changed since it was signed");
            }
        }
        for (String extra : files.keySet()) {
            problems.add(extra + ": added after signing (not in the manifest)");
        }
        return new Result(valid, signer, fingerprint, problems);
    }

    private static Map<String, byte[]> folder(Path dir) throws FilingException {
        Map<String, byte[]> out = new TreeMap<>();
        try (var list = Files.list(dir)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                if (Files.isRegularFile(p)) {
                    out.put(p.getFileName().toString(), Files.readAllBytes(p));
                }
            }
        } catch (IOException e) {
            throw new FilingException(dir + " cannot be read: " + e.getMessage(), e);
        }
        return out;
    }

    private static Map<String, byte[]> archive(Path zip) throws FilingException {
        Map<String, byte[]> out = new TreeMap<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
            for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
                if (!e.isDirectory()) {
                    String name = e.getName().substring(e.getName().lastIndexOf('/') + 1);
                    out.put(name, z.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new FilingException(zip + " is neither a filing pack folder nor a readable archive: " + e.getMessage(), e);
        }
        return out;
    }
}
