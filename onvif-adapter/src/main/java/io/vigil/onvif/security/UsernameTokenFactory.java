package io.vigil.onvif.security;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Locale;

/**
 * Makes a fresh {@link UsernameToken} for each request: 16 random bytes of nonce from
 * {@link SecureRandom}, Created from our clock plus the device's {@link ClockOffset}, and the
 * PasswordDigest over them.
 *
 * <p>Created is UTC with milliseconds, {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}: an
 * {@code xsd:dateTime} in UTC as WS-Security asks, and the exact form both ONVIF clients Vigil is
 * tested against send (JavaScript's {@code Date.toISOString()}), so cameras that work with them
 * accept it. The Core specification ("Username token profile") only requires nonce and Created
 * as [WS-UsernameToken] defines them. Seconds precision, as in the ONVIF Application Programmer's
 * Guide's example, is equally valid; Vigil's verifier accepts both.
 *
 * <p>Thread-safe.
 */
public final class UsernameTokenFactory {

    /** Nonce length: 128 random bits, as the ONVIF clients in the field send. */
    public static final int NONCE_BYTES = 16;

    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final SecureRandom random;
    private final Clock clock;

    public UsernameTokenFactory() {
        this(new SecureRandom(), Clock.systemUTC());
    }

    public UsernameTokenFactory(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    public UsernameToken create(Credentials credentials, ClockOffset offset) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        String created = formatCreated(offset.apply(clock.instant()));
        return new UsernameToken(credentials.username(), PasswordDigest.compute(nonce, created, credentials),
                Base64.getEncoder().encodeToString(nonce), created);
    }

    /** {@code 2026-11-27T14:50:45.123Z} */
    public static String formatCreated(Instant instant) {
        return CREATED.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }
}
