package io.vigil.onvif.discovery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Scope matching rules of WS-Discovery 2005/04 (section 5.1) as ONVIF Core ("Probe and Probe
 * Match") requires them: rfc3986 (with RFC 3986 in place of RFC 2396) and strcmp0. A rule this
 * class does not know matches nothing, so such a probe gets no answer: ONVIF recommends silence
 * over a fault for multicast probes.
 */
final class ScopeMatching {

    private ScopeMatching() {
    }

    /** Whether every probed scope matches one of the device's scopes. */
    static boolean allMatch(List<String> probed, List<String> offered, String matchBy) {
        for (String wanted : probed) {
            if (offered.stream().noneMatch(scope -> matches(wanted, scope, matchBy))) {
                return false;
            }
        }
        return true;
    }

    static boolean matches(String probed, String offered, String matchBy) {
        if (WsDiscovery.MATCH_BY_STRCMP0.equals(matchBy)) {
            return probed.equals(offered);
        }
        if (WsDiscovery.MATCH_BY_RFC3986.equals(matchBy)) {
            return rfc3986(probed, offered);
        }
        return false;
    }

    /**
     * Scheme and authority equal ignoring case, and the probed path a segment-by-segment prefix of
     * the offered one (case-sensitive); query and fragment are not compared; a path with "." or
     * ".." segments matches nothing. So {@code onvif://www.onvif.org/location} matches
     * {@code onvif://www.onvif.org/location/city/x} but {@code .../hardware/D1} does not match
     * {@code .../hardware/D1-566}.
     */
    private static boolean rfc3986(String probed, String offered) {
        try {
            URI wanted = new URI(probed);
            URI scope = new URI(offered);
            if (!equalsIgnoreCase(wanted.getScheme(), scope.getScheme())
                    || !equalsIgnoreCase(wanted.getRawAuthority(), scope.getRawAuthority())) {
                return false;
            }
            String[] wantedSegments = segments(wanted.getRawPath());
            String[] scopeSegments = segments(scope.getRawPath());
            if (wantedSegments == null || scopeSegments == null || wantedSegments.length > scopeSegments.length) {
                return false;
            }
            for (int i = 0; i < wantedSegments.length; i++) {
                if (!wantedSegments[i].equals(scopeSegments[i])) {
                    return false;
                }
            }
            return true;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean equalsIgnoreCase(String a, String b) {
        return a == null ? b == null : b != null && a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }

    /** The path's segments without empty ones from leading or trailing slashes; null when it has "." or "..". */
    private static String[] segments(String path) {
        String trimmed = Objects.requireNonNullElse(path, "").replaceAll("^/+|/+$", "");
        String[] segments = trimmed.isEmpty() ? new String[0] : trimmed.split("/");
        for (String segment : segments) {
            if (segment.equals(".") || segment.equals("..")) {
                return null;
            }
        }
        return segments;
    }
}
