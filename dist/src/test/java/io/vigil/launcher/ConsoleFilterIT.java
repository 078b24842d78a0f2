package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's security filter in the real container, over real HTTPS: on every servlet's paths
 * a request without a session is sent to the login (GET) or refused (POST), a POST with a session
 * but a wrong CSRF token is refused before any servlet or role check runs, and every answer,
 * errors and plain-HTTP redirects included, carries the security headers.
 */
class ConsoleFilterIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    /** One path or more of each servlet: status (and the not-found rest), alerts, one alert, watchlists, compliance, logout. */
    private static final List<String> PATHS = List.of("", "status", "no-such-page", "alerts", "alerts.json",
            "alerts/A-1-abc", "alerts/A-1-abc/confirm", "alerts/A-1-abc/dismiss", "watchlists", "watchlists/w/enrol",
            "watchlists/w/delete", "deployments", "compliance", "compliance/export", "compliance/verify", "logout");
    private static final Map<String, String> HEADERS = Map.of("X-Content-Type-Options", "nosniff", "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer", "Content-Security-Policy", "default-src 'self'; img-src 'self'; style-src 'self';"
                    + " script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    @TempDir
    Path dir;

    record Answer(int status, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                    return String.join(", ", e.getValue());
                }
            }
            return null;
        }

        String cookie(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase("Set-Cookie")) {
                    for (String c : e.getValue()) {
                        if (c.startsWith(name + "=")) {
                            return c.substring(name.length() + 1, c.indexOf(';'));
                        }
                    }
                }
            }
            throw new AssertionError("no cookie " + name + " in " + headers);
        }
    }

    @Test
    void everyServletIsBehindTheFilter() throws Exception {
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            int https = InstalledDistribution.freePort();
            Files.writeString(vigil.home.resolve("conf/io.vigil.console.cfg"), "https.port=" + https + "\nlogin.rate.per.minute=60\n");
            Matcher httpPort = Pattern.compile("org.osgi.service.http.port=(\\d+)")
                    .matcher(Files.readString(vigil.home.resolve("conf/config.properties")));
            assertTrue(httpPort.find());
            vigil.start();
            vigil.awaitStatus(r -> r.output().matches("(?s).*console\\s+(OK|DEGRADED).*"), WAIT);
            assertEquals(0, vigil.vigil("root-Password-1\n", "users", "add", "root", "--role", "administrator").exit());
            String base = "https://127.0.0.1:" + https + "/console/";
            // the console may answer a moment after its status line (the connector opens on its own thread)
            awaitAnswer(base + "login");

            List<Answer> all = new ArrayList<>();
            // no session: GET goes to the login, anything else is refused
            for (String p : PATHS) {
                Answer get = send("GET", base + p, null, null);
                assertEquals(303, get.status(), "GET " + p + " without a session");
                assertEquals("/console/login", get.header("Location"), p);
                Answer post = send("POST", base + p, null, "csrf=x");
                assertEquals(401, post.status(), "POST " + p + " without a session");
                all.add(get);
                all.add(post);
            }
            // a session token that was never issued is no session
            Answer forged = send("GET", base + "status", "__Host-vigil-session=forged", null);
            assertEquals(303, forged.status());
            all.add(forged);

            // the login form's token is bound to its cookie: a wrong one is refused, no session made
            Answer form = send("GET", base + "login", null, null);
            assertEquals(200, form.status());
            String loginCookie = form.cookie("__Host-vigil-login");
            Answer wrongLogin = send("POST", base + "login", "__Host-vigil-login=" + loginCookie,
                    "name=root&password=root-Password-1&csrf=not-the-cookie");
            assertEquals(403, wrongLogin.status());
            all.add(form);
            all.add(wrongLogin);
            Answer login = send("POST", base + "login", "__Host-vigil-login=" + loginCookie,
                    "name=root&password=root-Password-1&csrf=" + URLEncoder.encode(token(form), StandardCharsets.UTF_8));
            assertEquals(303, login.status(), login.body());
            String session = "__Host-vigil-session=" + login.cookie("__Host-vigil-session");
            Answer status = send("GET", base + "status", session, null);
            assertEquals(200, status.status());
            String csrf = token(status);
            all.add(login);
            all.add(status);

            // a session but a wrong or missing CSRF token: refused on every path, before the servlet (and its role check)
            for (String p : PATHS) {
                Answer wrong = send("POST", base + p, session, "csrf=" + csrf.substring(1) + "x");
                assertEquals(403, wrong.status(), "POST " + p + " with a wrong CSRF token");
                assertTrue(wrong.body().contains("CSRF"), p + ": " + wrong.body());
                Answer none = send("POST", base + p, session, "name=x");
                assertEquals(403, none.status(), "POST " + p + " without a CSRF token");
                all.add(wrong);
                all.add(none);
            }
            // the multipart upload form too (its token is a part, not a parameter)
            Answer upload = multipart(base + "watchlists/w/enrol", session, "wrong-token");
            assertEquals(403, upload.status(), upload.body());
            all.add(upload);

            // with the session: the servlets' own answers, which carry the headers as well
            Answer notFound = send("GET", base + "no-such-page", session, null);
            assertEquals(404, notFound.status());
            Answer notAllowed = send("GET", base + "alerts", session, null);
            assertEquals(403, notAllowed.status(), "an administrator sees no alerts");
            assertTrue(notAllowed.body().contains("does not allow"), notAllowed.body());
            Answer wrongMethod = send("GET", base + "logout", session, null);
            assertEquals(405, wrongMethod.status());
            Answer roleRefused = send("POST", base + "compliance/export", session, "profile=CN&csrf=" + csrf);
            assertEquals(403, roleRefused.status(), "the right token, but not a role that exports");
            Answer css = send("GET", base + "static/console.css", null, null);
            assertEquals(200, css.status());
            assertTrue(css.header("Content-Type").startsWith("text/css"), css.header("Content-Type"));
            Answer noFile = send("GET", base + "static/secret.txt", null, null);
            assertEquals(404, noFile.status());
            all.addAll(List.of(notFound, notAllowed, wrongMethod, roleRefused, css, noFile));

            for (Answer a : all) {
                for (Map.Entry<String, String> h : HEADERS.entrySet()) {
                    assertEquals(h.getValue(), a.header(h.getKey()), h.getKey() + " on a " + a.status() + " answer");
                }
                assertEquals("max-age=31536000", a.header("Strict-Transport-Security"), "HSTS on a " + a.status() + " answer");
                // Jetty's error pages say more ("must-revalidate,no-cache,no-store"); only the style sheet and script are cached
                String cache = a.header("Cache-Control");
                assertTrue(a == css ? "max-age=300".equals(cache) : cache.contains("no-store"), cache + " on a " + a.status());
            }

            // plain HTTP: a GET is sent to HTTPS, anything else refused; the headers come along (HSTS means nothing there)
            String plain = "http://127.0.0.1:" + httpPort.group(1) + "/console/";
            Answer redirected = send("GET", plain + "alerts?x=1", null, null);
            assertEquals(301, redirected.status());
            assertEquals(base + "alerts?x=1", redirected.header("Location"));
            Answer refused = send("POST", plain + "login", null, "name=root");
            assertEquals(403, refused.status());
            for (Answer a : List.of(redirected, refused)) {
                for (Map.Entry<String, String> h : HEADERS.entrySet()) {
                    assertEquals(h.getValue(), a.header(h.getKey()), h.getKey() + " on a plain HTTP " + a.status());
                }
            }

            // logging out with the session's token ends the session
            Answer logout = send("POST", base + "logout", session, "csrf=" + csrf);
            assertEquals(303, logout.status());
            assertEquals(303, send("GET", base + "status", session, null).status(), "the session ended");
        }
    }

    private static String token(Answer page) {
        Matcher m = CSRF.matcher(page.body());
        assertTrue(m.find(), page.body());
        return m.group(1);
    }

    private static void awaitAnswer(String url) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                send("GET", url, null, null);
                return;
            } catch (IOException e) {
                last = e;
                Thread.sleep(200);
            }
        }
        throw new AssertionError("the console never answered at " + url, last);
    }

    private static Answer send(String method, String url, String cookie, String form) throws Exception {
        HttpURLConnection c = open(url, cookie);
        c.setRequestMethod(method);
        if (form != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/x-www-form-urlencoded");
            try (OutputStream out = c.getOutputStream()) {
                out.write(form.getBytes(StandardCharsets.UTF_8));
            }
        }
        return answer(c);
    }

    private static Answer multipart(String url, String cookie, String csrf) throws Exception {
        String boundary = "vigil-test-boundary";
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + csrf + "\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"subject\"\r\n\r\nJohn Doe\r\n"
                + "--" + boundary + "--\r\n";
        HttpURLConnection c = open(url, cookie);
        c.setRequestMethod("POST");
        c.setDoOutput(true);
        c.setRequestProperty("Content-Type", "multipart/form-data; boundary=" + boundary);
        try (OutputStream out = c.getOutputStream()) {
            out.write(body.getBytes(StandardCharsets.UTF_8));
        }
        return answer(c);
    }

    private static HttpURLConnection open(String url, String cookie) throws Exception {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        if (c instanceof HttpsURLConnection s) {
            // the console's certificate is self-signed (generated on first start) for the configured host
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new TrustEveryone()}, null);
            s.setSSLSocketFactory(tls.getSocketFactory());
            s.setHostnameVerifier((host, session) -> true);
        }
        c.setInstanceFollowRedirects(false);
        c.setConnectTimeout(10_000);
        c.setReadTimeout(30_000);
        if (cookie != null) {
            c.setRequestProperty("Cookie", cookie);
        }
        return c;
    }

    private static Answer answer(HttpURLConnection c) throws IOException {
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        String body = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        Answer a = new Answer(status, c.getHeaderFields(), body);
        c.disconnect();
        return a;
    }

    private static final class TrustEveryone implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
