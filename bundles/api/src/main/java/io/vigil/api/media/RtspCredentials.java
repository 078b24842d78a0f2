package io.vigil.api.media;

import java.util.Objects;

/** A user name and password an RTSP mount requires (Basic and Digest are both offered). */
public record RtspCredentials(String user, char[] password) {

    public RtspCredentials {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "RtspCredentials[user=" + user + ", password=***]";
    }
}
