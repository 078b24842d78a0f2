package io.vigil.compliance.internal.store;

/** A compliance database could not be opened, read or written; the message says why and what to do. */
public class StorageException extends Exception {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
