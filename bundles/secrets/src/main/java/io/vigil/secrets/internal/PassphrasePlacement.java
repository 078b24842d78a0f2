package io.vigil.secrets.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the secret store's passphrase sits in the data folder beside the keystore (where the
 * first start generates it): then any copy or backup of the data folder opens every secret, and
 * erasing a data key by destroying it protects nothing that copy holds. Says what to do about it.
 */
final class PassphrasePlacement {

    /** Where the steps suggest moving it; any storage apart from the data folder will do. */
    static final String SUGGESTED = "/etc/vigil/secrets.passphrase";

    private PassphrasePlacement() {
    }

    /**
     * The problem with where {@code passphrase} came from, with the steps that fix it; empty when
     * it is kept apart from the data folder and no copy of it is left there.
     */
    static Optional<String> problem(Path dataDir, PassphraseSource.Passphrase passphrase, Path defaultFile) {
        Path data = dataDir.toAbsolutePath().normalize();
        Path used = passphrase.file() == null ? null : passphrase.file().toAbsolutePath().normalize();
        if (used != null && used.startsWith(data)) {
            return Optional.of("passphrase kept in the data folder (" + used + "): a copy of the data folder opens every"
                    + " secret. Move it: install -m 600 " + used + " " + SUGGESTED + " (storage apart from the data folder,"
                    + " owned by the service user); set " + PassphraseSource.ENV_PASSPHRASE_FILE + "=" + SUGGESTED
                    + " in the service's environment; restart Vigil; then shred -u " + used);
        }
        Path left = defaultFile.toAbsolutePath().normalize();
        if (Files.exists(left)) {
            return Optional.of("a passphrase file is still in the data folder (" + left + "), though the passphrase now"
                    + " comes from " + passphrase.origin() + ": remove it with shred -u " + left);
        }
        return Optional.empty();
    }
}
