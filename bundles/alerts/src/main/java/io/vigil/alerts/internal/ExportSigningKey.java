package io.vigil.alerts.internal;

import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;

/**
 * The Ed25519 key evidence packages are signed with (Bouncy Castle's lightweight API), made on
 * first use and kept in the secret store. The store holds secret-key entries only and BCFKS
 * refuses an "Ed25519" secret key, so the 32-byte private seed is stored as a 256-bit entry
 * labelled AES; it is never used as one.
 */
final class ExportSigningKey {

    static final String ALIAS = "alerts.export.signing";

    private final Ed25519PrivateKeyParameters key;

    private ExportSigningKey(Ed25519PrivateKeyParameters key) {
        this.key = key;
    }

    static ExportSigningKey fromSecretStore(SecretStore secrets, SecureRandom random) throws AlertStoreException {
        try {
            Optional<SecretKey> stored = secrets.key(ALIAS);
            byte[] seed;
            if (stored.isPresent()) {
                seed = stored.get().getEncoded();
                if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
                    throw new AlertStoreException("the secret '" + ALIAS + "' is not an Ed25519 signing key ("
                            + seed.length + " bytes, not 32)", null);
                }
            } else {
                seed = new Ed25519PrivateKeyParameters(random).getEncoded();
                secrets.putKey(ALIAS, new SecretKeySpec(seed, "AES"));
            }
            try {
                return new ExportSigningKey(new Ed25519PrivateKeyParameters(seed, 0));
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
        } catch (SecretStoreException e) {
            throw new AlertStoreException("the secret store cannot give the export signing key: " + e.getMessage(), e);
        }
    }

    byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    Ed25519PublicKeyParameters publicKey() {
        return key.generatePublicKey();
    }

    /** X.509 SubjectPublicKeyInfo, DER: what {@code openssl pkey -pubin} reads. */
    byte[] publicKeyDer() {
        try {
            return SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(publicKey()).getEncoded();
        } catch (IOException e) {
            throw new IllegalStateException("an Ed25519 public key always encodes", e);
        }
    }

    String publicKeyPem() {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(publicKeyDer());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    /** SHA-256 of the public key's DER: what to compare with the fingerprint Vigil printed and audited. */
    String fingerprint() {
        return sha256Hex(publicKeyDer());
    }

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
