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
 * An account whose secret is missing is left out and named in {@link #missing()}; one whose
 * password is a well-known default, its own name or shorter than {@link #MIN_PASSWORD} characters
 * is named in {@link #weak()} (status shows it: such a password falls to the first guesses).
 */
final class ServiceAccounts implements PasswordLookup {

    static final int MIN_PASSWORD = 10;
    /** Factory and demo passwords that guessing tries first. */
    private static final java.util.Set<String> DEFAULTS = java.util.Set.of("admin", "password", "12345", "123456", "1234",
            "12345678", "123456789", "888888", "666666", "000000", "pass", "root", "onvif", "vms", "demo", "default", "changeme",
            "admin123", "password1", "qwerty", "test", "user", "service");

    private final Map<String, Credentials> accounts;
    private final List<String> missing;
    private final List<String> weak;

    private ServiceAccounts(Map<String, Credentials> accounts, List<String> missing, List<String> weak) {
        this.accounts = Map.copyOf(accounts);
        this.missing = List.copyOf(missing);
        this.weak = List.copyOf(weak);
    }

    static ServiceAccounts of(Map<String, Credentials> accounts) {
        return new ServiceAccounts(accounts, List.of(), List.of());
    }

    /** Whether {@code password} of {@code user} is one guessing finds at once. */
    static boolean weak(String user, char[] password) {
        String text = new String(password).strip().toLowerCase(java.util.Locale.ROOT);
        return password.length < MIN_PASSWORD || DEFAULTS.contains(text) || text.equalsIgnoreCase(user)
                || text.contains(user.toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * @param entries {@code user=alias}
     * @throws IllegalArgumentException for an entry without both parts
     */
    static ServiceAccounts load(String[] entries, SecretStore secrets) throws SecretStoreException {
        Map<String, Credentials> accounts = new LinkedHashMap<>();
        List<String> missing = new java.util.ArrayList<>();
        List<String> weak = new java.util.ArrayList<>();
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
            if (weak(user, value)) {
                weak.add(user);
            }
            accounts.put(user, new Credentials(user, value));
            Arrays.fill(value, '\0');
        }
        return new ServiceAccounts(accounts, missing, weak);
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

    /** Accounts whose password is a default, their own name, or short. */
    List<String> weak() {
        return weak;
    }

    void destroy() {
        accounts.values().forEach(Credentials::destroy);
    }
}
