package io.vigil.secrets.internal;

import io.vigil.api.secret.SecretStore;
import io.vigil.api.secret.SecretStoreException;
import io.vigil.api.status.ModuleStatus;
import io.vigil.api.status.StatusReporter;
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
@Component(service = {SecretStore.class, StatusReporter.class}, configurationPid = BcfksSecretStore.PID,
        property = "vigil.module=secrets")
@Designate(ocd = BcfksSecretStore.Config.class)
public class BcfksSecretStore implements SecretStore, StatusReporter {

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
    private final String passphraseOrigin;
    /** Where the passphrase is kept, when that is a problem: fixed for the life of the component. */
    private final Optional<String> placementProblem;

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
        passphraseOrigin = passphrase.origin();
        placementProblem = PassphrasePlacement.problem(dataDir, passphrase, secretsDir.resolve("passphrase"));
        placementProblem.ifPresent(p -> logger.warn("Secret store: {}", p));
        Arrays.fill(passphrase.value(), '\0');
    }

    /** How many secrets, where the passphrase came from, and a passphrase kept in the data folder flagged with its fix. */
    @Override
    public ModuleStatus status() {
        int count;
        try {
            count = keystore.aliases().size();
        } catch (SecretStoreException e) {
            return new ModuleStatus("secrets", ModuleStatus.Health.FAILED, e.getMessage());
        }
        String detail = count + " secrets; passphrase from " + passphraseOrigin;
        return placementProblem.map(p -> new ModuleStatus("secrets", ModuleStatus.Health.DEGRADED, detail + "; " + p))
                .orElseGet(() -> new ModuleStatus("secrets", ModuleStatus.Health.OK, detail));
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
