package io.vigil.compliance.internal.deployment;

/** A deployment change was refused or could not be made durable; the message says why. */
public class DeploymentException extends Exception {
    private static final long serialVersionUID = 1L;

    public DeploymentException(String message) {
        super(message);
    }

    public DeploymentException(String message, Throwable cause) {
        super(message, cause);
    }
}
