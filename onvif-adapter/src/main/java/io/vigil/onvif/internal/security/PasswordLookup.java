package io.vigil.onvif.internal.security;

import java.util.Optional;

/** The device side's users: the credentials stored for a user name, if there is such a user. */
@FunctionalInterface
public interface PasswordLookup {

    Optional<Credentials> find(String username);
}
