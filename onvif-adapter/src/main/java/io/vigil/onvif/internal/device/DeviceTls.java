package io.vigil.onvif.internal.device;

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
 * The device service's TLS key and certificate, handled as the console handles its own (the
 * console's {@code TlsIdentity}, adapted: bundles share no internal classes). Either an
 * administrator's keystore (path and type configured, its password in the secret store under the
 * configured alias), or one generated on first start: an EC P-256 key with a self-signed
 * certificate for localhost, 127.0.0.1 and the configured host, written as PKCS#12 into the data
 * folder ({@code onvif/tls.p12}), its random password in the secret store. A generated
 * certificate close to its end is replaced. No password is ever in configuration.
 */
record DeviceTls(KeyStore keyStore, char[] password, String alias, X509Certificate certificate, boolean generated) {

    /** Why the device's TLS identity could not be had; the message names the file or alias to fix. */
    static final class DeviceTlsException extends Exception {
        private static final long serialVersionUID = 1L;

        DeviceTlsException(String message) {
            super(message);
        }

        DeviceTlsException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    static final String GENERATED_ALIAS = "vigil-onvif-device";
    private static final Duration VALIDITY = Duration.ofDays(825);
    private static final Duration RENEW_BEFORE = Duration.ofDays(30);

    /** Where the keystore comes from. */
    record Source(Optional<Path> configured, String type, String passwordAlias, Path generatedFile, String host) {
    }

    static DeviceTls obtain(Source source, SecretStore secrets, Clock clock) throws DeviceTlsException {
        try {
            if (source.configured().isPresent()) {
                Path file = source.configured().get();
                char[] password = secrets.password(source.passwordAlias()).orElseThrow(() -> new DeviceTlsException(
                        "the ONVIF device keystore " + file + " is configured but the secret store has no password under '"
                                + source.passwordAlias() + "' (vigil secret set " + source.passwordAlias() + ")"));
                return load(file, source.type(), password, false);
            }
            Path file = source.generatedFile();
            Optional<char[]> password = secrets.password(source.passwordAlias());
            if (Files.isRegularFile(file) && password.isPresent()) {
                DeviceTls existing = load(file, "PKCS12", password.get(), true);
                if (clock.instant().plus(RENEW_BEFORE).isBefore(existing.certificate().getNotAfter().toInstant())) {
                    return existing;
                }
            }
            return generate(file, source.host(), secrets, source.passwordAlias(), clock);
        } catch (SecretStoreException e) {
            throw new DeviceTlsException("the secret store failed: " + e.getMessage(), e);
        }
    }

    private static DeviceTls load(Path file, String type, char[] password, boolean generated) throws DeviceTlsException {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance(type);
            ks.load(in, password);
            for (String alias : Collections.list(ks.aliases())) {
                if (ks.isKeyEntry(alias) && ks.getCertificate(alias) instanceof X509Certificate x) {
                    return new DeviceTls(ks, password, alias, x, generated);
                }
            }
            throw new DeviceTlsException("the ONVIF device keystore " + file + " holds no private key with an X.509 certificate");
        } catch (IOException | GeneralSecurityException e) {
            throw new DeviceTlsException("cannot read the ONVIF device keystore " + file + ": " + e.getMessage(), e);
        }
    }

    static DeviceTls generate(Path file, String host, SecretStore secrets, String passwordAlias, Clock clock)
            throws DeviceTlsException, SecretStoreException {
        SecureRandom random = new SecureRandom();
        byte[] raw = new byte[24];
        random.nextBytes(raw);
        char[] password = Base64.getUrlEncoder().withoutPadding().encodeToString(raw).toCharArray();
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair pair = generator.generateKeyPair();
            Instant now = clock.instant();
            X500Name name = new X500Name("CN=Vigil ONVIF device,O=Vigil");
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
            ks.setKeyEntry(GENERATED_ALIAS, pair.getPrivate(), password, new Certificate[] {certificate});
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".new");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, password);
            }
            // the password first: a keystore whose password is lost is useless, a stale password is replaced next start
            secrets.putPassword(passwordAlias, password);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new DeviceTls(ks, password, GENERATED_ALIAS, certificate, true);
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new DeviceTlsException("cannot make the ONVIF device's certificate in " + file + ": " + e.getMessage(), e);
        }
    }

    /** SHA-256 of the certificate, as browsers show it. */
    String fingerprint() {
        try {
            return HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (GeneralSecurityException e) {
            return "unknown";
        }
    }
}
