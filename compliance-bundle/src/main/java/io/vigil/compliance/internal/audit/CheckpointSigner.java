package io.vigil.compliance.internal.audit;

import io.vigil.api.audit.AuditException;
import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
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

/**
 * Signs and checks checkpoints with the trail's Ed25519 key, through Bouncy Castle's lightweight
 * API: nothing is registered as a JCA provider, so the bundle changes nothing for others. The
 * private key is a 32-byte seed in the secret store, made on first start; only the public key
 * ever leaves it (written beside the checkpoints so anyone can verify them).
 */
public final class CheckpointSigner {

    /**
     * The secret store (BCFKS) keeps only secret keys of algorithms it knows; an Ed25519 seed is 32
     * random bytes, which it keeps as an AES-256 key's material. The algorithm name is a label here.
     */
    static final String SEED_ALGORITHM = "AES";

    private final Ed25519PrivateKeyParameters privateKey;
    private final Ed25519PublicKeyParameters publicKey;
    private final String keyId;

    CheckpointSigner(byte[] seed) {
        this.privateKey = new Ed25519PrivateKeyParameters(seed, 0);
        this.publicKey = privateKey.generatePublicKey();
        this.keyId = keyId(publicKey.getEncoded());
    }

    /** The signer whose seed is under {@code alias}, made and stored there first if there is none. */
    public static CheckpointSigner fromSecretStore(SecretStore secrets, String alias, SecureRandom random)
            throws AuditException {
        try {
            Optional<SecretKey> stored = secrets.key(alias);
            byte[] seed;
            if (stored.isPresent()) {
                seed = stored.get().getEncoded();
                if (seed == null || seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
                    throw new AuditException("the secret '" + alias + "' is not an Ed25519 seed (32 bytes); the audit trail"
                            + " cannot sign checkpoints with it");
                }
            } else {
                seed = new byte[Ed25519PrivateKeyParameters.KEY_SIZE];
                random.nextBytes(seed);
                secrets.putKey(alias, new SecretKeySpec(seed, SEED_ALGORITHM));
            }
            try {
                return new CheckpointSigner(seed);
            } finally {
                Arrays.fill(seed, (byte) 0);
            }
        } catch (SecretStoreException e) {
            throw new AuditException("the audit signing key '" + alias + "' is not available: " + e.getMessage(), e);
        }
    }

    static String keyId(byte[] publicKey) {
        return HexFormat.of().formatHex(ChainHash.sha256(publicKey)).substring(0, 16);
    }

    public Checkpoint sign(long sequence, String entryHash, String time) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateKey);
        byte[] message = ChainHash.checkpointMessage(sequence, entryHash, time);
        signer.update(message, 0, message.length);
        return new Checkpoint(sequence, entryHash, time, keyId, Base64.getEncoder().encodeToString(signer.generateSignature()));
    }

    /** Whether this key signed exactly this checkpoint. */
    public boolean verifies(Checkpoint c) {
        return keyId.equals(c.keyId()) && verifies(publicKey, c);
    }

    /** Whether {@code key} signed exactly this checkpoint (a malformed signature is no signature). */
    static boolean verifies(Ed25519PublicKeyParameters key, Checkpoint c) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(c.signature());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (signature.length != Ed25519PrivateKeyParameters.SIGNATURE_SIZE) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, key);
        byte[] message = ChainHash.checkpointMessage(c.sequence(), c.entryHash(), c.time());
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    public byte[] publicKey() {
        return publicKey.getEncoded();
    }

    public String keyId() {
        return keyId;
    }
}
