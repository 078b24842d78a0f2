package io.vigil.onvif.internal.device;

import static io.vigil.onvif.internal.device.OnvifDeviceTest.element;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.onvif.security.ClockOffset;
import io.vigil.onvif.security.Credentials;
import io.vigil.onvif.security.UsernameTokenFactory;
import io.vigil.onvif.soap.Namespaces;
import io.vigil.onvif.soap.SoapEnvelope;
import io.vigil.onvif.soap.SoapReader;
import io.vigil.onvif.testing.NodeClients;
import io.vigil.onvif.xml.Dom;
import io.vigil.onvif.xml.XmlWritable;
import io.vigil.support.tls.TlsIdentity;
import io.vigil.testing.MemorySecretStore;
import io.vigil.testing.TrustedCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The device service over HTTPS with the certificate the component generates (issue 19 item 4):
 * real TLS on loopback, clients that verify the certificate (the JDK's HttpClient and npm
 * {@code onvif@0.8.3}), and plain HTTP refused when it is switched off.
 */
@Timeout(120)
class DeviceHttpsTest {

    @TempDir
    Path data;
    private DeviceHarness device;

    @AfterEach
    void stop() throws Exception {
        if (device != null) {
            device.close();
        }
    }

    private TlsIdentity generated() throws Exception {
        MemorySecretStore secrets = new MemorySecretStore();
        TlsIdentity.Source source = new TlsIdentity.Source("ONVIF device", "vigil-onvif-device", Optional.empty(), "PKCS12",
                "onvif.device.tls.keystore", data.resolve("onvif").resolve("tls.p12"), "127.0.0.1");
        TlsIdentity identity = TlsIdentity.obtain(source, secrets, Clock.systemUTC(), DeviceTlsException::new);
        assertTrue(identity.generated());
        assertTrue(Files.isRegularFile(data.resolve("onvif").resolve("tls.p12")));
        // a second start reuses the same certificate
        TlsIdentity again = TlsIdentity.obtain(source, secrets, Clock.systemUTC(), DeviceTlsException::new);
        assertEquals(identity.fingerprint(), again.fingerprint());
        return identity;
    }

    /** A client that trusts only this certificate, and checks the host name against it. */
    private static HttpClient trusting(TlsIdentity identity) throws Exception {
        return HttpClient.newBuilder().sslContext(TrustedCertificate.only(identity.certificate()))
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    private static HttpResponse<byte[]> post(HttpClient client, URI uri, XmlWritable body, boolean login) throws Exception {
        List<XmlWritable> headers = login ? List.of(new UsernameTokenFactory().create(
                new Credentials(DeviceHarness.USER, DeviceHarness.PASSWORD), ClockOffset.NONE)) : List.of();
        return client.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/soap+xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new SoapEnvelope(headers, body).toBytes())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theJdkClientGetsDeviceInformationOverHttpsAndTheAddressesSayHttps() throws Exception {
        TlsIdentity identity = generated();
        device = new DeviceHarness();
        URI https = device.addHttps(identity);
        HttpClient client = trusting(identity);
        HttpResponse<byte[]> information = post(client, https.resolve(OnvifDevice.DEVICE_PATH),
                element(Namespaces.tds("GetDeviceInformation")), true);
        assertEquals(200, information.statusCode(), new String(information.body(), StandardCharsets.UTF_8));
        assertEquals("TLSv1.3", information.sslSession().orElseThrow().getProtocol());
        assertEquals("Vigil", Dom.text(Dom.child(new SoapReader().read(information.body()).body().orElseThrow(), Namespaces.TDS,
                "Manufacturer").orElseThrow()));
        HttpResponse<byte[]> services = post(client, https.resolve(OnvifDevice.DEVICE_PATH), element(Namespaces.tds("GetServices")), false);
        String xml = new String(services.body(), StandardCharsets.UTF_8);
        assertTrue(xml.contains("<tds:XAddr>" + https + "/onvif/event_service</tds:XAddr>"), xml);
    }

    @Test
    void plainHttpIsRefusedWhenSwitchedOffWhileHttpsServes() throws Exception {
        TlsIdentity identity = generated();
        DeviceRuntime.Protection defaults = DeviceRuntime.Protection.DEFAULTS;
        device = new DeviceHarness(EventBroker.Options.DEFAULTS, Duration.ofSeconds(5), defaults, 200, false);
        URI https = device.addHttps(identity);
        HttpResponse<byte[]> plain = post(HttpClient.newHttpClient(), device.device(), element(Namespaces.tds("GetSystemDateAndTime")),
                false);
        assertEquals(403, plain.statusCode());
        assertTrue(new String(plain.body(), StandardCharsets.UTF_8).contains("HTTPS only"));
        assertEquals(200, post(trusting(identity), https.resolve(OnvifDevice.DEVICE_PATH),
                element(Namespaces.tds("GetSystemDateAndTime")), false).statusCode());
    }

    @Test
    void npmOnvifConnectsOverHttpsTrustingOnlyTheDevicesCertificate() throws Exception {
        NodeClients clients = NodeClients.installed();
        TlsIdentity identity = generated();
        device = new DeviceHarness();
        URI https = device.addHttps(identity);
        Path ca = data.resolve("device.pem");
        Files.writeString(ca, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(identity.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        NodeClients.Run run = clients.run("onvif-device-https.js", 60, "127.0.0.1", Integer.toString(https.getPort()),
                DeviceHarness.USER, new String(DeviceHarness.PASSWORD), ca.toString());
        assertTrue(run.ok(), run.toString());
        System.out.println("onvif@0.8.3 over HTTPS: " + run.result());
        assertTrue(String.valueOf(run.result().get("information")).contains("Vigil"), run.toString());
        assertTrue(String.valueOf(run.result().get("uri")).startsWith(https.toString()), run.toString());
    }
}
