package io.vigil.api.alert;

/**
 * A cluster member refused the recognition: its camera is no longer this node's under the epoch the work started
 * under (the node stalled or was cut off, and the camera may run on another node now). Nothing was stored; the
 * camera's owner makes its own alerts. Not a failure of the store.
 */
public class AlertFencedException extends AlertStoreException {

    private static final long serialVersionUID = 1L;

    public AlertFencedException(String message) {
        super(message, null);
    }
}
