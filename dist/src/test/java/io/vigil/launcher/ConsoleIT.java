package io.vigil.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vigil.onvif.internal.client.DeviceClient;
import io.vigil.onvif.internal.client.OnvifCamera;
import io.vigil.onvif.internal.client.ProfilePolicy;
import io.vigil.onvif.security.Credentials;
import io.vigil.onvif.transport.ClientAuthentication;
import io.vigil.onvif.transport.SoapClient;
import io.vigil.onvif.transport.SoapClientOptions;
import java.awt.image.BufferedImage;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The web console in the real container, driven through Debian's headless Chromium: a page
 * opened without a session goes to the login, plain HTTP is sent to HTTPS, the first
 * administrator made with {@code vigil users add} logs in and sees the status page with the
 * simulated camera, a wrong password is refused and five lock the account (even the right
 * password then), and an alert the pipeline made from a simulated camera is confirmed by two
 * reviewers in the browser, the same reviewer twice refused. Each page is saved as a screenshot
 * in target/console-screenshots.
 */
class ConsoleIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern DEVICE = Pattern.compile("simulator/lobby\\s+OK\\s+ONVIF (\\S+), video");
    private static final Pattern RAISED = Pattern.compile("alerts raised ([1-9]\\d*)");
    private static final Path SHOTS = Path.of("target/console-screenshots");

    @TempDir
    Path dir;

    private static Path sample(String name) {
        return InstalledDistribution.samplePhoto(name);
    }

    @Test
    void administratorsAndTwoReviewersUseTheConsoleInABrowser() throws Exception {
        assertTrue(Files.isExecutable(Path.of("/usr/bin/chromium")) && Files.isExecutable(Path.of("/usr/bin/chromedriver")),
                "Debian's chromium and chromium-driver are missing: run ./vigil setup");
        Files.createDirectories(SHOTS);
        try (InstalledDistribution vigil = new InstalledDistribution(dir)) {
            int https = freePort();
            // the per-address login limit (10 a minute) is unit-tested; this test logs in more often from one address
            Files.writeString(vigil.home.resolve("conf/io.vigil.console.cfg"), "https.port=" + https + "\nlogin.rate.per.minute=60\n");
            Matcher httpPort = Pattern.compile("org.osgi.service.http.port=(\\d+)")
                    .matcher(Files.readString(vigil.home.resolve("conf/config.properties")));
            assertTrue(httpPort.find());
            String base = "https://127.0.0.1:" + https + "/console/";

            BufferedImage group = ImageIO.read(sample("sample1.jpg").toFile());
            Path p03 = dir.resolve("p03.png");
            ImageIO.write(group.getSubimage(1460 - 112, 219 - 109, 225 + 224, 218 + 218), "png", p03.toFile());
            String cameraPassword = "lobby-Pw-9";
            vigil.start();
            assertOk(vigil.vigil(cameraPassword + "\n", "secret", "set", "camera.lobby"));
            String status = vigil.awaitStatus(r -> r.output().matches("(?s).*inference\\s+OK.*")
                    && r.output().matches("(?s).*watchlist\\s+OK.*") && r.output().matches("(?s).*console\\s+(OK|DEGRADED).*"),
                    WAIT).output();
            assertTrue(status.contains(base), status);
            assertTrue(status.contains("add the first administrator"), status);

            // people: passwords on standard input only
            assertOk(vigil.vigil("root-Password-1\n", "users", "add", "root", "--role", "administrator"));
            assertOk(vigil.vigil("alice-Password-1\n", "users", "add", "alice", "--role", "reviewer"));
            assertOk(vigil.vigil("bob-Password-12\n", "users", "add", "bob", "--role", "reviewer"));
            assertOk(vigil.vigil("carol-Password-1\n", "users", "add", "carol", "--role", "auditor"));
            assertOk(vigil.vigil("dora-Password-1\n", "users", "add", "dora", "--role", "compliance-officer"));
            assertOk(vigil.vigil("erin-Password-1\n", "users", "add", "erin", "--role", "watchlist-manager"));
            assertEquals(2, vigil.vigil("x\n", "users", "add", "dave", "--role", "janitor").exit());
            assertEquals(3, vigil.vigil("short\n", "users", "add", "dave", "--role", "auditor").exit());
            InstalledDistribution.Result users = vigil.vigil("", "users", "list");
            assertOk(users);
            assertTrue(users.output().contains("root") && users.output().contains("administrator")
                    && users.output().contains("alice") && users.output().contains("reviewer"), users.output());
            assertTrue(Files.isRegularFile(vigil.data.resolve("console/users.db")));
            assertTrue(Files.isRegularFile(vigil.data.resolve("console/tls.p12")));
            assertTrue(vigil.vigil("", "secret", "list").output().contains("console.tls.keystore"));

            // the recognition pipeline of RecognitionIT makes an alert while the browser works
            assertOk(vigil.vigil("", "watchlist", "create", "wanted", "--category", "suspect",
                    "--legal-basis", "PACE 1984 s.32", "--officer", "Insp. Wood"));
            assertOk(vigil.vigil("", "watchlist", "enrol", "wanted", "Jane Roe", p03.toString()));
            assertOk(vigil.vigil("", "deployment", "create", "lobby-watch", "--cameras", "lobby", "--watchlists", "wanted",
                    "--threshold", "0.51", "--location", "Lobby", "--purpose", "console acceptance test",
                    "--legal-basis", "PACE 1984 s.32", "--authorisation", "AUTH-2026-17", "--hours", "2"));
            assertOk(vigil.vigil("", "deployment", "start", "lobby-watch"));
            InstalledDistribution.drop(vigil.deploy("io.vigil.simulator.camera-lobby.cfg"), String.join("\n",
                    "name=lobby", "user=admin", "password.alias=camera.lobby", "codec=H264", "width=1280", "height=720",
                    "fps=10", "photos=" + sample("sample3.jpg"), "").getBytes());
            Matcher device = DEVICE.matcher(vigil.awaitStatus(r -> DEVICE.matcher(r.output()).find(), WAIT).output());
            assertTrue(device.find());
            URI stream = new OnvifCamera(new DeviceClient(new SoapClient(SoapClientOptions.DEFAULTS), URI.create(device.group(1)),
                    ClientAuthentication.of(new Credentials("admin", cameraPassword.toCharArray())), Clock.systemUTC()),
                    ProfilePolicy.DEFAULT).connect().streamUri();
            InstalledDistribution.drop(vigil.deploy("io.vigil.ingest.stream-lobby.cfg"), String.join("\n",
                    "camera.id=lobby", "uri=" + stream, "user=admin", "password.alias=camera.lobby", "").getBytes());

            Path downloads = Files.createDirectories(dir.resolve("downloads"));
            WebDriver browser = chromium(dir.resolve("chromium-profile"), downloads);
            try {
                // no session: the login page, over HTTPS even when asked over HTTP
                browser.get(base + "status");
                assertTrue(browser.getCurrentUrl().equals(base + "login"), browser.getCurrentUrl());
                shot(browser, "01-login");
                browser.get("http://127.0.0.1:" + httpPort.group(1) + "/console/alerts");
                assertEquals(base + "login", browser.getCurrentUrl(), "plain HTTP is redirected to HTTPS");

                // the administrator sees the status page
                login(browser, base, "root", "root-Password-1");
                assertEquals(base + "status", browser.getCurrentUrl());
                String page = browser.findElement(By.id("main")).getText();
                assertTrue(page.contains("alerts") && page.contains("watchlist") && page.contains("console"), page);
                assertTrue(browser.findElement(By.id("cameras")).getText().contains("lobby")
                        || browser.findElement(By.id("modules")).getText().contains("simulator/lobby"), page);
                assertTrue(browser.findElement(By.id("bundles")).getText().contains("io.vigil.console"), page);
                shot(browser, "02-status");
                browser.get(base + "alerts");
                assertTrue(browser.findElement(By.id("error")).getText().contains("does not allow"), "administrators see no faces");
                logout(browser);
                browser.get(base + "status");
                assertEquals(base + "login", browser.getCurrentUrl(), "logged out means no session");

                // the compliance officer: the count against the CN threshold, the history, the filing pack as a download
                login(browser, base, "dora", "dora-Password-1");
                browser.get(base + "compliance");
                String profiles = browser.findElement(By.id("profiles")).getText();
                assertTrue(profiles.contains("1 of 100000"), profiles);
                assertTrue(browser.findElement(By.id("history-chart")).isDisplayed());
                assertTrue(browser.findElement(By.id("missing")).getText().contains("processor.name"), "no form: all missing");
                shot(browser, "09-compliance");
                shot(browser, "09b-compliance-history", "history-heading");
                browser.findElement(By.id("export")).click();
                Path zip = awaitDownload(downloads);
                InstalledDistribution.Result packOk = vigil.vigil("", "compliance", "verify", zip.toString());
                assertOk(packOk);
                assertTrue(packOk.output().contains("OK"), packOk.output());
                submit(browser.findElement(By.id("verify")));
                assertTrue(browser.findElement(By.id("verify-result")).getText().startsWith("INTACT"),
                        browser.findElement(By.id("main")).getText());
                shot(browser, "10-audit-verified", "verification");
                logout(browser);

                // the watchlist manager: create a list, enrol a photo by upload, delete the list after confirming
                login(browser, base, "erin", "erin-Password-1");
                browser.get(base + "deployments");
                String deployments = browser.findElement(By.id("deployments")).getText();
                assertTrue(deployments.contains("lobby-watch") && deployments.contains("ACTIVE"), deployments);
                browser.get(base + "watchlists");
                browser.findElement(By.id("name")).sendKeys("visitors-ban");
                browser.findElement(By.id("legal-basis")).sendKeys("Occupiers' Liability Act 1984");
                browser.findElement(By.id("officer")).sendKeys("Insp. Wood");
                submit(browser.findElement(By.id("create")));
                assertTrue(browser.findElement(By.id("flash")).getText().contains("visitors-ban created"),
                        browser.findElement(By.id("main")).getText());
                int row = rowOf(browser, "visitors-ban");
                browser.findElement(By.id("subject-" + row)).sendKeys("John Doe");
                browser.findElement(By.id("photo-" + row)).sendKeys(p03.toAbsolutePath().toString());
                submit(browser.findElement(By.id("enrol-" + row)));
                assertTrue(browser.findElement(By.id("flash")).getText().contains("Enrolled John Doe on visitors-ban"),
                        browser.findElement(By.id("main")).getText());
                shot(browser, "11-watchlist-enrolled");
                row = rowOf(browser, "visitors-ban");
                assertTrue(browser.findElement(By.id("watchlists")).getText().contains("visitors-ban"));
                submit(browser.findElement(By.id("delete-" + row)));
                assertTrue(browser.findElement(By.id("confirm-text")).getText().contains("1 subjects"),
                        browser.findElement(By.id("main")).getText());
                shot(browser, "12-watchlist-delete-confirm");
                submit(browser.findElement(By.id("confirm-delete")));
                assertTrue(browser.findElement(By.id("flash")).getText().contains("deleted"));
                assertTrue(!browser.findElement(By.id("watchlists")).getText().contains("visitors-ban"));
                browser.get(base + "compliance");
                assertTrue(browser.findElement(By.id("error")).getText().contains("does not allow"), "not a compliance role");
                logout(browser);

                // a wrong password is refused; five lock the account, and then the right one too
                for (int i = 1; i <= 4; i++) {
                    login(browser, base, "carol", "not-her-password");
                    assertTrue(browser.findElement(By.id("error")).getText().contains("Wrong user name or password"));
                }
                shot(browser, "03-wrong-password");
                login(browser, base, "carol", "not-her-password");
                assertTrue(browser.findElement(By.id("error")).getText().contains("locked"));
                login(browser, base, "carol", "carol-Password-1");
                String locked = browser.findElement(By.id("error")).getText();
                assertTrue(locked.contains("locked"), "locked even for the right password");
                shot(browser, "04-locked");
                // a locked account gets the answer an unknown name gets: the page does not tell that carol exists
                login(browser, base, "nobody-by-that-name", "not-her-password");
                assertEquals(locked, browser.findElement(By.id("error")).getText());
                assertOk(vigil.vigil("", "users", "unlock", "carol"));
                login(browser, base, "carol", "carol-Password-1");
                assertEquals(base + "status", browser.getCurrentUrl(), browser.findElement(By.id("main")).getText());
                // the auditor reads the compliance page but exports nothing, even when the form is forged
                browser.get(base + "compliance");
                assertTrue(browser.findElements(By.id("export")).isEmpty(), "no export for an auditor");
                Object export = ((JavascriptExecutor) browser).executeAsyncScript("var done = arguments[0];"
                        + "var t = document.querySelector('input[name=csrf]').value;"
                        + "fetch('/console/compliance/export', {method: 'POST', headers: {'Content-Type':"
                        + " 'application/x-www-form-urlencoded'}, body: 'profile=CN&csrf=' + encodeURIComponent(t)})"
                        + ".then(r => done(r.status));");
                assertEquals(403L, ((Number) export).longValue());
                logout(browser);

                // an alert from the simulated camera, confirmed by two reviewers
                vigil.awaitStatus(r -> RAISED.matcher(r.output()).find(), WAIT);
                login(browser, base, "alice", "alice-Password-1");
                browser.get(base + "alerts");
                shot(browser, "05-alerts");
                // the page adds alerts it has not shown without a reload: forget them, and they come back
                ((JavascriptExecutor) browser).executeScript("var t = document.getElementById('alerts');"
                        + "t.dataset.newest = ''; Array.from(t.tBodies[0].rows).forEach(r => r.remove());");
                for (int i = 0; i < 100 && browser.findElements(By.cssSelector("#alerts tr.fresh a")).isEmpty(); i++) {
                    Thread.sleep(200);
                }
                assertTrue(browser.findElement(By.id("live")).getText().contains("new alert"),
                        browser.findElement(By.id("main")).getText());
                assertEquals("alerts", browser.getCurrentUrl().substring(base.length()), "no reload, no navigation");
                submit(browser.findElement(By.cssSelector("#alerts a")));
                String alertUrl = browser.getCurrentUrl();
                assertTrue(alertUrl.startsWith(base + "alerts/A-"), alertUrl);
                assertEquals("NEW", browser.findElement(By.id("state")).getText());
                assertImagesShown(browser);
                // the page's refresh endpoint: what came after an alert, as JSON
                Object fresh = ((JavascriptExecutor) browser).executeAsyncScript("var done = arguments[0];"
                        + "fetch('/console/alerts.json?after=').then(r => r.json()).then(a => done(a.length));");
                assertTrue(((Number) fresh).longValue() >= 1, "alerts.json lists the alerts");
                shot(browser, "06-alert");
                submit(browser.findElement(By.id("confirm")));
                assertTrue(browser.findElement(By.id("flash")).getText().contains("CONFIRMED_ONCE"));
                submit(browser.findElement(By.id("confirm")));
                String twice = browser.findElement(By.id("flash")).getText();
                assertTrue(twice.contains("Refused") && twice.contains("different reviewer"), twice);
                assertEquals("CONFIRMED_ONCE", browser.findElement(By.id("state")).getText());
                shot(browser, "07-same-reviewer-refused");
                // a POST without the session's CSRF token is refused
                Object csrf = ((JavascriptExecutor) browser).executeAsyncScript("var done = arguments[0];"
                        + "fetch(location.pathname + '/confirm', {method: 'POST', headers: {'Content-Type':"
                        + " 'application/x-www-form-urlencoded'}, body: 'csrf=forged'}).then(r => done(r.status));");
                assertEquals(403L, ((Number) csrf).longValue());
                logout(browser);

                login(browser, base, "bob", "bob-Password-12");
                browser.get(alertUrl);
                submit(browser.findElement(By.id("confirm")));
                assertEquals("CONFIRMED", browser.findElement(By.id("state")).getText());
                String decisions = browser.findElement(By.id("decisions")).getText();
                assertTrue(decisions.contains("Confirmed by alice") && decisions.contains("Confirmed by bob"), decisions);
                shot(browser, "08-confirmed-by-two");
                logout(browser);
                // the auditor reads the alert and its decisions, but not the faces
                login(browser, base, "carol", "carol-Password-1");
                browser.get(alertUrl);
                assertTrue(browser.findElement(By.id("decisions")).getText().contains("Confirmed by bob"));
                assertTrue(browser.findElements(By.cssSelector(".evidence img")).isEmpty(), "no faces for an auditor");
                Object face = ((JavascriptExecutor) browser).executeAsyncScript("var done = arguments[0];"
                        + "fetch(location.pathname + '/face').then(r => done(r.status));");
                assertEquals(403L, ((Number) face).longValue());
                logout(browser);
                login(browser, base, "bob", "bob-Password-12");
                // per camera the stream's decoder, frames per second (between two views) and frame counts
                browser.get(base + "status");
                String lobby = browser.findElement(By.id("camera-lobby")).getText();
                assertTrue(lobby.contains("STREAMING") && lobby.contains("avdec_h264"), lobby);
                Thread.sleep(2000);
                browser.navigate().refresh();
                String fps = browser.findElement(By.cssSelector("#camera-lobby .fps")).getText();
                assertTrue(fps.matches("\\d+\\.\\d"), "frames per second after a second view: " + fps);
                shot(browser, "13-status-streams", "cameras");
                logout(browser);
            } finally {
                browser.quit();
            }

            // every login, success or failure, and every review is in the audit trail
            InstalledDistribution.Result logins = vigil.vigil("", "audit", "list", "--action", "login");
            assertOk(logins);
            System.out.println(logins.output());
            for (String expected : List.of("root", "carol", "alice", "bob", "wrong-password", "locked", "success")) {
                assertTrue(logins.output().contains(expected), expected + " missing in\n" + logins.output());
            }
            InstalledDistribution.Result confirmed = vigil.vigil("", "audit", "list", "--action", "alert.confirmed");
            assertTrue(confirmed.output().contains("alice") && confirmed.output().contains("bob"), confirmed.output());
            assertEquals(0, vigil.vigil("", "audit", "verify").exit());
        }
    }

    private static WebDriver chromium(Path profile, Path downloads) {
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption("prefs", java.util.Map.of("download.default_directory", downloads.toAbsolutePath().toString(),
                "download.prompt_for_download", false, "safebrowsing.enabled", false));
        options.setBinary(new File("/usr/bin/chromium"));
        // DESIGN.md / machine notes: without the background-networking flags Chromium's own
        // connections are refused by the closed network, many at a time
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile);
        // the console's certificate is self-signed (generated on first start)
        options.setAcceptInsecureCerts(true);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return driver;
    }

    private static void login(WebDriver browser, String base, String name, String password) throws InterruptedException {
        browser.get(base + "login");
        browser.findElement(By.id("name")).clear();
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys(password);
        submit(browser.findElement(By.id("login")));
    }

    /** Clicks and waits until the page it was on is gone (a click does not wait for the navigation it starts). */
    private static void submit(org.openqa.selenium.WebElement element) throws InterruptedException {
        element.click();
        for (int i = 0; i < 300; i++) {
            try {
                element.isEnabled();
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return;
            } catch (org.openqa.selenium.WebDriverException gone) {
                // the same, as chromedriver sometimes words it while the old document is torn down
                if (String.valueOf(gone.getMessage()).contains("does not belong to the document")) {
                    return;
                }
                throw gone;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the click did not lead to another page");
    }

    /** The completed zip in {@code downloads} (Chromium writes .crdownload first). */
    private static Path awaitDownload(Path downloads) throws Exception {
        for (int i = 0; i < 600; i++) {
            try (var files = Files.list(downloads)) {
                List<Path> zips = files.filter(f -> f.getFileName().toString().endsWith(".zip")).toList();
                if (!zips.isEmpty()) {
                    return zips.get(0);
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the filing pack was not downloaded");
    }

    /** The watchlists table's row number of {@code name} (the ids of its enrol form and delete link). */
    private static int rowOf(WebDriver browser, String name) {
        List<org.openqa.selenium.WebElement> rows = browser.findElements(By.cssSelector("#watchlists tbody tr"));
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).findElement(By.tagName("th")).getText().equals(name)) {
                return i + 1;
            }
        }
        throw new AssertionError(name + " is not listed");
    }

    private static void logout(WebDriver browser) throws InterruptedException {
        submit(browser.findElement(By.cssSelector("header form button")));
    }

    private static void assertImagesShown(WebDriver browser) throws InterruptedException {
        List<?> list = List.of();
        for (int i = 0; i < 50; i++) {
            list = (List<?>) ((JavascriptExecutor) browser).executeScript(
                    "return Array.from(document.querySelectorAll('.evidence img')).map(i => i.complete ? i.naturalWidth : 0);");
            if (list.size() == 2 && list.stream().allMatch(w -> ((Number) w).longValue() > 0)) {
                break;
            }
            Thread.sleep(200);
        }
        assertEquals(2, list.size(), "face crop and enrolled photo");
        for (Object w : list) {
            assertTrue(((Number) w).longValue() > 0, "an evidence image did not load: " + list);
        }
    }

    /** A screenshot with the element {@code id} scrolled to the top (what the step is about is often below the fold). */
    private static void shot(WebDriver browser, String name, String id) throws Exception {
        ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).scrollIntoView()", id);
        shot(browser, name);
    }

    private static void shot(WebDriver browser, String name) throws Exception {
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(name + ".png"), png);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void assertOk(InstalledDistribution.Result r) {
        assertEquals(0, r.exit(), r.output());
    }
}
