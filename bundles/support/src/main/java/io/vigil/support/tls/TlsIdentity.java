package io.vigil.support.tls;

import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A server's TLS key and certificate (the web console's, the ONVIF device's). Either an
 * administrator's keystore (path and type configured, its password in the secret store under the
 * configured alias), or one generated on first start: an EC P-256 key with a self-signed
 * certificate for localhost, 127.0.0.1 and the configured host, written as PKCS#12 into the data
 * folder, its random password in the secret store. A generated certificate close to its end is
 * replaced. No password is ever in configuration.
 */
public record TlsIdentity(KeyStore keyStore, char[] password, String alias, X509Certificate certificate, boolean generated) {

    private static final Duration VALIDITY = Duration.ofDays(825);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    /**
     * Whose identity and where it comes from. {@code owner} names the server in messages and in the
     * generated certificate's subject ("console": "the console keystore ...", {@code CN=Vigil
     * console}); {@code generatedAlias} is the key entry of a generated keystore.
     */
    public record Source(String owner, String generatedAlias, Optional<Path> configured, String type, String passwordAlias,
            Path generatedFile, String host) {
    }

    /** Makes the owning bundle's exception; {@code cause} may be null. */
    @FunctionalInterface
    public interface Failure<E extends Exception> {
        E of(String message, Exception cause);
    }

    public static <E extends Exception> TlsIdentity obtain(Source source, SecretStore secrets, Clock clock, Failure<E> failure)
            throws E {
        try {
            if (source.configured().isPresent()) {
                Path file = source.configured().get();
                Optional<char[]> password = secrets.password(source.passwordAlias());
                if (password.isEmpty()) {
                    throw failure.of("the " + source.owner() + " keystore " + file
                            + " is configured but the secret store has no password under '" + source.passwordAlias()
                            + "' (vigil secret set " + source.passwordAlias() + ")", null);
                }
                return load(source.owner(), file, source.type(), password.get(), false, failure);
            }
            Path file = source.generatedFile();
            Optional<char[]> password = secrets.password(source.passwordAlias());
            if (Files.isRegularFile(file) && password.isPresent()) {
                TlsIdentity existing = load(source.owner(), file, "PKCS12", password.get(), true, failure);
                if (clock.instant().plus(RENEW_BEFORE).isBefore(existing.certificate().getNotAfter().toInstant())) {
                    return existing;
                }
            }
            return generate(source, secrets, clock, failure);
        } catch (SecretStoreException e) {
            throw failure.of("the secret store failed: " + e.getMessage(), e);
        }
    }

    private static <E extends Exception> TlsIdentity load(String owner, Path file, String type, char[] password, boolean generated,
            Failure<E> failure) throws E {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(in, password);
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias) && ks.getCertificate(alias) instanceof X509Certificate x) {
                    return new TlsIdentity(ks, password, alias, x, generated);
                }
            }
            throw failure.of("the " + owner + " keystore " + file + " holds no private key with an X.509 certificate", null);
        } catch (IOException | GeneralSecurityException e) {
            throw failure.of("cannot read the " + owner + " keystore " + file + ": " + e.getMessage(), e);
        }
    }

    private static <E extends Exception> TlsIdentity generate(Source source, SecretStore secrets, Clock clock, Failure<E> failure)
            throws E, SecretStoreException {
        Path file = source.generatedFile();
        String host = source.host();
        SecureRandom random = new SecureRandom();
        byte[] raw = new byte[24];
        random.nextBytes(raw);
        char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw).toCharArray();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            Instant now = clock.instant();
            X500Name name = new X500Name("CN=Vigil " + source.owner() + ",O=Vigil");
            List<GeneralName> names = new ArrayList<>(List.of(new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
            if (!host.isBlank() && !host.equals("127.0.0.1") && !host.equals("0.0.0.0") && !host.equals("localhost")) {
                boolean ip = host.matches("[0-9.]+") || host.contains(":");
                names.add(new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, host));
            }
            if (host.equals("0.0.0.0")) {
                names.add(new GeneralName(GeneralName.dNSName, InetAddress.getLocalHost().getHostName()));
            }
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, new BigInteger(127, random).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), name, pair.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names.toArray(GeneralName[]::new)));
            X509CertificateHolder holder = builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(holder);

            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(source.generatedAlias(), pair.getPrivate(), password, new Certificate[] {certificate});
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".new");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, password);
            }
            // the password first: a keystore whose password is lost is useless, a stale password is replaced next start
            secrets.putPassword(source.passwordAlias(), password);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new TlsIdentity(ks, password, source.generatedAlias(), certificate, true);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw failure.of("cannot make the " + source.owner() + "'s certificate in " + file + ": " + e.getMessage(), e);
        }
    }

    /** SHA-256 of the certificate, as browsers show it. */
    public String fingerprint() {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            return "unknown";
        }
    }
}
