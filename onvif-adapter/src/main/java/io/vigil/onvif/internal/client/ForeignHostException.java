package io.vigil.onvif.internal.client;

import io.vigil.onvif.soap.OnvifException;

/**
 * The camera named an address on another host than the one its configuration gives, for a
 * service or a stream that would receive its login: Vigil refuses rather than send the camera's
 * credentials wherever the camera (or whoever answers for it) points.
 */
public final class ForeignHostException extends OnvifException {

    private static final long serialVersionUID = 1L;

    public ForeignHostException(String message) {
        super(message, null, null);
    }
}
