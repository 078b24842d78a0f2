package io.vigil.alerts.internal;

import io.vigil.api.secret.SecretStore;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keys in a map: the real BCFKS store lives in the secrets bundle and is tested there; here what
 * matters is what the alert store does with its keys.
 */
final class InMemorySecretStore implements SecretStore {

    final Map<String, SecretKey> keys = new TreeMap<>();

    @Override
    public Optional<char[]> password(String alias) {
        return Optional.empty();
    }

    @Override
    public void putPassword(String alias, char[] password) {
        throw new UnsupportedOperationException("the alert store keeps no passwords");
    }

    @Override
    public synchronized Optional<SecretKey> key(String alias) {
        return Optional.ofNullable(keys.get(alias)).map(k -> new SecretKeySpec(k.getEncoded(), k.getAlgorithm()));
    }

    @Override
    public synchronized void putKey(String alias, SecretKey key) {
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
