package io.vigil.onvif.discovery;

import java.util.List;

/**
 * What a probe found: the devices, once each, and the replies heard on the way with what became
 * of each (at most {@link #MAX_LISTED} listed; a flood of datagrams is only counted beyond that).
 *
 * @param devices  the devices found, in the order they answered
 * @param replies  the replies heard, in order of arrival, up to {@link #MAX_LISTED}
 * @param unlisted replies heard beyond those listed
 */
public record ProbeReport(List<DiscoveredDevice> devices, List<ProbeReply> replies, long unlisted) {

    /** The most replies one report lists. */
    public static final int MAX_LISTED = 256;

    public ProbeReport {
        devices = List.copyOf(devices);
        replies = List.copyOf(replies);
        if (unlisted < 0) {
            throw new IllegalArgumentException("unlisted must not be negative: " + unlisted);
        }
    }

    /** The replies refused. */
    public List<ProbeReply> refused() {
        return replies.stream().filter(r -> r.verdict() == ProbeReply.Verdict.REFUSED).toList();
    }
}
