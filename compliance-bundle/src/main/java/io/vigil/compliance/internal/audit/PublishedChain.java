package io.vigil.compliance.internal.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.compliance.internal.audit.Finding.Kind;
import io.vigil.compliance.internal.audit.SharedAuditRecords.PublishedKey;
import io.vigil.support.json.Json;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;

/**
 * One node's chain as the cluster's audit log holds it, checked record by record as they are read and as a whole
 * at the end: every entry's hash re-computed, every link followed, every checkpoint's signature checked and the entry
 * it seals compared. A record sent twice with identical content (the publisher sent it again after a crash) is
 * counted, not a problem; two different records at one sequence are.
 *
 * <p>Which key signs a node's checkpoints: the first key the node published is pinned (trust on first sight); a later
 * key counts only when the node's chain itself introduces it (an {@code audit.key-changed} entry naming that public
 * key). So someone who can write to Kafka cannot swap a node's key afterwards, but whoever wrote first for a node id
 * is believed; compare the pinned key id ({@code keys}) with the node's {@code checkpoints.log.pub} to close that.
 */
final class PublishedChain {

    /** An entry's link: the hash it chains to and its own. */
    private record Link(String previousHash, String hash) {
    }

    private final String node;
    private final TreeMap<Long, Link> links = new TreeMap<>();
    private final TreeMap<Long, Checkpoint> checkpoints = new TreeMap<>();
    private final Map<String, Ed25519PublicKeyParameters> keys = new LinkedHashMap<>();
    private final List<PublishedKey> laterKeys = new ArrayList<>();
    /** Key id to the Base64 public key an {@code audit.key-changed} entry introduced. */
    private final Map<String, String> introduced = new HashMap<>();
    private final List<Finding> findings = new ArrayList<>();
    private int duplicates;

    PublishedChain(String node) {
        this.node = node;
    }

    void entry(AuditEntry e) {
        Link link = new Link(e.previousHash(), e.hash());
        Link earlier = links.get(e.sequence());
        if (earlier != null) {
            if (earlier.equals(link)) {
                duplicates++;
            } else {
                findings.add(new Finding(e.sequence(), Kind.CONFLICT, "two different entries " + e.sequence()
                        + " were published (hash " + earlier.hash().substring(0, 12) + "… and " + e.hash().substring(0, 12)
                        + "…): one of them is forged, or the node's trail was rewritten after it published"));
            }
            return;
        }
        if (!e.recomputedHash().equals(e.hash())) {
            findings.add(new Finding(e.sequence(), Kind.EDITED, "entry " + e.sequence() + " does not match its hash"
                    + " (altered or forged in the log)"));
        }
        links.put(e.sequence(), link);
        if (AuditVerifier.KEY_CHANGED.equals(e.action())) {
            try {
                JsonNode d = Json.read(e.details());
                introduced.put(d.path("key").asText(), d.path("public.key").asText());
            } catch (IllegalArgumentException ignored) {
                // a key change whose details are not JSON introduces nothing; its hash check says the rest
            }
        }
    }

    void checkpoint(Checkpoint c) {
        Checkpoint earlier = checkpoints.get(c.sequence());
        if (earlier != null) {
            if (earlier.equals(c)) {
                duplicates++;
            } else {
                findings.add(new Finding(c.sequence(), Kind.CONFLICT, "two different checkpoints " + c.sequence()
                        + " were published: one of them is forged"));
            }
            return;
        }
        checkpoints.put(c.sequence(), c);
    }

    void key(PublishedKey k) {
        if (keys.isEmpty()) {
            keys.put(k.keyId(), new Ed25519PublicKeyParameters(k.publicKey(), 0));
        } else if (!keys.containsKey(k.keyId())) {
            laterKeys.add(k);
        }
    }

    /** A record of this node that could not be read; {@code where} says which. */
    void malformed(String where, String why) {
        findings.add(new Finding(0, Kind.MALFORMED, where + " is not an audit record: " + why));
    }

    NodeAudit finish() {
        for (PublishedKey k : laterKeys) {
            if (Base64.getEncoder().encodeToString(k.publicKey()).equals(introduced.get(k.keyId()))) {
                keys.put(k.keyId(), new Ed25519PublicKeyParameters(k.publicKey(), 0));
            }
        }
        walkLinks();
        checkCheckpoints();
        long first = links.isEmpty() ? 0 : links.firstKey();
        long last = links.isEmpty() ? 0 : links.lastKey();
        long sealed = checkpoints.isEmpty() ? 0 : checkpoints.lastKey();
        List<String> notes = new ArrayList<>();
        if (last > sealed) {
            notes.add("entries " + (Math.max(sealed, first - 1) + 1) + ".." + last + " are not sealed by a checkpoint yet");
        }
        if (duplicates > 0) {
            notes.add(duplicates + " records were published twice with identical content (sent again after a restart)");
        }
        findings.sort(Comparator.comparingLong(Finding::sequence));
        return new NodeAudit(node, first, last, links.size(), checkpoints.size(), duplicates, List.copyOf(keys.keySet()),
                findings, notes);
    }

    private void walkLinks() {
        long previous = 0;
        String previousHash = null;
        for (Map.Entry<Long, Link> l : links.entrySet()) {
            long s = l.getKey();
            Link link = l.getValue();
            if (previousHash == null) {
                if (s == 1 && !link.previousHash().equals(ChainHash.GENESIS)) {
                    findings.add(new Finding(s, Kind.EDITED, "entry 1 does not start a chain (it names a predecessor)"));
                } else if (s > 1) {
                    Checkpoint anchor = checkpoints.get(s - 1);
                    if (anchor == null || !anchor.entryHash().equals(link.previousHash())) {
                        findings.add(new Finding(s, Kind.ANCHOR, "the published chain starts at entry " + s + " but no"
                                + " published checkpoint vouches for entry " + (s - 1) + " it chains to (entries 1.." + (s - 1)
                                + " missing from the log)"));
                    }
                }
            } else if (s > previous + 1) {
                findings.add(new Finding(previous + 1, Kind.DELETED, (s == previous + 2 ? "entry " + (previous + 1) + " is"
                        : "entries " + (previous + 1) + ".." + (s - 1) + " are") + " missing from the log"));
            } else if (!link.previousHash().equals(previousHash)) {
                findings.add(new Finding(s, Kind.EDITED, "entry " + s + " does not chain to entry " + previous
                        + " (one of them was altered, or entry " + s + " forged)"));
            }
            previous = s;
            previousHash = link.hash();
        }
    }

    private void checkCheckpoints() {
        long first = links.isEmpty() ? Long.MAX_VALUE : links.firstKey();
        long last = links.isEmpty() ? 0 : links.lastKey();
        for (Checkpoint c : checkpoints.values()) {
            if (c.sequence() < first - 1) {
                continue; // seals entries pruned before the node joined: nothing published to compare
            }
            Ed25519PublicKeyParameters key = keys.get(c.keyId());
            if (key == null) {
                findings.add(new Finding(c.sequence(), Kind.BAD_SIGNATURE, "checkpoint " + c.sequence() + " is signed with"
                        + " key " + c.keyId() + ", which this node never published (or its chain never introduced)"));
            } else if (!CheckpointSigner.verifies(key, c)) {
                findings.add(new Finding(c.sequence(), Kind.BAD_SIGNATURE, "checkpoint " + c.sequence()
                        + " does not verify with key " + c.keyId() + " (altered or forged)"));
            }
            Link sealed = links.get(c.sequence());
            if (sealed == null && c.sequence() > last) {
                findings.add(new Finding(last + 1, Kind.TRUNCATED, "checkpoint " + c.sequence() + " seals an entry beyond"
                        + " the last one published (" + last + "): entries " + (last + 1) + ".." + c.sequence()
                        + " are missing from the log"));
            } else if (sealed != null && !sealed.hash().equals(c.entryHash())) {
                findings.add(new Finding(c.sequence(), Kind.REWRITTEN, "checkpoint " + c.sequence() + " sealed another"
                        + " entry " + c.sequence() + " than the one published"));
            }
        }
    }
}
