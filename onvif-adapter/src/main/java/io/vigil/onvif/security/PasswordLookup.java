package io.vigil.onvif.security;

import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/** The device side's users: the credentials stored for a user name, if there is such a user. */
@FunctionalInterface
@ConsumerType
public interface PasswordLookup {

    Optional<Credentials> find(String username);
}
