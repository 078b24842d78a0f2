package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The npm {@code onvif@0.8.3} client as a VMS (the scripts in {@code src/test/node}, run by Node
 * with the modules ./vigil set-up installed), and what the ITs that use it share: waiting for
 * Vigil's device service, reading the scripts' one-line JSON results.
 */
final class NpmOnvifClient {

    private static final String GET_TIME = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body>"
            + "<GetSystemDateAndTime xmlns=\"http://www.onvif.org/ver10/device/wsdl\"/></s:Body></s:Envelope>";

    private NpmOnvifClient() {
    }

    /** Waits until the device service answers GetSystemDateAndTime (before login, as ONVIF requires). */
    static void awaitDeviceService(InstalledDistribution vigil, URI service, Duration wait) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + wait.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(service).timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/soap+xml; charset=utf-8")
                        .POST(HttpRequest.BodyPublishers.ofString(GET_TIME)).build(), HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200 && answer.body().contains("GetSystemDateAndTimeResponse")) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(300);
        }
        fail("the ONVIF device service never answered at " + service + ": " + last + "\n" + vigil.logs());
    }

    static Path modules() {
        String given = System.getenv("VIGIL_NODE_CLIENTS");
        Path modules;
        if (given != null && !given.isBlank()) {
            modules = Path.of(given);
        } else {
            modules = DemoScenario.cache(System.getenv()).resolve("node/onvif-clients/node_modules");
        }
        assertTrue(Files.isDirectory(modules.resolve("onvif")), "npm onvif@0.8.3 is not installed at " + modules
                + " (VIGIL_NODE_CLIENTS): run ./vigil test once, which installs it");
        return modules;
    }

    static Process node(Path nodeModules, String script, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("node",
                Path.of(System.getProperty("basedir", "."), "src", "test", "node", script).toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE);
        builder.environment().put("NODE_PATH", nodeModules.toString());
        Process process = builder.start();
        process.getOutputStream().close();
        return process;
    }

    static String stderr(Process process) {
        if (process.isAlive()) {
            return "";
        }
        try {
            return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** A string field of the script's one-line JSON result (names are unique in it). */
    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    static String number(String json, String name) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\":(-?\\d+)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

}
