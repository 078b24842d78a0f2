package io.vigil.api.secret;

import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The product's one store of secrets. Configuration refers to secrets by alias only; the
 * values never appear in configuration, logs or status output.
 */
@ProviderType
public interface SecretStore {

    /** A password or other text secret, such as a camera's password. */
    Optional<char[]> password(String alias) throws SecretStoreException;

    void putPassword(String alias, char[] password) throws SecretStoreException;

    /** A symmetric key, such as a watchlist's data key. */
    Optional<SecretKey> key(String alias) throws SecretStoreException;

    void putKey(String alias, SecretKey key) throws SecretStoreException;

    /** Removes the secret; true when there was one. Destroying a data key makes what it encrypted unreadable. */
    boolean remove(String alias) throws SecretStoreException;

    /** The aliases in use, never their values. */
    Set<String> aliases() throws SecretStoreException;
}
