package io.vigil.api.secret;

/** The secret store could not do what was asked. The message never contains a secret. */
public class SecretStoreException extends Exception {

    private static final long serialVersionUID = 1L;

    public SecretStoreException(String message) {
        super(message);
    }

    public SecretStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
