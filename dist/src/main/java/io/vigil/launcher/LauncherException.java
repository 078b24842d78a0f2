package io.vigil.launcher;

/** A problem the user can fix; its message is printed as it is, without a stack trace. */
class LauncherException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    LauncherException(String message) {
        super(message);
    }

    LauncherException(String message, Throwable cause) {
        super(message, cause);
    }
}
