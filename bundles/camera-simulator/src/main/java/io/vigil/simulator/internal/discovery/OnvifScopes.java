package io.vigil.simulator.internal.discovery;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The scopes a camera announces (ONVIF Core, "Scopes"): {@code onvif://www.onvif.org/<category>/<value>},
 * with at least a type, a name and a hardware entry. Values are percent-encoded as one path
 * segment, so "Lobby camera" stays one searchable name.
 */
final class OnvifScopes {

    private static final String PREFIX = "onvif://www.onvif.org/";

    private OnvifScopes() {
    }

    static List<String> of(DiscoverySettings settings) {
        return List.of(PREFIX + "type/video_encoder", PREFIX + "Profile/Streaming",
                PREFIX + "name/" + segment(settings.name()),
                PREFIX + "hardware/" + segment(settings.hardware()),
                PREFIX + "location/" + segment(settings.location()));
    }

    /** RFC 3986 unreserved characters kept, every other byte of the UTF-8 form percent-encoded. */
    static String segment(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return encoded.toString();
    }
}
