package io.vigil.onvif.internal.device;

/** Why the device's TLS identity or HTTPS connector could not be had; the message names the file, alias or setting to fix. */
final class DeviceTlsException extends Exception {
    private static final long serialVersionUID = 1L;

    DeviceTlsException(String message) {
        super(message);
    }

    DeviceTlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
