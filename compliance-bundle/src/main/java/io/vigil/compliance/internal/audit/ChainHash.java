package io.vigil.compliance.internal.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The canonical byte encodings that are hashed and signed. Every field is length-prefixed, so no
 * two different entries encode alike however their text is chosen (a plain separator could be
 * forged by putting the separator into a detail); each encoding starts with its own label, so an
 * entry's bytes can never pass as a checkpoint's.
 */
public final class ChainHash {

    /** The "previous hash" of the first entry of a trail that was never pruned. */
    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    public static String entryHash(long sequence, String time, String actor, String action, String details,
                                   String previousHash) {
        Encoder e = new Encoder("vigil.audit.entry.v1");
        e.number(sequence).text(time).text(actor).text(action).text(details).text(previousHash);
        return HexFormat.of().formatHex(sha256(e.bytes()));
    }

    /** What a checkpoint's signature covers: the entry it seals, that entry's hash and when it was sealed. */
    public static byte[] checkpointMessage(long sequence, String entryHash, String time) {
        return new Encoder("vigil.audit.checkpoint.v1").number(sequence).text(entryHash).text(time).bytes();
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static final class Encoder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(256);

        Encoder(String label) {
            text(label);
        }

        Encoder number(long n) {
            out.writeBytes(ByteBuffer.allocate(8).putLong(n).array());
            return this;
        }

        Encoder text(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
            out.writeBytes(b);
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
