package io.vigil.onvif.internal.client;

import java.net.URI;
import java.util.Locale;

/**
 * Where a camera's login may go: only to the host its configuration names (the host of its
 * device service address). Service addresses (GetServices, GetCapabilities, PullPoints) and
 * stream URIs come from the camera's answers, which anyone who can answer for the camera can
 * write; a camera behind NAT or a recorder in between is named in the configuration instead
 * ({@code address}, or {@code rtsp.uri} for the stream).
 */
final class HostPin {

    private HostPin() {
    }

    /** Whether both addresses name the same host, as written (no resolving: a name and its address differ). */
    static boolean sameHost(URI configured, URI named) {
        String expected = configured.getHost();
        String actual = named.getHost();
        return expected != null && actual != null && expected.toLowerCase(Locale.ROOT).equals(actual.toLowerCase(Locale.ROOT));
    }

    /**
     * @param what what the camera named, for the message ("its Media2 service", "the stream URI of profile X")
     * @throws ForeignHostException on another host
     */
    static void require(URI configured, URI named, String what, String remedy) throws ForeignHostException {
        if (!sameHost(configured, named)) {
            throw new ForeignHostException("the camera at " + configured + " named " + what + " on another host, "
                    + named.getHost() + " (" + named + "); Vigil sends the camera's login only to its configured host "
                    + configured.getHost() + ": " + remedy);
        }
    }
}
