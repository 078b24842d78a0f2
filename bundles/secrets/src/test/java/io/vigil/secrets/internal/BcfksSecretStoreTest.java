package io.vigil.secrets.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.api.secret.SecretStoreException;
import io.vigil.api.status.ModuleStatus;
import io.vigil.testing.RecordingLogger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BcfksSecretStoreTest {

    private static final String CAMERA_PASSWORD = "c4mera-Pässwörd!";
    private static final Map<String, String> ENV = Map.of("VIGIL_SECRETS_PASSPHRASE", "correct horse battery staple");

    @TempDir
    Path data;

    /** Storage apart from the data folder (JUnit 5.11 gives each @TempDir field its own folder). */
    @TempDir
    Path elsewhere;

    private final RecordingLogger log = new RecordingLogger();

    private BcfksSecretStore open(Map<String, String> env) throws SecretStoreException {
        return new BcfksSecretStore(data, "", env, log.logger());
    }

    private Path keystore() {
        return data.resolve("secrets/vigil.bcfks");
    }

    @Test
    void passwordsAndKeysSurviveReopening() throws Exception {
        SecretKey key = aesKey();
        BcfksSecretStore store = open(ENV);
        store.putPassword("camera.lobby", CAMERA_PASSWORD.toCharArray());
        store.putKey("watchlist.1", key);

        BcfksSecretStore reopened = open(ENV);
        assertArrayEquals(CAMERA_PASSWORD.toCharArray(), reopened.password("camera.lobby").orElseThrow());
        assertArrayEquals(key.getEncoded(), reopened.key("watchlist.1").orElseThrow().getEncoded());
        assertEquals(Set.of("camera.lobby", "watchlist.1"), reopened.aliases());
        // a password is not a key and a key is not a password
        assertTrue(reopened.key("camera.lobby").isEmpty());
        assertTrue(reopened.password("watchlist.1").isEmpty());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keystore())));
    }

    @Test
    void removingAKeyMakesItUnrecoverable() throws Exception {
        BcfksSecretStore store = open(ENV);
        store.putKey("watchlist.1", aesKey());
        assertTrue(store.remove("watchlist.1"));
        assertFalse(store.remove("watchlist.1"));
        assertTrue(open(ENV).key("watchlist.1").isEmpty());
    }

    @Test
    void wrongPassphraseIsAClearErrorAndLeavesTheFileUntouched() throws Exception {
        open(ENV).putPassword("camera.lobby", CAMERA_PASSWORD.toCharArray());
        byte[] before = Files.readAllBytes(keystore());

        SecretStoreException e = assertThrows(SecretStoreException.class,
                () -> open(Map.of("VIGIL_SECRETS_PASSPHRASE", "wrong")));
        assertTrue(e.getMessage().contains("wrong passphrase"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(keystore()));
        assertTrue(open(ENV).password("camera.lobby").isPresent());
    }

    @Test
    void corruptKeystoreIsAClearErrorAndLeavesTheFileUntouched() throws Exception {
        open(ENV).putPassword("camera.lobby", CAMERA_PASSWORD.toCharArray());
        byte[] corrupt = Arrays.copyOf(Files.readAllBytes(keystore()), 64);
        Files.write(keystore(), corrupt);

        SecretStoreException e = assertThrows(SecretStoreException.class, () -> open(ENV));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        assertArrayEquals(corrupt, Files.readAllBytes(keystore()));
    }

    @Test
    void configuredKeystoreThatIsMissingIsNotSilentlyReplaced() {
        Path missing = data.resolve("elsewhere/vigil.bcfks");
        SecretStoreException e = assertThrows(SecretStoreException.class,
                () -> new BcfksSecretStore(data, missing.toString(), ENV, log.logger()));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(Files.exists(missing));
    }

    @Test
    void firstStartWithoutPassphraseGeneratesAnOwnerOnlyFileAndLaterStartsUseIt() throws Exception {
        open(Map.of()).putPassword("camera.lobby", CAMERA_PASSWORD.toCharArray());
        Path passphrase = data.resolve("secrets/passphrase");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passphrase)));
        assertArrayEquals(CAMERA_PASSWORD.toCharArray(), open(Map.of()).password("camera.lobby").orElseThrow());
        assertTrue(log.all().contains("Generated a passphrase"), log.all());
    }

    @Test
    void statusFlagsAPassphraseKeptInTheDataFolderWithTheStepsThatMoveIt() throws Exception {
        BcfksSecretStore generated = open(Map.of());
        generated.putPassword("camera.lobby", CAMERA_PASSWORD.toCharArray());
        Path inData = data.resolve("secrets/passphrase").toAbsolutePath();
        ModuleStatus flagged = generated.status();
        assertEquals("secrets", flagged.module());
        assertEquals(ModuleStatus.Health.DEGRADED, flagged.health(), flagged.detail());
        assertTrue(flagged.detail().contains("install -m 600 " + inData + " "), flagged.detail());
        assertTrue(flagged.detail().contains("VIGIL_SECRETS_PASSPHRASE_FILE="), flagged.detail());
        assertTrue(flagged.detail().contains("shred -u " + inData), flagged.detail());
        assertFalse(flagged.detail().contains(Files.readString(inData).strip()), "never the passphrase itself");

        // the steps, done: the file moved apart from the data folder, named by the environment
        Path apart = elsewhere.resolve("secrets.passphrase");
        Files.copy(inData, apart);
        Files.setPosixFilePermissions(apart, PosixFilePermissions.fromString("rw-------"));
        Map<String, String> moved = Map.of("VIGIL_SECRETS_PASSPHRASE_FILE", apart.toString());
        ModuleStatus leftBehind = open(moved).status();
        assertEquals(ModuleStatus.Health.DEGRADED, leftBehind.health(), "the old copy is still in the data folder");
        assertTrue(leftBehind.detail().contains("shred -u " + inData), leftBehind.detail());
        Files.delete(inData);
        BcfksSecretStore fixed = open(moved);
        assertEquals(new ModuleStatus("secrets", ModuleStatus.Health.OK, "1 secrets; passphrase from "
                + "VIGIL_SECRETS_PASSPHRASE_FILE=" + apart), fixed.status());
        assertArrayEquals(CAMERA_PASSWORD.toCharArray(), fixed.password("camera.lobby").orElseThrow());

        // a passphrase file named by the environment but inside the data folder is flagged too
        Path stillInData = data.resolve("pass");
        Files.copy(apart, stillInData);
        Files.setPosixFilePermissions(stillInData, PosixFilePermissions.fromString("rw-------"));
        assertEquals(ModuleStatus.Health.DEGRADED,
                open(Map.of("VIGIL_SECRETS_PASSPHRASE_FILE", stillInData.toString())).status().health());
    }

    @Test
    void existingKeystoreWithoutAnyPassphraseIsAClearError() throws Exception {
        open(ENV).putPassword("camera.lobby", CAMERA_PASSWORD.toCharArray());
        SecretStoreException e = assertThrows(SecretStoreException.class, () -> open(Map.of()));
        assertTrue(e.getMessage().contains("no passphrase was given"), e.getMessage());
    }

    @Test
    void passphraseFileReadableByOthersIsRefused() throws Exception {
        Path file = data.resolve("pass");
        Files.writeString(file, "from a file\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Map<String, String> env = Map.of("VIGIL_SECRETS_PASSPHRASE_FILE", file.toString());
        SecretStoreException e = assertThrows(SecretStoreException.class, () -> open(env));
        assertTrue(e.getMessage().contains("chmod 600"), e.getMessage());

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        open(env).putPassword("a", "b".toCharArray());
        // the trailing newline is not part of the passphrase
        assertTrue(open(Map.of("VIGIL_SECRETS_PASSPHRASE", "from a file")).password("a").isPresent());
    }

    @Test
    void secretsNeverReachTheLogNorTheKeystoreInClear() throws Exception {
        String passphrase = "correct horse battery staple";
        BcfksSecretStore store = open(ENV);
        store.putPassword("camera.lobby", CAMERA_PASSWORD.toCharArray());
        open(ENV).password("camera.lobby");
        assertThrows(SecretStoreException.class, () -> open(Map.of("VIGIL_SECRETS_PASSPHRASE", "wrong")));

        String logged = log.all();
        assertFalse(logged.isEmpty());
        assertFalse(logged.contains(CAMERA_PASSWORD), logged);
        assertFalse(logged.contains(passphrase), logged);
        String onDisk = new String(Files.readAllBytes(keystore()), StandardCharsets.ISO_8859_1);
        assertFalse(onDisk.contains("c4mera"));
        assertFalse(new String(Files.readAllBytes(keystore()), StandardCharsets.UTF_8).contains(CAMERA_PASSWORD));
    }

    @Test
    void badAliasesAreRefused() throws Exception {
        BcfksSecretStore store = open(ENV);
        assertThrows(SecretStoreException.class, () -> store.putPassword("../etc", "x".toCharArray()));
        assertThrows(SecretStoreException.class, () -> store.putPassword("", "x".toCharArray()));
        assertThrows(SecretStoreException.class, () -> store.putPassword("ok", new char[0]));
    }

    private static SecretKey aesKey() throws Exception {
        KeyGenerator generator = KeyGenerator.getInstance("AES");
        generator.init(256);
        return generator.generateKey();
    }
}
