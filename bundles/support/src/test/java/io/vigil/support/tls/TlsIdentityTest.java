package io.vigil.support.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.testing.MemorySecretStore;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsIdentityTest {

    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String message, Exception cause) {
            super(message, cause);
        }
    }

    @TempDir
    Path data;

    private final MemorySecretStore secrets = new MemorySecretStore();

    private static TlsIdentity.Source console(Path data, String host) {
        return new TlsIdentity.Source("console", "vigil-console", Optional.empty(), "PKCS12", "console.tls.keystore",
                data.resolve("console").resolve("tls.p12"), host);
    }

    private static TlsIdentity.Source device(Path data) {
        return new TlsIdentity.Source("ONVIF device", "vigil-onvif-device", Optional.empty(), "PKCS12", "onvif.device.tls.keystore",
                data.resolve("onvif").resolve("tls.p12"), "127.0.0.1");
    }

    private TlsIdentity obtain(TlsIdentity.Source source, Clock clock) throws Refused {
        return TlsIdentity.obtain(source, secrets, clock, Refused::new);
    }

    private void copy(String resource, Path to) throws Exception {
        Files.createDirectories(to.getParent());
        try (InputStream in = getClass().getResourceAsStream(resource)) {
            Files.copy(in, to);
        }
    }

    /**
     * Key stores and passwords the code before the support library wrote (the console's
     * {@code TlsIdentity} and the ONVIF device's {@code DeviceTls}, host {@code vms.example}):
     * an existing data folder keeps its certificate, nothing is regenerated.
     */
    @Test
    void keepsTheKeyStoresEarlierVersionsWrote() throws Exception {
        copy("console-tls.p12", data.resolve("console").resolve("tls.p12"));
        copy("onvif-device-tls.p12", data.resolve("onvif").resolve("tls.p12"));
        secrets.putPassword("console.tls.keystore", "hNMwodfBsEO1A4pH1iXNmsmHGEIcfAnq".toCharArray());
        secrets.putPassword("onvif.device.tls.keystore", "ZR93sSWHBWdgqyFZ4jK47pRKU0lEt17N".toCharArray());
        byte[] consoleBytes = Files.readAllBytes(data.resolve("console").resolve("tls.p12"));
        Clock now = Clock.fixed(Instant.parse("2026-12-08T00:00:00Z"), ZoneOffset.UTC);

        TlsIdentity console = obtain(console(data, "vms.example"), now);
        assertTrue(console.generated());
        assertEquals("vigil-console", console.alias());
        assertEquals("22:76:D1:E7:5A:60:FE:DF:E9:BA:BD:D8:63:3B:53:CB:00:6B:AB:00:D2:B0:89:AF:96:86:AD:CC:D9:0F:79:55",
                console.fingerprint());
        assertEquals("O=Vigil,CN=Vigil console", console.certificate().getSubjectX500Principal().getName()); // RFC 2253 order: BC wrote CN first
        TlsIdentity device = obtain(device(data), now);
        assertEquals("vigil-onvif-device", device.alias());
        assertEquals("21:53:52:BD:F5:EB:E9:01:F2:19:34:2D:A2:4A:32:28:40:4C:B1:D6:D3:26:4E:AE:20:82:EC:3C:05:90:4A:95",
                device.fingerprint());
        assertArrayEquals(consoleBytes, Files.readAllBytes(data.resolve("console").resolve("tls.p12")), "not rewritten");
    }

    @Test
    void generatesWhatEarlierVersionsGenerated() throws Exception {
        TlsIdentity console = obtain(console(data, "vms.example"), Clock.systemUTC());
        X509Certificate c = console.certificate();
        assertTrue(console.generated());
        assertEquals("vigil-console", console.alias());
        assertEquals("O=Vigil,CN=Vigil console", c.getSubjectX500Principal().getName()); // RFC 2253 order: BC wrote CN first
        assertEquals("EC", c.getPublicKey().getAlgorithm());
        assertEquals("SHA256withECDSA", c.getSigAlgName());
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), c.getExtendedKeyUsage());
        assertEquals(-1, c.getBasicConstraints());
        List<String> names = c.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList();
        assertEquals(List.of("localhost", "127.0.0.1", "vms.example"), names);
        long days = Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant()).toDays();
        assertEquals(825, days);
        assertTrue(Files.isRegularFile(data.resolve("console").resolve("tls.p12")));
        assertFalse(Files.exists(data.resolve("console").resolve("tls.p12.new")));
        assertTrue(secrets.password("console.tls.keystore").isPresent());

        TlsIdentity again = obtain(console(data, "vms.example"), Clock.systemUTC());
        assertEquals(console.fingerprint(), again.fingerprint());

        TlsIdentity device = obtain(device(data), Clock.systemUTC());
        assertEquals("O=Vigil,CN=Vigil ONVIF device", device.certificate().getSubjectX500Principal().getName()); // RFC 2253 order: BC wrote CN first
        assertEquals("vigil-onvif-device", device.alias());
    }

    @Test
    void replacesAGeneratedCertificateCloseToItsEnd() throws Exception {
        TlsIdentity first = obtain(console(data, "127.0.0.1"), Clock.systemUTC());
        Clock late = Clock.fixed(first.certificate().getNotAfter().toInstant().minus(Duration.ofDays(29)), ZoneOffset.UTC);
        TlsIdentity renewed = obtain(console(data, "127.0.0.1"), late);
        assertNotEquals(first.fingerprint(), renewed.fingerprint());
        assertEquals(renewed.fingerprint(), obtain(console(data, "127.0.0.1"), late).fingerprint());
    }

    @Test
    void aConfiguredKeyStoreNeedsItsPasswordInTheSecretStore() throws Exception {
        Path file = data.resolve("admin.p12");
        copy("console-tls.p12", file);
        TlsIdentity.Source configured = new TlsIdentity.Source("ONVIF device", "vigil-onvif-device", Optional.of(file), "PKCS12",
                "admin.tls", data.resolve("unused.p12"), "127.0.0.1");
        Refused missing = assertThrows(Refused.class, () -> obtain(configured, Clock.systemUTC()));
        assertEquals("the ONVIF device keystore " + file + " is configured but the secret store has no password under 'admin.tls'"
                + " (vigil secret set admin.tls)", missing.getMessage());

        secrets.putPassword("admin.tls", "wrong".toCharArray());
        Refused wrong = assertThrows(Refused.class, () -> obtain(configured, Clock.systemUTC()));
        assertTrue(wrong.getMessage().startsWith("cannot read the ONVIF device keystore " + file + ": "), wrong.getMessage());

        secrets.putPassword("admin.tls", "hNMwodfBsEO1A4pH1iXNmsmHGEIcfAnq".toCharArray());
        TlsIdentity identity = obtain(configured, Clock.systemUTC());
        assertFalse(identity.generated());
        assertEquals("vigil-console", identity.alias(), "the key entry the file holds, whatever its name");
        assertFalse(Files.exists(data.resolve("unused.p12")));
    }

    @Test
    void aFailingSecretStoreIsTheOwnersError() {
        secrets.failing = true;
        Refused refused = assertThrows(Refused.class, () -> obtain(console(data, "127.0.0.1"), Clock.systemUTC()));
        assertTrue(refused.getMessage().startsWith("the secret store failed: "), refused.getMessage());
    }
}
