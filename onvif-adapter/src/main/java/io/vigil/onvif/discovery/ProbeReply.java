package io.vigil.onvif.discovery;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One datagram that arrived while a probe waited for answers, and what became of it: what
 * {@code vigil cameras discover --verbose} shows, so that a device that answered in a form Vigil
 * refuses is not mistaken for no device at all. Hello, Bye and Probe messages of other hosts heard
 * meanwhile are not replies and are not listed.
 *
 * @param from    the sender
 * @param verdict whether its devices were taken
 * @param detail  why it was refused, or how a taken one departed from WS-Discovery; never secret
 *                (the datagram's own text appears only as a short excerpt)
 */
public record ProbeReply(InetSocketAddress from, Verdict verdict, String detail) {

    /** What became of a reply. */
    public enum Verdict {
        /** A conformant ProbeMatches to this probe. */
        ACCEPTED,
        /** Read although it departs from WS-Discovery, because it is unambiguous (a bare ProbeMatch). */
        ACCEPTED_NON_CONFORMANT,
        /** Dropped: not readable, another probe's answer, or from a host the probe did not go to. */
        REFUSED
    }

    public ProbeReply {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(detail, "detail");
    }
}
