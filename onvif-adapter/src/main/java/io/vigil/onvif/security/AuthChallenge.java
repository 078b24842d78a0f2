package io.vigil.onvif.security;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One challenge of a {@code WWW-Authenticate} header (RFC 7235, 4.1): a scheme and its
 * parameters, names lower-cased, quoted values unquoted. One header value may hold several
 * challenges ({@code Digest realm="a", nonce="b", Basic realm="a"}) and a response several
 * headers; {@link #parse(List)} reads them all, in order, so that the server's order of
 * preference survives.
 *
 * @param scheme     as sent ({@code Digest}, {@code Basic}, ...)
 * @param parameters auth-params by lower-case name; empty for a token68 challenge
 */
public record AuthChallenge(String scheme, Map<String, String> parameters) {

    private static final int MAX_HEADER_LENGTH = 8192;

    public AuthChallenge {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    public boolean isScheme(String name) {
        return scheme.equalsIgnoreCase(name);
    }

    public String parameter(String name) {
        return parameters.get(name.toLowerCase(Locale.ROOT));
    }

    /** Every challenge in these header values, in order; unreadable parts are skipped. */
    public static List<AuthChallenge> parse(List<String> headerValues) {
        List<AuthChallenge> challenges = new ArrayList<>();
        for (String value : headerValues) {
            if (value.length() <= MAX_HEADER_LENGTH) {
                new Parser(value).challenges(challenges);
            }
        }
        return challenges;
    }

    /** RFC 7235 challenge grammar, tolerant of the extra spaces and commas devices write. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        void challenges(List<AuthChallenge> out) {
            skipSeparators();
            while (pos < s.length()) {
                String scheme = token();
                if (scheme.isEmpty()) {
                    pos++; // not a token character: skip it
                    skipSeparators();
                    continue;
                }
                Map<String, String> parameters = new LinkedHashMap<>();
                skipSpaces();
                if (!startsParameter() && pos < s.length() && s.charAt(pos) != ',') {
                    token68(); // Basic/Negotiate credentials-style challenge: not needed here
                }
                while (startsParameter()) {
                    String name = token().toLowerCase(Locale.ROOT);
                    skipSpaces();
                    pos++; // '='
                    skipSpaces();
                    String value = pos < s.length() && s.charAt(pos) == '"' ? quoted() : token();
                    parameters.putIfAbsent(name, value);
                    skipSpaces();
                    if (pos < s.length() && s.charAt(pos) == ',') {
                        skipSeparators();
                    }
                }
                out.add(new AuthChallenge(scheme, parameters));
                skipSeparators();
            }
        }

        /** Whether a {@code name=value} parameter starts here (rather than the next challenge's scheme). */
        private boolean startsParameter() {
            int save = pos;
            try {
                if (token().isEmpty()) {
                    return false;
                }
                skipSpaces();
                return pos < s.length() && s.charAt(pos) == '=' && !(pos + 1 < s.length() && s.charAt(pos + 1) == '=');
            } finally {
                pos = save;
            }
        }

        private String token() {
            int start = pos;
            while (pos < s.length() && isTokenChar(s.charAt(pos))) {
                pos++;
            }
            return s.substring(start, pos);
        }

        private void token68() {
            while (pos < s.length() && (isTokenChar(s.charAt(pos)) || s.charAt(pos) == '/' || s.charAt(pos) == '=')) {
                pos++;
            }
        }

        private String quoted() {
            StringBuilder value = new StringBuilder();
            pos++; // opening quote
            while (pos < s.length()) {
                char c = s.charAt(pos++);
                if (c == '"') {
                    return value.toString();
                }
                if (c == '\\' && pos < s.length()) {
                    c = s.charAt(pos++);
                }
                value.append(c);
            }
            return value.toString(); // unterminated: take what there is
        }

        private void skipSpaces() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        private void skipSeparators() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t' || s.charAt(pos) == ',')) {
                pos++;
            }
        }

        private static boolean isTokenChar(char c) {
            return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={} \t".indexOf(c) < 0;
        }
    }
}
