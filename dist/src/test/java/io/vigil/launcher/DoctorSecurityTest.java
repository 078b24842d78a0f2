package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.support.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The security section of {@code vigil doctor}, on an installation's real folders and files. */
class DoctorSecurityTest {

    @TempDir
    Path home;

    private VigilPaths paths() {
        return new VigilPaths(home, home.resolve("data"), home.resolve("logs"));
    }

    private List<String> checks() {
        return SecurityChecks.run(new SecuritySettings(paths())).stream().map(SecurityFinding::check).toList();
    }

    @Test
    void aFreshInstallationHasNoInsecureSettingInUse() {
        assertEquals(List.of(), checks());
    }

    @Test
    void eachInsecureSettingInUseIsListedWithItsFix() throws Exception {
        Files.createDirectories(home.resolve("data/secrets"));
        Files.writeString(home.resolve("data/secrets/passphrase"), "generated");
        Files.createDirectories(home.resolve("conf"));
        Files.writeString(home.resolve("conf/io.vigil.onvif.device.cfg"), String.join("\n",
                "accounts=demo-vms=demo.onvif", "rtsp.base=rtsp://10.1.2.50:8554", "push.allow=10.1.2.7, 10.0.0.0/8", ""));
        List<SecurityFinding> findings = SecurityChecks.run(new SecuritySettings(paths()));
        assertEquals(List.of("secrets.passphrase-in-data-folder", "onvif.device.plain-http", "onvif.device.push-allow-broad",
                "onvif.device.demo-account"), findings.stream().map(SecurityFinding::check).toList());
        for (SecurityFinding finding : findings) {
            assertTrue(!finding.fix().isBlank() && !finding.risk().isBlank(), finding.toString());
        }
        assertTrue(findings.get(2).setting().endsWith("push.allow=10.0.0.0/8"), findings.get(2).setting());

        // the fixes applied, in the .config format (typed values, arrays), which deploy/ takes before conf/
        Files.delete(home.resolve("data/secrets/passphrase"));
        Files.createDirectories(home.resolve("deploy"));
        Files.writeString(home.resolve("deploy/io.vigil.onvif.device.config"), String.join("\n",
                "accounts=[\"vms-a=onvif.vms.a\",\"vms-b=onvif.vms.b\"]", "https.port=I\"8481\"", "http.enabled=B\"false\"",
                "push.allow=[\"10.1.2.7\",\"vms.example\"]", ""));
        assertEquals(List.of(), checks());
        // HTTPS beside plain HTTP is still worth a line
        Files.writeString(home.resolve("deploy/io.vigil.onvif.device.config"), "https.port=I\"8481\"\n");
        assertEquals(List.of("onvif.device.plain-http"), checks());
    }

    @Test
    void rtspBasicAllowedOnTheRestreamOrACameraIsListed() throws Exception {
        Files.createDirectories(home.resolve("conf"));
        Files.createDirectories(home.resolve("deploy"));
        Files.writeString(home.resolve("conf/io.vigil.gstreamer.rtsp.cfg"), "allow.basic=true\nmax.sessions=64\n");
        Files.writeString(home.resolve("deploy/io.vigil.onvif.camera-lobby.cfg"), "address=10.1.2.3\nrtsp.allow.basic=true\n");
        Files.writeString(home.resolve("deploy/io.vigil.onvif.camera-gate.config"), "address=\"10.1.2.4\"\nrtsp.allow.basic=B\"false\"\n");
        List<SecurityFinding> findings = SecurityChecks.run(new SecuritySettings(paths()));
        assertEquals(List.of("rtsp.server.basic-allowed", "camera.rtsp-basic-allowed"),
                findings.stream().map(SecurityFinding::check).toList());
        assertTrue(findings.get(1).setting().contains("io.vigil.onvif.camera-lobby.cfg"), findings.get(1).setting());

        // Digest only again: nothing to list
        Files.writeString(home.resolve("conf/io.vigil.gstreamer.rtsp.cfg"), "max.sessions=64\n");
        Files.writeString(home.resolve("deploy/io.vigil.onvif.camera-lobby.cfg"), "address=10.1.2.3\n");
        assertEquals(List.of(), checks());
    }

    @Test
    void doctorJsonCarriesTheFindingsAsData() throws Exception {
        Files.createDirectories(home.resolve("data/secrets"));
        Files.writeString(home.resolve("data/secrets/passphrase"), "generated");
        Files.createDirectories(home.resolve("conf"));
        // the ports check reads the framework properties: the HTTP port 0 (any free one) on loopback
        Files.writeString(home.resolve("conf/config.properties"), "org.osgi.service.http.port=0\norg.apache.felix.http.host=127.0.0.1\n");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        // the container's commands (models, decoders) are not what this test is about: a container that answers "ok"
        new Doctor(paths(), out, (command, to) -> {
            to.println("ok " + String.join(" ", command));
            return 0;
        }, true).run();
        String json = bytes.toString(StandardCharsets.UTF_8).strip();
        assertEquals(1, json.lines().count(), "one line: " + json);
        JsonNode doc = Json.read(json);
        assertEquals(List.of("version", "problems", "checks", "security"), names(doc));
        JsonNode passphrase = doc.get("security").get(0);
        assertEquals("secrets.passphrase-in-data-folder", passphrase.get("check").asText());
        assertEquals(home.resolve("data/secrets/passphrase").toString(), passphrase.get("setting").asText());
        assertEquals(List.of("check", "setting", "risk", "fix"), names(passphrase));
        JsonNode models = null;
        for (JsonNode check : doc.get("checks")) {
            if (check.get("section").asText().equals("Face models and ONNX Runtime (as the inference bundle finds them)")) {
                models = check;
            }
        }
        assertTrue(models != null, json);
        assertEquals("ok", models.get("verdict").asText());
        assertEquals("vigil models:\nok models", models.get("text").asText());
        assertTrue(doc.get("problems").isInt(), json);
    }

    private static List<String> names(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
