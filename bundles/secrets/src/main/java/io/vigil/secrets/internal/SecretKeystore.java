package io.vigil.secrets.internal;

import io.vigil.api.secret.SecretStoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.Provider;
import java.util.Arrays;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A BCFKS keystore file holding the product's secrets. Every change is written to a new file
 * and moved over the old one, so a crash or a full disk leaves the previous keystore intact.
 * Opening never writes: a wrong passphrase or a damaged file is reported and left as it is.
 */
final class SecretKeystore {

    static final String TYPE = "BCFKS";

    /**
     * BCFKS stores only secret keys of algorithms it recognises; HMAC keys take material of any
     * length, so a password is kept as the key material of an HMAC entry. Data keys are AES.
     */
    static final String PASSWORD_ALGORITHM = "HmacSHA256";

    private final Path file;
    private final char[] passphrase;
    private final KeyStore keyStore;

    private SecretKeystore(Path file, char[] passphrase, KeyStore keyStore) {
        this.file = file;
        this.passphrase = passphrase;
        this.keyStore = keyStore;
    }

    /** Opens an existing keystore. */
    static SecretKeystore open(Path file, char[] passphrase, Provider provider) throws SecretStoreException {
        if (!Files.exists(file)) {
            throw new SecretStoreException("Secret store " + file + " does not exist. Restore it from backup, or "
                    + "remove the keystore.path setting to create a new one in the data folder.");
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance(TYPE, provider);
            ks.load(in, passphrase);
            return new SecretKeystore(file, passphrase.clone(), ks);
        } catch (IOException e) {
            throw new SecretStoreException(describeLoadFailure(file, e), e);
        } catch (GeneralSecurityException e) {
            throw new SecretStoreException("Secret store " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Creates a new, empty keystore; refuses to replace an existing file. */
    static SecretKeystore create(Path file, char[] passphrase, Provider provider) throws SecretStoreException {
        if (Files.exists(file)) {
            throw new SecretStoreException("Secret store " + file + " already exists; not replacing it.");
        }
        try {
            KeyStore ks = KeyStore.getInstance(TYPE, provider);
            ks.load(null, null);
            SecretKeystore store = new SecretKeystore(file, passphrase.clone(), ks);
            Files.createDirectories(file.getParent());
            store.write();
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new SecretStoreException("Cannot create secret store " + file + ": " + e.getMessage(), e);
        }
    }

    private static String describeLoadFailure(Path file, IOException e) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("MAC calculation failed") || msg.contains("mac")) {
            return "Secret store " + file + " cannot be opened: wrong passphrase, or the file was altered. "
                    + "Check VIGIL_SECRETS_PASSPHRASE or VIGIL_SECRETS_PASSPHRASE_FILE; the file was left untouched.";
        }
        return "Secret store " + file + " is corrupt (" + msg + "). Restore it from backup; the file was left untouched.";
    }

    Path file() {
        return file;
    }

    synchronized Optional<char[]> password(String alias) throws SecretStoreException {
        return entry(alias, PASSWORD_ALGORITHM).map(k -> {
            byte[] encoded = k.getEncoded();
            CharBuffer text = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(encoded));
            char[] password = new char[text.remaining()];
            text.get(password);
            Arrays.fill(encoded, (byte) 0);
            return password;
        });
    }

    synchronized void putPassword(String alias, char[] password) throws SecretStoreException {
        if (password.length == 0) {
            throw new SecretStoreException("Refusing to store an empty password under '" + alias + "'.");
        }
        ByteBuffer utf8 = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] material = new byte[utf8.remaining()];
        utf8.get(material);
        put(alias, new SecretKeySpec(material, PASSWORD_ALGORITHM));
        Arrays.fill(material, (byte) 0);
    }

    synchronized Optional<SecretKey> key(String alias) throws SecretStoreException {
        return entry(alias, null).filter(k -> !PASSWORD_ALGORITHM.equals(k.getAlgorithm()));
    }

    synchronized void putKey(String alias, SecretKey key) throws SecretStoreException {
        if (PASSWORD_ALGORITHM.equals(key.getAlgorithm())) {
            throw new SecretStoreException("Keys of algorithm " + PASSWORD_ALGORITHM + " are reserved for passwords.");
        }
        put(alias, key);
    }

    synchronized boolean remove(String alias) throws SecretStoreException {
        try {
            if (!keyStore.containsAlias(alias)) {
                return false;
            }
            keyStore.deleteEntry(alias);
            save();
            return true;
        } catch (GeneralSecurityException e) {
            throw new SecretStoreException("Cannot remove '" + alias + "': " + e.getMessage(), e);
        }
    }

    synchronized Set<String> aliases() throws SecretStoreException {
        try {
            return Collections.unmodifiableSet(new TreeSet<>(Collections.list(keyStore.aliases())));
        } catch (GeneralSecurityException e) {
            throw new SecretStoreException("Cannot list the secret store: " + e.getMessage(), e);
        }
    }

    private Optional<SecretKey> entry(String alias, String algorithm) throws SecretStoreException {
        checkAlias(alias);
        try {
            Key key = keyStore.getKey(alias, passphrase);
            if (!(key instanceof SecretKey secret)) {
                return Optional.empty();
            }
            if (algorithm != null && !algorithm.equals(secret.getAlgorithm())) {
                return Optional.empty();
            }
            return Optional.of(secret);
        } catch (GeneralSecurityException e) {
            throw new SecretStoreException("Cannot read '" + alias + "': " + e.getMessage(), e);
        }
    }

    private void put(String alias, SecretKey key) throws SecretStoreException {
        checkAlias(alias);
        try {
            keyStore.setEntry(alias, new KeyStore.SecretKeyEntry(key), new KeyStore.PasswordProtection(passphrase));
        } catch (GeneralSecurityException e) {
            throw new SecretStoreException("Cannot store '" + alias + "': " + e.getMessage(), e);
        }
        save();
    }

    static void checkAlias(String alias) throws SecretStoreException {
        if (alias == null || !alias.matches("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")) {
            throw new SecretStoreException("Invalid alias '" + alias
                    + "': use 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit.");
        }
    }

    private void save() throws SecretStoreException {
        try {
            write();
        } catch (IOException | GeneralSecurityException e) {
            throw new SecretStoreException("Cannot write secret store " + file + " (" + e.getMessage()
                    + "); the previous version is intact and the change was not kept.", e);
        }
    }

    /** Writes beside the real file, flushes to disk, then moves it over the real file in one step. */
    private void write() throws IOException, GeneralSecurityException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(channel)) {
                keyStore.store(out, passphrase);
                out.flush();
                channel.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }
}
