package io.vigil.api.admin;

import java.util.Objects;

/**
 * Who runs a command on the admin channel: the operating-system account of the process at the
 * other end of the Unix socket, as the kernel reports it (SO_PEERCRED), never a name the caller
 * typed. Audit entries and reviews made through {@code bin/vigil} are recorded under it.
 *
 * @param user the account's name ({@code root}, {@code vigil}, ...; the numeric uid when the
 *             account has no name on this machine)
 */
public record AdminCaller(String user) {

    public AdminCaller {
        Objects.requireNonNull(user, "user");
        if (user.isBlank()) {
            throw new IllegalArgumentException("an admin caller has a user name");
        }
    }
}
