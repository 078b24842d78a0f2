package io.vigil.console.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (Bouncy Castle's lightweight API) in the PHC string format
 * {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>}, so that each hash carries its
 * own cost and a later, dearer setting still verifies older ones. The cost is tuned at start to
 * take about the target time on this machine (OWASP's minimum of 19 MiB memory, passes added until
 * the target is reached).
 */
final class PasswordHasher {

    static final int MEMORY_KIB = 19 * 1024;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final int memoryKib;
    private final int passes;
    private final SecureRandom random = new SecureRandom();
    /** Verified against when a name is unknown, so that an unknown name takes as long as a wrong password. */
    private final String decoy;

    PasswordHasher(int memoryKib, int passes) {
        if (memoryKib < 8 || passes < 1) {
            throw new IllegalArgumentException("Argon2 needs at least 8 KiB and 1 pass");
        }
        this.memoryKib = memoryKib;
        this.passes = passes;
        this.decoy = hash("decoy-password".toCharArray());
    }

    /** A hasher whose hashes take about {@code targetMillis} here (at least one pass of 19 MiB). */
    static PasswordHasher tuned(long targetMillis) {
        PasswordHasher probe = new PasswordHasher(MEMORY_KIB, 1);
        char[] sample = "calibration".toCharArray();
        for (int i = 0; i < 3; i++) {
            probe.hash(sample); // warm up the JIT
        }
        long start = System.nanoTime();
        probe.hash(sample);
        long onePass = Math.max(1, (System.nanoTime() - start) / 1_000_000);
        int passes = (int) Math.max(1, Math.min(10, Math.round((double) targetMillis / onePass)));
        return new PasswordHasher(MEMORY_KIB, passes);
    }

    int passes() {
        return passes;
    }

    String hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] out = derive(password, salt, memoryKib, passes, 1, HASH_BYTES);
        try {
            return "$argon2id$v=19$m=" + memoryKib + ",t=" + passes + ",p=1$" + B64.encodeToString(salt) + "$"
                    + B64.encodeToString(out);
        } finally {
            Arrays.fill(out, (byte) 0);
        }
    }

    /** Whether {@code password} is the one {@code encoded} was made from; false for a malformed hash. */
    boolean verify(char[] password, String encoded) {
        Matcher m = PHC.matcher(encoded == null ? "" : encoded);
        if (!m.matches()) {
            return false;
        }
        int memory = Integer.parseInt(m.group(1));
        int t = Integer.parseInt(m.group(2));
        int p = Integer.parseInt(m.group(3));
        byte[] salt = B64D.decode(m.group(4));
        byte[] expected = B64D.decode(m.group(5));
        if (memory < 8 * p || memory > 4 * 1024 * 1024 || t < 1 || p < 1 || expected.length < 16) {
            return false;
        }
        byte[] actual = derive(password, salt, memory, t, p, expected.length);
        try {
            return MessageDigest.isEqual(expected, actual);
        } finally {
            Arrays.fill(actual, (byte) 0);
        }
    }

    /** Spends the time of a verification without a user, so an unknown name cannot be told apart. */
    void verifyDecoy(char[] password) {
        verify(password, decoy);
    }

    private static byte[] derive(char[] password, byte[] salt, int memoryKib, int passes, int lanes, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(passes)
                .withParallelism(lanes)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        byte[] out = new byte[length];
        try {
            generator.generateBytes(bytes, out);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        return out;
    }
}
