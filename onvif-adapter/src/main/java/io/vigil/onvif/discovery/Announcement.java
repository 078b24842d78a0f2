package io.vigil.onvif.discovery;

import java.util.List;
import java.util.Objects;

/**
 * A Hello or a Bye heard on the multicast group.
 *
 * @param kind        which of the two
 * @param device      the device; for a Bye only its endpoint reference is known
 * @param appSequence its announcement sequence, to order what arrives out of order
 */
public record Announcement(Kind kind, DiscoveredDevice device, AppSequence appSequence) {

    public enum Kind {
        HELLO, BYE
    }

    public Announcement {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(appSequence, "appSequence");
    }

    static Announcement of(Hello hello) {
        return new Announcement(Kind.HELLO, DiscoveredDevice.of(hello.target()), hello.appSequence());
    }

    static Announcement of(Bye bye) {
        return new Announcement(Kind.BYE, new DiscoveredDevice(bye.endpointReference(), List.of(), List.of(), List.of()),
                bye.appSequence());
    }
}
