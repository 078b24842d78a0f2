package io.vigil.watchlist.internal;

import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the database keeps of an enrolment photo's identity: HMAC-SHA256 of its SHA-256 under a
 * key in the secret store, never the SHA-256 itself. A plain digest is a membership test anybody
 * holding a copy of the database and a known photo can run; the keyed one needs the secret store,
 * and is still equal for equal photos (the same photo enrolled twice is recognisable). Keyed over
 * the digest rather than the bytes so rows written before (plain digests) convert without
 * decrypting photos.
 */
final class PhotoHashes {

    /** The secret-store alias of the HMAC key. */
    static final String ALIAS = "watchlist.photo-hash.hmac";

    /** Marks a stored value as keyed; rows from before schema 3 hold a bare hex SHA-256. */
    static final String PREFIX = "hmac-sha256:";

    private final SecretKey key;

    private PhotoHashes(SecretKey key) {
        this.key = key;
    }

    static PhotoHashes from(SecretStore secrets, SecureRandom random) throws WatchlistException {
        try {
            Optional<SecretKey> stored = secrets.key(ALIAS);
            if (stored.isPresent()) {
                return new PhotoHashes(new SecretKeySpec(stored.get().getEncoded(), "HmacSHA256"));
            }
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            try {
                // the secret store keeps secret keys of algorithms it knows: the bytes travel as AES material
                secrets.putKey(ALIAS, new SecretKeySpec(fresh, "AES"));
                return new PhotoHashes(new SecretKeySpec(fresh, "HmacSHA256"));
            } finally {
                Arrays.fill(fresh, (byte) 0);
            }
        } catch (SecretStoreException e) {
            throw new WatchlistException("the secret store cannot give the photo-hash key (" + ALIAS + "): "
                    + e.getMessage(), e);
        }
    }

    /** The stored form of a photo whose SHA-256 is {@code sha256Hex}. */
    String of(String sha256Hex) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(HexFormat.of().parseHex(sha256Hex)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java 17 runtime", e);
        }
    }

    static boolean isKeyed(String stored) {
        return stored.startsWith(PREFIX);
    }
}
