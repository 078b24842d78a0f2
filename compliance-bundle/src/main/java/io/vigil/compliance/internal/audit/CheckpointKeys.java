package io.vigil.compliance.internal.audit;

import io.vigil.api.audit.AuditException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * The public keys checkpoints are checked against. Verification never trusts the signing key in
 * the secret store by itself (whoever can edit the database may have replaced that too): it trusts
 * the published key file, or the key file the verifier holds ({@code --public-key}).
 *
 * <p>A key file has one line per key, {@code ed25519 <Base64 public key> key=<id>}; a key that
 * replaced another is appended as a further line with {@code since=<sequence>} (the entry that
 * records the change).
 */
public final class CheckpointKeys {

    private static final Pattern LINE = Pattern.compile("ed25519 ([A-Za-z0-9+/=]+) key=([0-9a-f]{16})(?: since=(\\d+))?");

    private final Map<String, Ed25519PublicKeyParameters> byId;
    private final String source;

    private CheckpointKeys(Map<String, Ed25519PublicKeyParameters> byId, String source) {
        this.byId = byId;
        this.source = source;
    }

    /** Only this key (what the running trail signs with). */
    public static CheckpointKeys of(byte[] publicKey, String source) {
        Map<String, Ed25519PublicKeyParameters> keys = new LinkedHashMap<>();
        keys.put(CheckpointSigner.keyId(publicKey), new Ed25519PublicKeyParameters(publicKey, 0));
        return new CheckpointKeys(keys, source);
    }

    /** The keys of a key file; a line that is not a key is an error, so a damaged file is not half trusted. */
    public static CheckpointKeys read(Path file) throws AuditException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new AuditException("the public key file " + file + " does not exist", e);
        } catch (IOException e) {
            throw new AuditException("cannot read the public key file " + file + ": " + e.getMessage(), e);
        }
        Map<String, Ed25519PublicKeyParameters> keys = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            Matcher m = LINE.matcher(lines.get(i).strip());
            byte[] key;
            try {
                key = m.matches() ? Base64.getDecoder().decode(m.group(1)) : null;
            } catch (IllegalArgumentException e) {
                key = null;
            }
            if (key == null || key.length != Ed25519PublicKeyParameters.KEY_SIZE || !CheckpointSigner.keyId(key).equals(m.group(2))) {
                throw new AuditException(file + " line " + (i + 1) + " is not an Ed25519 audit key"
                        + " (expected: ed25519 <Base64 key> key=<id>, as the trail writes to checkpoints.log.pub)");
            }
            keys.put(m.group(2), new Ed25519PublicKeyParameters(key, 0));
        }
        if (keys.isEmpty()) {
            throw new AuditException("the public key file " + file + " holds no key");
        }
        return new CheckpointKeys(keys, file.toString());
    }

    public boolean holds(String keyId) {
        return byId.containsKey(keyId);
    }

    /** Whether one of these keys signed exactly this checkpoint. */
    public boolean verifies(Checkpoint c) {
        Ed25519PublicKeyParameters key = byId.get(c.keyId());
        return key != null && CheckpointSigner.verifies(key, c);
    }

    /** The key ids and where they came from, for messages. */
    public String describe() {
        return (byId.size() == 1 ? "key " : "keys ") + String.join(", ", byId.keySet()) + " (" + source + ")";
    }

    /** Why a checkpoint does not verify, in words. */
    String whyNot(Checkpoint c) {
        return holds(c.keyId()) ? "does not verify with " + describe() + " (altered or forged)"
                : "is signed with key " + c.keyId() + ", not with " + describe() + " (signed by another key: forged, or the key"
                        + " was changed)";
    }
}
