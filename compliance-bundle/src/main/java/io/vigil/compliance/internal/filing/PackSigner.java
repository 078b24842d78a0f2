package io.vigil.compliance.internal.filing;

import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyInfoFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

/**
 * The organisation's filing-pack signing key and certificate, and detached CMS signatures with it.
 * Either configured (a PKCS#12 file, its password in the secret store) or made on first use: an
 * Ed25519 key whose 32-byte seed the secret store keeps (as key material, like the audit key) with a
 * self-signed certificate kept beside it (Base64 DER, as a secret-store text entry). The Bouncy
 * Castle provider is used as an instance, never registered, so nothing changes for other bundles.
 */
public final class PackSigner {

    public static final String SEED_ALIAS = "compliance.filing.signing.ed25519";
    public static final String CERTIFICATE_ALIAS = "compliance.filing.signing.certificate";

    static final Provider BC = new BouncyCastleProvider();

    private final PrivateKey key;
    private final X509Certificate certificate;

    PackSigner(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** The key in the secret store, made (with a self-signed certificate for {@code organisation}) if absent. */
    public static PackSigner fromSecretStore(SecretStore secrets, String organisation, SecureRandom random, Instant now)
            throws FilingException {
        try {
            Optional<SecretKey> stored = secrets.key(SEED_ALIAS);
            byte[] seed;
            if (stored.isPresent()) {
                seed = stored.get().getEncoded();
            } else {
                seed = new byte[Ed25519PrivateKeyParameters.KEY_SIZE];
                random.nextBytes(seed);
            }
            Ed25519PrivateKeyParameters params = new Ed25519PrivateKeyParameters(seed, 0);
            if (stored.isEmpty()) {
                secrets.putKey(SEED_ALIAS, new SecretKeySpec(seed, "AES"));
            }
            java.util.Arrays.fill(seed, (byte) 0);
            KeyFactory kf = KeyFactory.getInstance("Ed25519", BC);
            PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(
                    PrivateKeyInfoFactory.createPrivateKeyInfo(params).getEncoded()));
            PublicKey pub = kf.generatePublic(new X509EncodedKeySpec(
                    SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(params.generatePublicKey()).getEncoded()));
            Optional<char[]> certText = secrets.password(CERTIFICATE_ALIAS);
            X509Certificate cert;
            if (stored.isPresent() && certText.isPresent()) {
                cert = certificate(Base64.getDecoder().decode(new String(certText.get())));
            } else {
                cert = selfSigned(priv, pub, organisation, random, now);
                secrets.putPassword(CERTIFICATE_ALIAS, Base64.getEncoder().encodeToString(cert.getEncoded()).toCharArray());
            }
            return new PackSigner(priv, cert);
        } catch (SecretStoreException e) {
            throw new FilingException("the filing signing key is not available from the secret store: " + e.getMessage(), e);
        } catch (GeneralSecurityException | java.io.IOException | OperatorCreationException e) {
            throw new FilingException("the filing signing key cannot be made: " + e.getMessage(), e);
        }
    }

    /** A configured PKCS#12 file (the organisation's own key and certificate). */
    public static PackSigner fromPkcs12(Path file, char[] password) throws FilingException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            for (Enumeration<String> aliases = ks.aliases(); aliases.hasMoreElements(); ) {
                String alias = aliases.nextElement();
                if (ks.isKeyEntry(alias)) {
                    return new PackSigner((PrivateKey) ks.getKey(alias, password), (X509Certificate) ks.getCertificate(alias));
                }
            }
            throw new FilingException(file + " holds no private key");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new FilingException("the signing key file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static X509Certificate selfSigned(PrivateKey priv, PublicKey pub, String organisation, SecureRandom random,
                                              Instant now) throws OperatorCreationException, GeneralSecurityException {
        X500Name name = new X500Name("CN=" + escape(organisation) + " filing pack signer,O=" + escape(organisation));
        JcaX509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, new BigInteger(64, random).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))), name, pub);
        ContentSigner signer = new JcaContentSignerBuilder("Ed25519").setProvider(BC).build(priv);
        return new JcaX509CertificateConverter().setProvider(BC).getCertificate(b.build(signer));
    }

    private static String escape(String s) {
        return s.replaceAll("[,=+<>#;\"\\\\]", " ").strip();
    }

    static X509Certificate certificate(byte[] der) throws GeneralSecurityException {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    /** A detached CMS (PKCS#7) SignedData over {@code content}, carrying the certificate. */
    public byte[] sign(byte[] content) throws FilingException {
        try {
            String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA"
                    : key.getAlgorithm().startsWith("EC") ? "SHA256withECDSA" : "Ed25519";
            ContentSigner signer = new JcaContentSignerBuilder(algorithm).setProvider(BC).build(key);
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(BC).build()).build(signer, certificate));
            gen.addCertificate(new JcaX509CertificateHolder(certificate));
            CMSSignedData signed = gen.generate(new CMSProcessableByteArray(content), false);
            return signed.getEncoded();
        } catch (OperatorCreationException | CMSException | GeneralSecurityException | java.io.IOException e) {
            throw new FilingException("the filing pack cannot be signed: " + e.getMessage(), e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public static String fingerprint(X509Certificate c) {
        try {
            return HexFormat.ofDelimiter(":").formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
