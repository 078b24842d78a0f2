package io.vigil.console.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Argon2id hashes: salted, self-describing, verified in constant time, tuned to a target time. */
class PasswordHasherTest {

    private final PasswordHasher cheap = new PasswordHasher(64, 1);

    @Test
    void aHashVerifiesItsPasswordOnlyAndIsSalted() {
        char[] pw = "correct horse battery".toCharArray();
        String a = cheap.hash(pw);
        String b = cheap.hash(pw);
        assertTrue(a.startsWith("$argon2id$v=19$m=64,t=1,p=1$"), a);
        assertNotEquals(a, b, "each hash has its own salt");
        assertTrue(cheap.verify(pw, a));
        assertTrue(cheap.verify(pw, b));
        assertFalse(cheap.verify("correct horse batterY".toCharArray(), a));
        assertFalse(cheap.verify(pw, a.substring(0, a.length() - 2) + "AA"));
        assertFalse(cheap.verify(pw, "plain-text"));
        assertFalse(cheap.verify(pw, null));
    }

    @Test
    void aHashCarriesItsCostSoAnotherSettingStillVerifiesIt() {
        String old = cheap.hash("an older password".toCharArray());
        PasswordHasher dearer = new PasswordHasher(128, 2);
        assertTrue(dearer.verify("an older password".toCharArray(), old));
        assertTrue(dearer.hash("x".toCharArray()).contains("m=128,t=2,p=1"));
    }

    @Test
    void tuningAimsAtTheTargetTime() {
        PasswordHasher tuned = PasswordHasher.tuned(100);
        assertTrue(tuned.passes() >= 1 && tuned.passes() <= 10, "passes " + tuned.passes());
        char[] pw = "tuning check password".toCharArray();
        String hash = tuned.hash(pw);
        long start = System.nanoTime();
        assertTrue(tuned.verify(pw, hash));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("Argon2id m=%d KiB t=%d: %d ms per verification%n", PasswordHasher.MEMORY_KIB, tuned.passes(), millis);
        // at least one pass of 19 MiB is never trivial; an upper bound would only measure this machine's load
        assertTrue(millis >= 5, millis + " ms");
        assertEquals(PasswordHasher.MEMORY_KIB, 19 * 1024);
    }
}
