package io.vigil.compliance.internal.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.api.cluster.LogTopic;
import io.vigil.support.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The records of the cluster's audit log: each node's entries, signed checkpoints and public key, exactly as its
 * trail holds them (the entry's details are the canonical text that was hashed, so a verifier on another node hashes
 * the same bytes). Keyed by node id, so one node's records stay in order in one partition. Nothing travels that the
 * trail does not hold: people appear in entries only as pseudonymous ids.
 *
 * <p>Value: one JSON object, {@code format} 1, {@code type} {@code entry}, {@code checkpoint} or {@code key}, and
 * {@code node}, the node that wrote it (it must equal the record's key).
 */
final class SharedAuditRecords {

    /** Every record kept for good (audit retention is the reader's business); 12 partitions for many nodes. */
    static final LogTopic LOG = new LogTopic("audit", false, 12);

    static final int FORMAT = 1;

    /** One record read back. */
    sealed interface Published permits PublishedEntry, PublishedCheckpoint, PublishedKey {
        String node();
    }

    record PublishedEntry(String node, AuditEntry entry) implements Published {
    }

    record PublishedCheckpoint(String node, Checkpoint checkpoint) implements Published {
    }

    /** A node's checkpoint key: {@code keyId} is the first 16 hex digits of the SHA-256 of {@code publicKey}. */
    record PublishedKey(String node, String keyId, byte[] publicKey) implements Published {
    }

    private SharedAuditRecords() {
    }

    static byte[] entry(String node, AuditEntry e) {
        Map<String, Object> m = head(node, "entry");
        m.put("sequence", e.sequence());
        m.put("time", e.time());
        m.put("actor", e.actor());
        m.put("action", e.action());
        m.put("details", e.details());
        m.put("previous_hash", e.previousHash());
        m.put("hash", e.hash());
        return bytes(m);
    }

    static byte[] checkpoint(String node, Checkpoint c) {
        Map<String, Object> m = head(node, "checkpoint");
        m.put("sequence", c.sequence());
        m.put("entry_hash", c.entryHash());
        m.put("time", c.time());
        m.put("key", c.keyId());
        m.put("signature", c.signature());
        return bytes(m);
    }

    static byte[] key(String node, byte[] publicKey) {
        Map<String, Object> m = head(node, "key");
        m.put("key", CheckpointSigner.keyId(publicKey));
        m.put("public_key", Base64.getEncoder().encodeToString(publicKey));
        return bytes(m);
    }

    private static Map<String, Object> head(String node, String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("type", type);
        m.put("node", node);
        return m;
    }

    private static byte[] bytes(Map<String, Object> m) {
        return Json.compact(m).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The record under {@code key}.
     *
     * @throws IllegalArgumentException saying what is wrong with it (not JSON, a field missing, another node's name)
     */
    static Published read(String key, byte[] value) {
        if (value == null) {
            throw new IllegalArgumentException("an empty record");
        }
        JsonNode n = Json.read(new String(value, StandardCharsets.UTF_8));
        if (!n.isObject() || n.path("format").asInt() != FORMAT) {
            throw new IllegalArgumentException("not an audit record of format " + FORMAT);
        }
        String node = text(n, "node");
        if (!node.equals(key)) {
            throw new IllegalArgumentException("a record keyed '" + key + "' names node '" + node + "'");
        }
        return switch (text(n, "type")) {
            case "entry" -> new PublishedEntry(node, new AuditEntry(number(n, "sequence"), text(n, "time"),
                    text(n, "actor"), text(n, "action"), text(n, "details"), text(n, "previous_hash"), text(n, "hash")));
            case "checkpoint" -> new PublishedCheckpoint(node, new Checkpoint(number(n, "sequence"), text(n, "entry_hash"),
                    text(n, "time"), text(n, "key"), text(n, "signature")));
            case "key" -> {
                byte[] publicKey;
                try {
                    publicKey = Base64.getDecoder().decode(text(n, "public_key"));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("a key record whose public_key is not Base64");
                }
                if (!CheckpointSigner.keyId(publicKey).equals(text(n, "key"))) {
                    throw new IllegalArgumentException("a key record whose key id is not its key's");
                }
                yield new PublishedKey(node, text(n, "key"), publicKey);
            }
            default -> throw new IllegalArgumentException("an audit record of unknown type '" + text(n, "type") + "'");
        };
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new IllegalArgumentException("an audit record without the text field '" + field + "'");
        }
        return v.asText();
    }

    private static long number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 1) {
            throw new IllegalArgumentException("an audit record without a positive '" + field + "'");
        }
        return v.asLong();
    }
}
