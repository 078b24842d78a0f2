package io.vigil.secrets.internal;

import io.vigil.api.secret.SecretStoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

/**
 * Where the secret store's passphrase comes from: never configuration (fileinstall and Config
 * Admin write configuration back to disk), only the environment or a file that only the
 * service user can read.
 */
final class PassphraseSource {

    static final String ENV_PASSPHRASE = "VIGIL_SECRETS_PASSPHRASE";
    static final String ENV_PASSPHRASE_FILE = "VIGIL_SECRETS_PASSPHRASE_FILE";

    /**
     * The passphrase and where it came from; {@code origin} names a source, never the value;
     * {@code file} is the file it was read from or written to (null: the environment variable).
     */
    record Passphrase(char[] value, String origin, boolean generated, Path file) {
    }

    private final Map<String, String> env;
    private final Path defaultFile;

    PassphraseSource(Map<String, String> env, Path defaultFile) {
        this.env = env;
        this.defaultFile = defaultFile;
    }

    /**
     * Finds the passphrase. Only when no keystore exists yet and nothing names a passphrase is
     * one generated, into {@code defaultFile}, readable by the owner alone.
     */
    Passphrase resolve(boolean keystoreExists) throws SecretStoreException {
        String file = env.get(ENV_PASSPHRASE_FILE);
        if (file != null && !file.isBlank()) {
            return new Passphrase(readOwnerOnly(Path.of(file)), ENV_PASSPHRASE_FILE + "=" + file, false, Path.of(file));
        }
        String value = env.get(ENV_PASSPHRASE);
        if (value != null && !value.isEmpty()) {
            return new Passphrase(value.toCharArray(), ENV_PASSPHRASE, false, null);
        }
        if (Files.exists(defaultFile)) {
            return new Passphrase(readOwnerOnly(defaultFile), defaultFile.toString(), false, defaultFile);
        }
        if (keystoreExists) {
            throw new SecretStoreException("The secret store exists but no passphrase was given: set "
                    + ENV_PASSPHRASE_FILE + " (a file only the service user can read) or " + ENV_PASSPHRASE + ".");
        }
        return new Passphrase(generate(), defaultFile.toString(), true, defaultFile);
    }

    private char[] generate() throws SecretStoreException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        try {
            Files.createDirectories(defaultFile.getParent(),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.createFile(defaultFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(defaultFile, encoded + "\n");
        } catch (IOException e) {
            throw new SecretStoreException("Cannot write a new passphrase file " + defaultFile + ": " + e.getMessage(), e);
        }
        return encoded.toCharArray();
    }

    static char[] readOwnerOnly(Path file) throws SecretStoreException {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)
                    || permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
                throw new SecretStoreException("Passphrase file " + file + " is readable or writable by others ("
                        + PosixFilePermissions.toString(permissions) + "); run: chmod 600 " + file);
            }
            byte[] bytes = Files.readAllBytes(file);
            CharBuffer text = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes));
            Arrays.fill(bytes, (byte) 0);
            int end = text.limit();
            while (end > 0 && (text.get(end - 1) == '\n' || text.get(end - 1) == '\r')) {
                end--;
            }
            char[] passphrase = new char[end];
            text.get(passphrase);
            if (passphrase.length == 0) {
                throw new SecretStoreException("Passphrase file " + file + " is empty.");
            }
            return passphrase;
        } catch (IOException e) {
            throw new SecretStoreException("Cannot read passphrase file " + file + ": " + e, e);
        }
    }
}
