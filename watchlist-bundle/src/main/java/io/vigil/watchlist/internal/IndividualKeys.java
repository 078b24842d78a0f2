package io.vigil.watchlist.internal;

import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The de-duplication key of a subject: who counts as "the same individual" across watchlists for
 * the compliance ledger. Two subjects are the same individual when their external references (the
 * case or person number of the records system, e.g. a PNC or case-file id) are equal after
 * normalisation (trimmed, upper-cased, inner spaces removed). The reference is sealed under its
 * watchlist's own key, so the database also keeps HMAC-SHA256(reference) under one product-wide key
 * held in the secret store: equal references give equal keys on every list, nobody without the
 * secret store can test a guessed reference against it, and counting never decrypts anything.
 * Subjects without a reference are each their own individual (the safe side of the count).
 */
final class IndividualKeys {

    /** The secret-store alias of the HMAC key. */
    static final String ALIAS = "watchlist.individual-key.hmac";

    /** What the filing pack says about the scheme. */
    static final String SCHEME = "same individual = equal external reference (normalised: trimmed, upper-case, no spaces),"
            + " compared as HMAC-SHA256 under a key in the secret store; subjects without a reference count once each";

    private final SecretKey key;

    private IndividualKeys(SecretKey key) {
        this.key = key;
    }

    static IndividualKeys from(SecretStore secrets, SecureRandom random) throws WatchlistException {
        try {
            Optional<SecretKey> stored = secrets.key(ALIAS);
            if (stored.isPresent()) {
                return new IndividualKeys(new SecretKeySpec(stored.get().getEncoded(), "HmacSHA256"));
            }
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            // the secret store keeps secret keys of algorithms it knows: the bytes travel as AES material
            secrets.putKey(ALIAS, new SecretKeySpec(fresh, "AES"));
            IndividualKeys keys = new IndividualKeys(new SecretKeySpec(fresh, "HmacSHA256"));
            java.util.Arrays.fill(fresh, (byte) 0);
            return keys;
        } catch (SecretStoreException e) {
            throw new WatchlistException("the secret store cannot give the individual-key HMAC key (" + ALIAS + "): "
                    + e.getMessage(), e);
        }
    }

    static String normalise(String reference) {
        return reference == null ? "" : reference.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", "");
    }

    /** The key stored for a subject with this reference: hex HMAC, or "" when there is no reference. */
    String of(String reference) {
        String n = normalise(reference);
        if (n.isEmpty()) {
            return "";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(n.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }
}
