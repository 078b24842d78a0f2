package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ONVIF device's protections in the real container (issue 19 items 4 and 10): HTTPS on its own
 * port with the certificate generated into the data folder (the fingerprint a client sees is the
 * one {@code vigil status} prints), a VMS login over it (npm {@code onvif@0.8.3}), and a lockout
 * after repeated wrong passwords that refuses the right one, is audited and shows in status.
 */
class OnvifDeviceSecurityIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String GET_TIME = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>"
            + "<GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/></s:Body></s:Envelope>";

    @TempDir
    Path dir;

    /** Accepts any certificate but keeps the one presented, so that the test can compare it with what Vigil reports. */
    private static HttpClient capturing(AtomicReference<X509Certificate> presented) throws Exception {
        TrustManager capture = new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException("client side only");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                presented.set(chain[0]);
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {capture}, null);
        return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private static String run(Process process) throws Exception {
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "node did not finish");
        return out;
    }

    @Test
    void httpsWithTheGeneratedCertificateAndALockoutThatIsAuditedAndShownInStatus() throws Exception {
        Path nodeModules = NpmOnvifClient.modules();
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            String vmsPassword = "vms-Onvif-7-long-enough";
            vigil.start();
            assertEquals(0, vigil.vigil(vmsPassword + "\n", "secret", "set", "onvif.vms").exit());
            int httpsPort = InstalledDistribution.freePort();
            InstalledDistribution.drop(vigil.deploy("io.vigil.onvif.device.cfg"), String.join("\n",
                    "accounts=vms-onvif=onvif.vms", "rtsp.base=rtsp://127.0.0.1:" + vigil.rtspPort, "https.port=" + httpsPort,
                    "login.free.failures=3", "login.lockout.failures=3", "login.lockout.minutes=1", "")
                    .getBytes(StandardCharsets.UTF_8));
            URI http = URI.create("http://127.0.0.1:" + vigil.httpPort + "/onvif/device_service");
            NpmOnvifClient.awaitDeviceService(vigil, http, WAIT);

            // HTTPS: the certificate presented is the one status reports, generated into the data folder
            AtomicReference<X509Certificate> presented = new AtomicReference<>();
            HttpClient client = capturing(presented);
            URI https = URI.create("https://127.0.0.1:" + httpsPort + "/onvif/device_service");
            HttpResponse<String> time = null;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (time == null && System.nanoTime() < deadline) {
                try {
                    time = client.send(HttpRequest.newBuilder(https).header("Content-Type", "application/soap+xml; charset=utf-8")
                            .POST(HttpRequest.BodyPublishers.ofString(GET_TIME)).build(), HttpResponse.BodyHandlers.ofString());
                } catch (java.io.IOException e) {
                    Thread.sleep(300);
                }
            }
            assertTrue(time != null, "HTTPS never answered\n" + vigil.logs());
            assertEquals(200, time.statusCode(), time.body());
            assertTrue(Files.isRegularFile(vigil.data.resolve("onvif").resolve("tls.p12")));
            String fingerprint = HexFormat.ofDelimiter(":").withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(presented.get().getEncoded()));
            String status = vigil.status().output();
            assertTrue(status.contains(fingerprint), fingerprint + " in\n" + status);

            String info = run(NpmOnvifClient.node(nodeModules, "onvif-device-info.js", "127.0.0.1", Integer.toString(httpsPort),
                    "vms-onvif", vmsPassword, "https"));
            assertTrue(info.contains("\"ok\":true") && info.contains("\"manufacturer\":\"Vigil\""), "over HTTPS: " + info);

            // guessing: three wrong passwords lock the address and the account; the right one is then refused
            for (int i = 0; i < 3; i++) {
                String wrong = run(NpmOnvifClient.node(nodeModules, "onvif-device-info.js", "127.0.0.1",
                        Integer.toString(vigil.httpPort), "vms-onvif", "guess-" + i, "http"));
                assertTrue(wrong.contains("\"ok\":false"), wrong);
            }
            String locked = run(NpmOnvifClient.node(nodeModules, "onvif-device-info.js", "127.0.0.1", Integer.toString(vigil.httpPort),
                    "vms-onvif", vmsPassword, "http"));
            assertTrue(locked.contains("\"ok\":false"), "the right password while locked: " + locked);
            String afterLock = vigil.status().output();
            assertTrue(afterLock.contains("locked now:") && afterLock.contains("account vms-onvif"), afterLock);
            InstalledDistribution.Result audit = vigil.vigil("", "audit", "list", "--action", "onvif.login.locked");
            assertTrue(audit.output().contains("onvif.login.locked") && audit.output().contains("vms-onvif"), audit.output());
            System.out.println("lockout audited:\n" + audit.output());
        }
    }
}
