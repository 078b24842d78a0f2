package io.vigil.onvif.internal.client;

import io.vigil.onvif.soap.OnvifException;

/** The camera answered, but offers nothing Vigil can stream: no media service, or no profile the policy accepts. */
public final class UnsuitableCameraException extends OnvifException {

    private static final long serialVersionUID = 1L;

    public UnsuitableCameraException(String message) {
        super(message, null, null);
    }
}
