package io.vigil.api.alert;

/** The alert store could not do what was asked; nothing was half-written. */
public class AlertStoreException extends Exception {

    private static final long serialVersionUID = 1L;

    public AlertStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
