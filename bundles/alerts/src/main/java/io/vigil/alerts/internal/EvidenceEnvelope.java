package io.vigil.alerts.internal;

import io.vigil.api.alert.AlertStoreException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSEnvelopedDataGenerator;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.jcajce.JceCMSContentEncryptorBuilder;
import org.bouncycastle.cms.jcajce.JceKeyAgreeRecipientInfoGenerator;
import org.bouncycastle.cms.jcajce.JceKeyTransRecipientInfoGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.DERNull;

/**
 * An evidence package encrypted to the person it is disclosed to: CMS enveloped data (RFC 5652,
 * what {@code openssl cms -decrypt} and S/MIME tools read) with AES-256 content encryption and the
 * key wrapped for the recipient's certificate: RSA-OAEP (SHA-256) for an RSA key, ECDH with a
 * fresh ephemeral key for an EC key. Only the holder of the certificate's private key can open it,
 * so a copy left on a share or a USB stick discloses nothing. Bouncy Castle is used as a provider
 * object, never registered, so the bundle changes nothing for others.
 */
final class EvidenceEnvelope {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private EvidenceEnvelope() {
    }

    /** The recipient: the certificate in a PEM (or DER) file, which must be valid now. */
    static X509Certificate recipient(Path file, Instant now) throws AlertStoreException {
        Collection<? extends java.security.cert.Certificate> read;
        try {
            read = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new AlertStoreException("cannot read the recipient certificate " + file + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new AlertStoreException(file + " is not an X.509 certificate in PEM or DER: " + e.getMessage(), e);
        }
        if (read.size() != 1 || !(read.iterator().next() instanceof X509Certificate cert)) {
            throw new AlertStoreException(file + " must hold exactly one X.509 certificate (it holds " + read.size() + ")", null);
        }
        try {
            cert.checkValidity(Date.from(now));
        } catch (GeneralSecurityException e) {
            throw new AlertStoreException("the recipient certificate " + file + " is not valid now (" + e.getMessage()
                    + "); nothing was exported", e);
        }
        if (!(cert.getPublicKey() instanceof RSAPublicKey) && !(cert.getPublicKey() instanceof ECPublicKey)) {
            throw new AlertStoreException("the recipient certificate's key is " + cert.getPublicKey().getAlgorithm()
                    + "; an evidence package is encrypted to an RSA or EC key", null);
        }
        return cert;
    }

    /** SHA-256 of the certificate, as {@code openssl x509 -fingerprint -sha256} shows it (without colons). */
    static String fingerprint(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** The package encrypted to the recipient, DER-encoded. */
    static byte[] seal(byte[] zip, X509Certificate recipient) throws AlertStoreException {
        try {
            CMSEnvelopedDataGenerator generator = new CMSEnvelopedDataGenerator();
            if (recipient.getPublicKey() instanceof RSAPublicKey) {
                AlgorithmIdentifier oaep = new AlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, new RSAESOAEPparams(
                        new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE),
                        new AlgorithmIdentifier(PKCSObjectIdentifiers.id_mgf1,
                                new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE)),
                        RSAESOAEPparams.DEFAULT_P_SOURCE_ALGORITHM));
                generator.addRecipientInfoGenerator(new JceKeyTransRecipientInfoGenerator(recipient, oaep).setProvider(BC));
            } else {
                KeyPairGenerator ephemeral = KeyPairGenerator.getInstance("EC", BC);
                ephemeral.initialize(((ECPublicKey) recipient.getPublicKey()).getParams());
                KeyPair pair = ephemeral.generateKeyPair();
                generator.addRecipientInfoGenerator(new JceKeyAgreeRecipientInfoGenerator(CMSAlgorithm.ECDH_SHA256KDF,
                        pair.getPrivate(), pair.getPublic(), CMSAlgorithm.AES256_WRAP).addRecipient(recipient).setProvider(BC));
            }
            return generator.generate(new CMSProcessableByteArray(zip),
                    new JceCMSContentEncryptorBuilder(CMSAlgorithm.AES256_CBC).setProvider(BC).build()).getEncoded();
        } catch (CMSException | GeneralSecurityException | IOException e) {
            throw new AlertStoreException("cannot encrypt the package to the recipient: " + e.getMessage(), e);
        }
    }
}
