package io.vigil.watchlist.internal;

import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys in a map, for the store's unit tests: the real BCFKS store is tested in its own bundle and
 * used by the container tests; here what matters is what the watchlists do with their keys.
 */
final class MemorySecretStore implements SecretStore {

    final Map<String, byte[]> keys = new TreeMap<>();
    boolean failing;

    @Override
    public Optional<char[]> password(String alias) {
        return Optional.empty();
    }

    @Override
    public void putPassword(String alias, char[] password) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized Optional<SecretKey> key(String alias) throws SecretStoreException {
        check();
        return Optional.ofNullable(keys.get(alias)).map(k -> new SecretKeySpec(k, "AES"));
    }

    @Override
    public synchronized void putKey(String alias, SecretKey key) throws SecretStoreException {
        check();
        keys.put(alias, key.getEncoded());
    }

    @Override
    public synchronized boolean remove(String alias) throws SecretStoreException {
        check();
        return keys.remove(alias) != null;
    }

    @Override
    public synchronized Set<String> aliases() throws SecretStoreException {
        check();
        return Set.copyOf(keys.keySet());
    }

    private void check() throws SecretStoreException {
        if (failing) {
            throw new SecretStoreException("the secret store's passphrase is wrong (test)");
        }
    }
}
