package io.vigil.api.cluster;

/** The cluster could not do what was asked (Kafka unreachable within the bound, the write refused, ...). */
public class ClusterException extends Exception {

    private static final long serialVersionUID = 1L;

    public ClusterException(String message) {
        super(message);
    }

    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
