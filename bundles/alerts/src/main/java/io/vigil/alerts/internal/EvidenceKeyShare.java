package io.vigil.alerts.internal;

import io.vigil.api.alert.AlertStoreException;
import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import io.vigil.support.crypto.RecordSeal;
import java.nio.CharBuffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;

/**
 * How a node's evidence keys reach the other nodes, so a reviewer on any node can open any node's
 * evidence. Each period key travels on the compacted {@code alert-evidence-keys} log wrapped
 * (AES-256-GCM, bound to node and period) under the cluster's evidence key-encryption key: the
 * same secret text, at least 32 characters, set on every node as {@code cluster.evidence-kek}
 * ({@code bin/vigil secret set cluster.evidence-kek}); the KEK is its SHA-256 with a label. Kafka
 * and anyone reading its disks see only wrapped keys and sealed evidence. When a node destroys a
 * period key (retention deleted the period's alerts) it appends the key's tombstone: every node
 * removes its copy, and compaction removes the wrapped one from Kafka, so crypto-erasure holds
 * cluster-wide. A receiving node keeps a peer's key in its secret store as
 * {@code alerts.evidence.<period>:<node>}. Issue 22.2 brings a cluster KEK of its own; this one is
 * the smallest secure step until then.
 */
final class EvidenceKeyShare {

    static final String KEK_ALIAS = "cluster.evidence-kek";
    static final int KEK_MIN_CHARS = 32;
    private static final int KEK_ID_BYTES = 8;

    private final SecretStore secrets;
    private final SecureRandom random;

    EvidenceKeyShare(SecretStore secrets, SecureRandom random) {
        this.secrets = secrets;
        this.random = random;
    }

    /** The log record's key: the node and the period. */
    static String recordKey(String node, String period) {
        return node + "/" + period;
    }

    /** The evidence row's key period of a peer's evidence: its period and node. */
    static String peerPeriod(String period, String node) {
        return period + ":" + node;
    }

    /** {@code kekId(8) || nonce || wrapped key || tag}. */
    byte[] wrap(String node, String period, byte[] key) throws AlertStoreException {
        byte[] kek = kek();
        try {
            RecordSeal seal = new RecordSeal(kek, random, "the cluster evidence key-encryption key");
            byte[] sealed = seal.seal(key, associated(node, period));
            seal.destroy();
            return ByteBuffer.allocate(KEK_ID_BYTES + sealed.length).put(kekId(kek)).put(sealed).array();
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    byte[] unwrap(String node, String period, byte[] wrapped) throws AlertStoreException {
        byte[] kek = kek();
        try {
            if (wrapped.length <= KEK_ID_BYTES || !Arrays.equals(kekId(kek), Arrays.copyOf(wrapped, KEK_ID_BYTES))) {
                throw new AlertStoreException("node " + node + "'s evidence key of " + period + " is wrapped under another"
                        + " cluster evidence key (" + KEK_ALIAS + " differs between the nodes: set the same on all)", null);
            }
            RecordSeal seal = new RecordSeal(kek, random, "the cluster evidence key-encryption key");
            try {
                return seal.open(Arrays.copyOfRange(wrapped, KEK_ID_BYTES, wrapped.length), associated(node, period),
                        refusal -> new AlertStoreException("node " + node + "'s evidence key of " + period
                                + " does not authenticate: altered on its way", null));
            } finally {
                seal.destroy();
            }
        } finally {
            Arrays.fill(kek, (byte) 0);
        }
    }

    /** Whether this node can share and open keys; empty, or why not. */
    Optional<String> problem() {
        try {
            Arrays.fill(kek(), (byte) 0);
            return Optional.empty();
        } catch (AlertStoreException e) {
            return Optional.of(e.getMessage());
        }
    }

    private byte[] kek() throws AlertStoreException {
        Optional<char[]> text;
        try {
            text = secrets.password(KEK_ALIAS);
        } catch (SecretStoreException e) {
            throw new AlertStoreException("the secret store cannot give " + KEK_ALIAS + ": " + e.getMessage(), e);
        }
        if (text.isEmpty() || text.get().length < KEK_MIN_CHARS) {
            text.ifPresent(t -> Arrays.fill(t, '\0'));
            throw new AlertStoreException("the cluster evidence key " + KEK_ALIAS + " is " + (text.isEmpty() ? "not set"
                    : "shorter than " + KEK_MIN_CHARS + " characters") + ": set the same random text on every node"
                    + " (openssl rand -base64 33 | bin/vigil secret set " + KEK_ALIAS + "); until then evidence of"
                    + " other nodes cannot be opened here, nor this node's there", null);
        }
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(text.get()));
        Arrays.fill(text.get(), '\0');
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("vigil/cluster-evidence-kek/v1\0".getBytes(StandardCharsets.UTF_8));
            sha.update(bytes);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        } finally {
            if (bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }

    /** Names the KEK without revealing it, so a node with another KEK says so instead of failing to authenticate. */
    private static byte[] kekId(byte[] kek) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("vigil/cluster-evidence-kek/id\0".getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(sha.digest(kek), KEK_ID_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static byte[] associated(String node, String period) {
        return ("vigil.alert-evidence-key/" + node + "/" + period).getBytes(StandardCharsets.UTF_8);
    }
}
