package io.vigil.onvif.internal.device;

import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import io.vigil.onvif.security.Credentials;
import io.vigil.onvif.security.PasswordLookup;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ONVIF service accounts a VMS logs in with (separate from the people who use Vigil's
 * console): configured as {@code user=password-alias}, each password read from the secret store.
 * An account whose secret is missing is left out and named in {@link #missing()}.
 */
final class ServiceAccounts implements PasswordLookup {

    private final Map<String, Credentials> accounts;
    private final List<String> missing;

    private ServiceAccounts(Map<String, Credentials> accounts, List<String> missing) {
        this.accounts = Map.copyOf(accounts);
        this.missing = List.copyOf(missing);
    }

    static ServiceAccounts of(Map<String, Credentials> accounts) {
        return new ServiceAccounts(accounts, List.of());
    }

    /**
     * @param entries {@code user=alias}
     * @throws IllegalArgumentException for an entry without both parts
     */
    static ServiceAccounts load(String[] entries, SecretStore secrets) throws SecretStoreException {
        Map<String, Credentials> accounts = new LinkedHashMap<>();
        List<String> missing = new java.util.ArrayList<>();
        for (String entry : entries) {
            if (entry.isBlank()) {
                continue;
            }
            int equals = entry.indexOf('=');
            if (equals <= 0 || equals == entry.length() - 1) {
                throw new IllegalArgumentException("a service account is 'user=password-alias', not '" + entry.strip() + "'");
            }
            String user = entry.substring(0, equals).strip();
            String alias = entry.substring(equals + 1).strip();
            Optional<char[]> password = secrets.password(alias);
            if (password.isEmpty()) {
                missing.add(user + " (alias " + alias + ")");
                continue;
            }
            char[] value = password.get();
            accounts.put(user, new Credentials(user, value));
            Arrays.fill(value, '\0');
        }
        return new ServiceAccounts(accounts, missing);
    }

    @Override
    public Optional<Credentials> find(String username) {
        return Optional.ofNullable(accounts.get(username));
    }

    int size() {
        return accounts.size();
    }

    List<String> missing() {
        return missing;
    }

    void destroy() {
        accounts.values().forEach(Credentials::destroy);
    }
}
