package io.vigil.onvif.security;

import io.vigil.onvif.security.TokenRejectedException.Reason;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.ReceivedEnvelope;
import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.SafeText;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * The device side's check of a received WS-Security UsernameToken (used by Vigil's own ONVIF
 * device and by the simulated camera): the PasswordDigest must match the stored password, Created
 * must lie within the window around our clock (no offset applied: it is the client's job to
 * follow our clock, via GetSystemDateAndTime), and the nonce must not have been used within the
 * window. The Core specification ("Username token profile") requires both nonce and Created and
 * a server to reject a token without them.
 *
 * <p>Lenient where clients in the field differ and nothing is weakened: Created with or without
 * fractional seconds, with {@code Z} or an offset, in the {@code wsu} namespace or (as some older
 * clients write it) {@code wsse}; a Nonce with no EncodingType (Base64 is the default). Strict
 * where it matters: PasswordDigest only (a PasswordText password would cross the network in
 * clear), exactly one Security header with exactly one UsernameToken.
 *
 * <p>Thread-safe.
 */
public final class UsernameTokenVerifier {

    /**
     * @param window          how far Created may be from our clock, either way
     * @param replayCacheSize how many nonces are remembered at most
     */
    public record Options(Duration window, int replayCacheSize) {

        public static final Options DEFAULTS = new Options(Duration.ofMinutes(5), 50_000);

        public Options {
            Objects.requireNonNull(window, "window");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("the Created window must be positive: " + window);
            }
            if (replayCacheSize < 1) {
                throw new IllegalArgumentException("the replay cache size must be positive: " + replayCacheSize);
            }
        }
    }

    private static final int MAX_NONCE_BYTES = 256;
    private static final int MAX_CREATED_LENGTH = 64;
    /** Checked instead of a missing user's password, so an unknown user costs as much time as a known one. */
    private static final Credentials NOBODY = new Credentials("nobody", new char[] {'\0'});

    private final Options options;
    private final Clock clock;
    private final ReplayCache replays;

    public UsernameTokenVerifier() {
        this(Options.DEFAULTS, Clock.systemUTC());
    }

    public UsernameTokenVerifier(Options options, Clock clock) {
        this.options = options;
        this.clock = clock;
        this.replays = new ReplayCache(options.replayCacheSize());
    }

    /**
     * @return the authenticated user name
     * @throws TokenRejectedException why the request is not authenticated
     */
    public String verify(ReceivedEnvelope envelope, PasswordLookup users) throws TokenRejectedException {
        List<Element> securityHeaders = envelope.headers(Namespaces.WSSE, "Security");
        if (securityHeaders.isEmpty()) {
            throw new TokenRejectedException(Reason.MISSING, "no WS-Security header in the request");
        }
        if (securityHeaders.size() > 1) {
            throw new TokenRejectedException(Reason.MALFORMED, securityHeaders.size() + " WS-Security headers in one request");
        }
        List<Element> tokens = Dom.children(securityHeaders.get(0), Namespaces.WSSE, "UsernameToken");
        if (tokens.isEmpty()) {
            throw new TokenRejectedException(Reason.MISSING, "no UsernameToken in the WS-Security header");
        }
        if (tokens.size() > 1) {
            throw new TokenRejectedException(Reason.MALFORMED, tokens.size() + " UsernameTokens in one request");
        }
        return verify(tokens.get(0), users);
    }

    private String verify(Element token, PasswordLookup users) throws TokenRejectedException {
        String username = Dom.text(only(token, Namespaces.WSSE, "Username"));
        if (username.isEmpty()) {
            throw new TokenRejectedException(Reason.MALFORMED, "UsernameToken with an empty Username");
        }
        String who = "UsernameToken of user '" + SafeText.excerpt(username, 64) + "'";

        Element password = only(token, Namespaces.WSSE, "Password");
        String type = password.getAttribute("Type");
        if (!WsSecurity.PASSWORD_DIGEST.equals(type)) {
            throw new TokenRejectedException(Reason.UNSUPPORTED_PASSWORD_TYPE, who + " has password type "
                    + (type.isEmpty() ? "PasswordText (no Type)" : SafeText.excerpt(type, 120)) + "; only PasswordDigest is accepted");
        }
        byte[] digest = base64(Dom.text(password), who + ": Password is not Base64");

        Element nonceElement = only(token, Namespaces.WSSE, "Nonce");
        String encoding = nonceElement.getAttribute("EncodingType");
        if (!encoding.isEmpty() && !WsSecurity.BASE64_BINARY.equals(encoding)) {
            throw new TokenRejectedException(Reason.MALFORMED, who + ": Nonce encoding " + SafeText.excerpt(encoding, 120)
                    + " is not Base64Binary");
        }
        byte[] nonce = base64(Dom.text(nonceElement), who + ": Nonce is not Base64");
        if (nonce.length == 0 || nonce.length > MAX_NONCE_BYTES) {
            throw new TokenRejectedException(Reason.MALFORMED, who + ": Nonce of " + nonce.length + " bytes");
        }

        String createdText = Dom.text(created(token, who));
        Instant created = parseCreated(createdText, who);
        Instant now = clock.instant();
        Duration window = options.window();
        if (created.isBefore(now.minus(window))) {
            throw new TokenRejectedException(Reason.STALE, who + ": Created " + createdText + " is "
                    + Duration.between(created, now).toSeconds() + " s before this device's time " + now
                    + " (window ±" + window.toSeconds() + " s); the client's clock or its offset to ours is wrong");
        }
        if (created.isAfter(now.plus(window))) {
            throw new TokenRejectedException(Reason.FUTURE, who + ": Created " + createdText + " is "
                    + Duration.between(now, created).toSeconds() + " s after this device's time " + now
                    + " (window ±" + window.toSeconds() + " s); the client's clock or its offset to ours is wrong");
        }

        Optional<Credentials> stored = users.find(username);
        byte[] expected = PasswordDigest.raw(nonce, createdText, stored.orElse(NOBODY));
        boolean match = MessageDigest.isEqual(expected, digest);
        if (stored.isEmpty()) {
            throw new TokenRejectedException(Reason.UNKNOWN_USER, who + ": no such user");
        }
        if (!match) {
            throw new TokenRejectedException(Reason.WRONG_PASSWORD, who + ": the password digest does not match");
        }
        // recorded only now, so that tokens with a wrong digest cannot fill the cache
        if (!replays.register(Base64.getEncoder().encodeToString(nonce), created.plus(window), now)) {
            throw new TokenRejectedException(Reason.REPLAYED, who + ": its nonce was already used (a replayed request)");
        }
        return username;
    }

    private static Element only(Element token, String namespace, String localName) throws TokenRejectedException {
        List<Element> found = Dom.children(token, namespace, localName);
        if (found.size() != 1) {
            throw new TokenRejectedException(Reason.MALFORMED, "UsernameToken with " + found.size() + " " + localName + " elements");
        }
        return found.get(0);
    }

    private static Element created(Element token, String who) throws TokenRejectedException {
        List<Element> found = new ArrayList<>(Dom.children(token, Namespaces.WSU, "Created"));
        found.addAll(Dom.children(token, Namespaces.WSSE, "Created"));
        if (found.size() != 1) {
            throw new TokenRejectedException(Reason.MALFORMED, who + " has " + found.size() + " Created elements");
        }
        return found.get(0);
    }

    private static byte[] base64(String text, String problem) throws TokenRejectedException {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new TokenRejectedException(Reason.MALFORMED, problem);
        }
    }

    private static Instant parseCreated(String text, String who) throws TokenRejectedException {
        if (text.length() <= MAX_CREATED_LENGTH) {
            try {
                TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(text, OffsetDateTime::from, LocalDateTime::from);
                return parsed instanceof OffsetDateTime withOffset ? withOffset.toInstant()
                        : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC); // no zone: UTC, as WS-Security intends
            } catch (DateTimeParseException e) {
                // refused below
            }
        }
        throw new TokenRejectedException(Reason.MALFORMED, who + ": Created '" + SafeText.excerpt(text, MAX_CREATED_LENGTH)
                + "' is not a date and time");
    }
}
