package io.vigil.api.camera;

/** Whether people in a camera's view are told that live facial recognition is in use. */
public enum SignageStatus {
    /** Signs are in place and were checked. */
    POSTED,
    /** No signs; recognition here needs a legal basis that allows covert use. */
    NOT_POSTED,
    /** Nobody has recorded it yet. */
    UNKNOWN
}
