package io.vigil.onvif.soap;

/**
 * The device does not implement the operation: fault {@code ter:ActionNotSupported} (the Core
 * specification has a device answer an optional operation it lacks with it) or {@code ter:UnknownAction}.
 */
public final class ActionNotSupportedException extends OnvifException {

    private static final long serialVersionUID = 1L;

    public ActionNotSupportedException(String message, SoapFault fault) {
        super(message, fault, null);
    }
}
