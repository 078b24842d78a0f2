package io.vigil.testing;

import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys and passwords in maps: the real BCFKS store is tested in the secrets bundle and used by
 * the container tests; here what matters is what a component does with its secrets. Tests may
 * look into {@link #keys} (raw key bytes by alias) and make the store fail as a wrong passphrase
 * would with {@link #failing}.
 */
public final class MemorySecretStore implements SecretStore {

    /** Raw key bytes by alias; guarded by this store. */
    public final Map<String, byte[]> keys = new TreeMap<>();
    /** When set, every key operation fails as a store opened with the wrong passphrase does. */
    public volatile boolean failing;
    private final Map<String, String> algorithms = new TreeMap<>();
    private final Map<String, char[]> passwords = new TreeMap<>();

    @Override
    public synchronized Optional<char[]> password(String alias) throws SecretStoreException {
        check();
        return Optional.ofNullable(passwords.get(alias)).map(char[]::clone);
    }

    @Override
    public synchronized void putPassword(String alias, char[] password) throws SecretStoreException {
        check();
        passwords.put(alias, password.clone());
    }

    @Override
    public synchronized Optional<SecretKey> key(String alias) throws SecretStoreException {
        check();
        return Optional.ofNullable(keys.get(alias)).map(k -> new SecretKeySpec(k, algorithms.getOrDefault(alias, "AES")));
    }

    @Override
    public synchronized void putKey(String alias, SecretKey key) throws SecretStoreException {
        check();
        keys.put(alias, key.getEncoded());
        algorithms.put(alias, key.getAlgorithm());
    }

    @Override
    public synchronized boolean remove(String alias) throws SecretStoreException {
        check();
        algorithms.remove(alias);
        boolean removed = keys.remove(alias) != null;
        return passwords.remove(alias) != null || removed;
    }

    @Override
    public synchronized Set<String> aliases() throws SecretStoreException {
        check();
        Set<String> aliases = new TreeSet<>(keys.keySet());
        aliases.addAll(passwords.keySet());
        return Set.copyOf(aliases);
    }

    private void check() throws SecretStoreException {
        if (failing) {
            throw new SecretStoreException("the secret store's passphrase is wrong (test)");
        }
    }
}
