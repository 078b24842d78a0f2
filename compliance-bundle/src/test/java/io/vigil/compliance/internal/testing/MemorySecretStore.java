package io.vigil.compliance.internal.testing;

import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys in a map, for this module's unit tests: the real BCFKS store lives in io.vigil.secrets and
 * is tested there and in the container tests; here what matters is what the trail does with its key.
 */
public final class MemorySecretStore implements SecretStore {

    private final Map<String, SecretKey> keys = new TreeMap<>();
    private final Map<String, char[]> passwords = new TreeMap<>();

    @Override
    public synchronized Optional<char[]> password(String alias) {
        return Optional.ofNullable(passwords.get(alias)).map(char[]::clone);
    }

    @Override
    public synchronized void putPassword(String alias, char[] password) {
        passwords.put(alias, password.clone());
    }

    @Override
    public synchronized Optional<SecretKey> key(String alias) {
        return Optional.ofNullable(keys.get(alias)).map(k -> new SecretKeySpec(k.getEncoded(), k.getAlgorithm()));
    }

    @Override
    public synchronized void putKey(String alias, SecretKey key) throws SecretStoreException {
        keys.put(alias, new SecretKeySpec(key.getEncoded(), key.getAlgorithm()));
    }

    @Override
    public synchronized boolean remove(String alias) {
        return keys.remove(alias) != null;
    }

    @Override
    public synchronized Set<String> aliases() {
        return Set.copyOf(keys.keySet());
    }
}
