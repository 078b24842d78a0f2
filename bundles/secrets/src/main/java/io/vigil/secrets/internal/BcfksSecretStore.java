package io.vigil.secrets.internal;

import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LoggerFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The secret store service: a BCFKS keystore in the data folder. If it cannot be opened (wrong
 * passphrase, corrupt or missing file) activation fails with the reason, {@code vigil status}
 * shows it, and the file is left exactly as it was.
 */
@Component(service = SecretStore.class, configurationPid = BcfksSecretStore.PID)
@Designate(ocd = BcfksSecretStore.Config.class)
public class BcfksSecretStore implements SecretStore {

    static final String PID = "io.vigil.secrets";

    @ObjectClassDefinition(name = "Vigil secret store",
            description = "Where secrets are kept. The passphrase is never configured here: it comes from "
                    + "VIGIL_SECRETS_PASSPHRASE_FILE or VIGIL_SECRETS_PASSPHRASE.")
    public @interface Config {

        @AttributeDefinition(name = "Keystore file",
                description = "BCFKS keystore. Empty: secrets/vigil.bcfks in the data folder, created on first start.")
        String keystore_path() default "";
    }

    private final SecretKeystore keystore;

    @Activate
    public BcfksSecretStore(BundleContext context, Config config,
            @Reference(service = LoggerFactory.class) Logger logger) throws SecretStoreException {
        this(Path.of(context.getProperty("vigil.data")), config.keystore_path(), System.getenv(), logger);
    }

    BcfksSecretStore(Path dataDir, String configuredPath, Map<String, String> env, Logger logger)
            throws SecretStoreException {
        Path secretsDir = dataDir.resolve("secrets");
        boolean explicit = !configuredPath.isBlank();
        Path file = explicit ? Path.of(configuredPath) : secretsDir.resolve("vigil.bcfks");
        boolean exists = Files.exists(file);
        PassphraseSource.Passphrase passphrase =
                new PassphraseSource(env, secretsDir.resolve("passphrase")).resolve(exists);
        BouncyCastleProvider provider = new BouncyCastleProvider();
        if (exists || explicit) {
            keystore = SecretKeystore.open(file, passphrase.value(), provider);
            logger.info("Secret store {} opened (passphrase from {})", file, passphrase.origin());
        } else {
            keystore = SecretKeystore.create(file, passphrase.value(), provider);
            logger.info("Secret store {} created (passphrase from {})", file, passphrase.origin());
        }
        if (passphrase.generated()) {
            logger.warn("Generated a passphrase for the secret store in {}. In production give it through "
                    + "VIGIL_SECRETS_PASSPHRASE_FILE on storage apart from the data folder.", passphrase.origin());
        }
        Arrays.fill(passphrase.value(), '\0');
    }

    @Override
    public Optional<char[]> password(String alias) throws SecretStoreException {
        return keystore.password(alias);
    }

    @Override
    public void putPassword(String alias, char[] password) throws SecretStoreException {
        keystore.putPassword(alias, password);
    }

    @Override
    public Optional<SecretKey> key(String alias) throws SecretStoreException {
        return keystore.key(alias);
    }

    @Override
    public void putKey(String alias, SecretKey key) throws SecretStoreException {
        keystore.putKey(alias, key);
    }

    @Override
    public boolean remove(String alias) throws SecretStoreException {
        return keystore.remove(alias);
    }

    @Override
    public Set<String> aliases() throws SecretStoreException {
        return keystore.aliases();
    }
}
