package io.stmails.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.ApiUser;
import io.stmails.config.Secrets;
import io.stmails.config.Settings;
import io.stmails.store.ScanRecord;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator console in a real browser (Debian's chromium, headless, through chromium-driver)
 * against the local runner with seeded bounces. The tests run in order: later ones see what earlier
 * ones changed, as a person clicking through would. Every page is saved as a screenshot at a laptop
 * and a phone width under {@code target/console-screenshots/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ADMIN = "token admin:adm1n-token";
    private static final String CAMPAIGN = "6f1c2a44-5b7e-4d3a-9c1e-0a2b3c4d5e6f";
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Path DOWNLOADS = Path.of("target", "console-downloads").toAbsolutePath();
    private static final Dimension LAPTOP = new Dimension(1366, 900);
    private static final Dimension PHONE = new Dimension(390, 844);
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    private static LocalRunner runner;
    private static ChromeDriver browser;
    private static WebDriverWait wait;
    private static String base;
    private static int seeded;
    private static List<Long> blocklistsBefore;

    @BeforeAll
    static void start() throws Exception {
        Secrets secrets = new Secrets(List.of(
                new ApiUser("admin", "adm1n-token", Set.of(ApiUser.ALL)),
                new ApiUser("viewer", "v1ewer-token", Set.of("bounces:get", "subscribers:get"))),
                JSON.createObjectNode());
        Settings settings = Settings.parse("""
                {"ses": {"enabled": true, "suppression_sync": true},
                 "providers": {"sendgrid": {"enabled": true}},
                 "actions": {"soft": {"count": 3, "action": "unsubscribe", "count_window_days": 30}},
                 "mailboxes": [{"name": "bounces", "enabled": false, "host": "pop.example.com", "port": 995,
                                "username": "bounces@example.com", "scan_interval": "10m"}]}""", JSON);
        runner = LocalRunner.start(new LocalRunner.Config(0, null, settings, secrets));
        base = "http://127.0.0.1:" + runner.port();
        seed();
        Files.createDirectories(SCREENSHOTS);
        Files.createDirectories(DOWNLOADS);
        browser = startBrowser();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    /** Debian's chromium and its driver, by path, so that Selenium Manager never tries to download either. */
    private static ChromeDriver startBrowser() {
        File chromium = new File("/usr/bin/chromium");
        File driver = new File("/usr/bin/chromedriver");
        assertTrue(chromium.canExecute() && driver.canExecute(),
                "the console tests need Debian's chromium and chromium-driver: apt-get install -y chromium chromium-driver");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1366,900", "--lang=en-GB");
        options.setExperimentalOption("prefs", Map.of("download.default_directory", DOWNLOADS.toString(),
                "download.prompt_for_download", false));
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (runner != null) {
            runner.close();
        }
    }

    @Test
    @Order(1)
    void theConsoleIsServedWithItsSecurityHeadersAndHashedLongLivedAssets() throws Exception {
        HttpResponse<String> index = get("/console/");
        assertEquals(200, index.statusCode());
        assertEquals("no-cache", index.headers().firstValue("cache-control").orElseThrow());
        String policy = index.headers().firstValue("content-security-policy").orElseThrow();
        assertTrue(policy.startsWith("default-src 'self'") && !policy.contains("unsafe-inline") && !policy.contains("http"), policy);
        assertEquals("DENY", index.headers().firstValue("x-frame-options").orElseThrow());
        assertEquals("nosniff", index.headers().firstValue("x-content-type-options").orElseThrow());
        assertEquals("no-referrer", index.headers().firstValue("referrer-policy").orElseThrow());
        assertFalse(index.body().contains("<script>") || index.body().contains("style="), "no inline script or style");

        Matcher script = Pattern.compile("/console/assets/app\\.[0-9a-f]{12}\\.js").matcher(index.body());
        assertTrue(script.find(), index.body());
        HttpResponse<String> asset = get(script.group());
        assertEquals(200, asset.statusCode());
        assertEquals("public, max-age=31536000, immutable", asset.headers().firstValue("cache-control").orElseThrow());
        assertTrue(asset.headers().firstValue("content-type").orElseThrow().startsWith("text/javascript"));
        assertEquals(404, get("/console/assets/app.js").statusCode(), "only the hashed name is served");
        assertEquals(308, get("/console").statusCode());
    }

    @Test
    @Order(2)
    void aWrongTokenIsRefusedAndNothingIsShown() {
        browser.get(base + "/console/");
        signIn("admin", "not-the-token");
        WebElement error = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-error")));
        assertEquals("Wrong API user or token.", error.getText());
        assertFalse(browser.findElement(By.id("nav")).isDisplayed());
        screenshots("sign-in-refused");
    }

    @Test
    @Order(3)
    void signingInShowsTheOverviewOfTheSeededBounces() throws Exception {
        browser.get(base + "/console/");
        signIn("admin", "adm1n-token");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".chart svg rect")));
        String page = browser.findElement(By.id("page")).getText();
        assertTrue(page.contains("bounces, last 7 days") && page.contains("By source"), page);
        assertTrue(browser.findElements(By.cssSelector(".chart rect.bar-soft")).size() > 5, "stacked bars per day");
        wait.until(d -> d.findElements(By.cssSelector("#page time")).size() >= 5);
        String scan = browser.findElement(By.cssSelector("table.mailboxes")).getText();
        assertTrue(scan.contains("bounces") && scan.contains("3 recorded of 4 examined"), scan);
        assertEquals(apiActionCounts(), shownActionCounts(), "the actions card says what the API counted");
        assertNoPolicyViolation();
        screenshots("overview");
    }

    @Test
    @Order(4)
    void theBounceListFiltersByTypeAndDate() {
        browser.get(base + "/console/#/bounces");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#bounce-table tr[data-id]")));
        String from = TODAY.minusDays(6).toString();
        String to = TODAY.minusDays(2).toString();
        new Select(browser.findElement(By.id("f-type"))).selectByValue("soft");
        setValue(browser.findElement(By.id("f-from")), from);
        setValue(browser.findElement(By.id("f-to")), to);
        browser.findElement(By.id("apply-filters")).click();
        wait.until(d -> d.getCurrentUrl().contains("type=soft"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#bounce-table tr[data-id]")));
        List<WebElement> rows = browser.findElements(By.cssSelector("#bounce-table tr[data-id]"));
        assertFalse(rows.isEmpty());
        for (WebElement row : rows) {
            assertEquals("soft", row.findElement(By.cssSelector(".tag.soft")).getText());
            String created = row.findElement(By.cssSelector("time")).getAttribute("datetime");
            LocalDate day = Instant.parse(created).atZone(ZoneOffset.UTC).toLocalDate();
            assertTrue(!day.isBefore(TODAY.minusDays(6)) && day.isBefore(TODAY.minusDays(2)), created);
        }
        String status = browser.findElement(By.id("list-status")).getText();
        assertTrue(status.startsWith(rows.size() + " matching"), status);
        screenshots("bounces-filtered");
    }

    @Test
    @Order(5)
    void aBounceExpandsToItsEvidenceAndTheReasonForItsType() {
        browser.get(base + "/console/#/bounces?source=ses");
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#bounce-table tr[data-id]")));
        row.findElement(By.cssSelector("button.expand")).click();
        WebElement evidence = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("pre.evidence")));
        assertTrue(evidence.getText().contains("5.1.1"), evidence.getText());
        assertTrue(browser.findElement(By.cssSelector("b.reason")).getText().contains("Permanent"));
        assertNoPolicyViolation();
        screenshots("bounce-evidence");
    }

    @Test
    @Order(6)
    void aSelectionOfBouncesIsBlocklisted() throws Exception {
        browser.get(base + "/console/#/bounces?type=soft&source=sendgrid");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#bounce-table tr[data-id]")));
        List<WebElement> rows = browser.findElements(By.cssSelector("#bounce-table tr[data-id]")).stream()
                .filter(r -> !r.findElement(By.cssSelector("td.email")).getText().contains("blocklisted"))
                .limit(2).toList();
        assertEquals(2, rows.size(), "two bounces of subscribers not yet blocklisted");
        blocklistsBefore = apiActionCounts().get("blocklist");
        List<String> owners = rows.stream().map(r -> r.findElement(By.cssSelector("td.email a")).getAttribute("href"))
                .map(href -> href.substring(href.lastIndexOf('/') + 1)).toList();
        rows.forEach(r -> r.findElement(By.cssSelector("input.select-row")).click());
        assertEquals("2 selected", browser.findElement(By.id("selection")).getText());
        browser.findElement(By.id("bulk-blocklist")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bulk-done")));
        for (String owner : owners) {
            assertEquals("blocklisted", api("GET", "/api/subscribers/" + owner, null).path("data").path("status").asText());
        }
        screenshots("bounces-blocklisted");

        browser.get(base + "/console/#/overview");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#actions-applied tr[data-action]")));
        Map<String, List<Long>> shown = shownActionCounts();
        List<Long> before = blocklistsBefore;
        assertEquals(List.of(before.get(0) + 2, before.get(1) + 2, before.get(2) + 2), shown.get("blocklist"),
                "the two blocklisted now, in the last 7 and 30 days and all time");
        assertEquals(apiActionCounts(), shown);
        assertNoPolicyViolation();
        screenshots("overview");
    }

    @Test
    @Order(7)
    void reactivatingAComplainerNeedsAnExplicitForce() throws Exception {
        String pat = uuidOf("pat@example.com");
        browser.get(base + "/console/#/subscriber/" + pat);
        wait.until(ExpectedConditions.textToBe(By.id("subscriber-status"), "blocklisted"));
        screenshots("subscriber");
        browser.findElement(By.id("reactivate")).click();
        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#subscriber-message.error")));
        assertTrue(message.getText().contains("force"), message.getText());
        assertEquals("blocklisted", api("GET", "/api/subscribers/" + pat, null).path("data").path("status").asText());

        browser.findElement(By.id("reactivate-force")).click();
        browser.findElement(By.id("reactivate")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("subscriber-message"), "Reactivated"));
        assertEquals("enabled", api("GET", "/api/subscribers/" + pat, null).path("data").path("status").asText());
        wait.until(ExpectedConditions.textToBe(By.id("subscriber-status"), "enabled"));
        screenshots("subscriber-reactivated");
    }

    @Test
    @Order(8)
    void theCurrentFilterIsExportedWithProgress() throws Exception {
        try (Stream<Path> old = Files.list(DOWNLOADS)) {
            old.forEach(p -> p.toFile().delete());
        }
        browser.get(base + "/console/#/bounces?type=soft");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#bounce-table tr[data-id]")));
        long soft = api("GET", "/api/bounces?type=soft", null).path("data").path("total").asLong();
        browser.findElement(By.id("export-csv")).click();
        WebElement done = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("export-done")));
        assertEquals("Exported " + soft + " rows.", done.getText());
        Path file = wait.until(d -> {
            try (Stream<Path> files = Files.list(DOWNLOADS)) {
                return files.filter(p -> p.toString().endsWith(".csv")).findFirst().orElse(null);
            } catch (Exception e) {
                return null;
            }
        });
        List<String> lines = Files.readAllLines(file);
        assertEquals(soft + 1, lines.size(), "header and one row per soft bounce");
        assertTrue(lines.stream().skip(1).allMatch(l -> l.contains(",soft,")));
    }

    @Test
    @Order(9)
    void theCampaignAndSettingsPagesShowWhatIsInEffect() {
        browser.get(base + "/console/#/campaign/" + CAMPAIGN);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".chart svg rect")));
        assertTrue(browser.findElement(By.id("page")).getText().contains("Top reasons"));
        screenshots("campaign");

        browser.get(base + "/console/#/settings");
        WebElement webhooks = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("webhooks")));
        assertTrue(webhooks.findElements(By.cssSelector("input.url")).stream()
                .anyMatch(i -> (base + "/webhooks/service/sendgrid").equals(i.getAttribute("value"))));
        assertTrue(browser.findElement(By.id("settings-readonly")).getText().contains("CDK context"));
        assertTrue(browser.findElement(By.id("page")).getText().contains("pop.example.com"));
        screenshots("settings");
    }

    @Test
    @Order(10)
    void everyBounceMatchingTheFilterIsDeletedAcrossPages() throws Exception {
        long before = api("GET", "/api/bounces", null).path("data").path("total").asLong();
        long matching = api("GET", "/api/bounces?type=soft&source=api", null).path("data").path("total").asLong();
        assertTrue(matching > 20, "more than one page matches: " + matching);
        browser.get(base + "/console/#/bounces?type=soft&source=api");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#bounce-table tr[data-id]")));
        browser.findElement(By.cssSelector("#bounce-table thead input[type=checkbox]")).click();
        browser.findElement(By.id("select-all-matching")).click();
        assertTrue(browser.findElement(By.id("selection")).getText().startsWith(matching + " selected"));
        browser.findElement(By.id("bulk-delete")).click();
        assertTrue(wait.until(ExpectedConditions.alertIsPresent()).getText().contains("every bounce matching the filters"));
        browser.switchTo().alert().accept();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("bulk-done")));
        assertEquals(0, api("GET", "/api/bounces?type=soft&source=api", null).path("data").path("total").asLong());
        // The unfiltered total comes from the counters, which follow the stream.
        Instant deadline = Instant.now().plusSeconds(30);
        while (api("GET", "/api/bounces", null).path("data").path("total").asLong() != before - matching) {
            assertTrue(Instant.now().isBefore(deadline), "nothing outside the filter is deleted");
            Thread.sleep(200);
        }
    }

    @Test
    @Order(11)
    void aUserWithoutAPermissionSeesTheActionDisabled() throws Exception {
        browser.findElement(By.id("signout")).click();
        signIn("viewer", "v1ewer-token");
        wait.until(ExpectedConditions.textToBe(By.id("who"), "Signed in as viewer"));
        browser.get(base + "/console/#/settings");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("page"),
                "Your API user lacks the settings:get permission."));
        browser.get(base + "/console/#/bounces");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#bounce-table tr[data-id]")));
        browser.findElement(By.cssSelector("#bounce-table input.select-row")).click();
        WebElement delete = browser.findElement(By.id("bulk-delete"));
        assertFalse(delete.isEnabled());
        assertTrue(delete.getAttribute("title").contains("bounces:manage"));
        browser.get(base + "/console/#/subscriber/" + uuidOf("pat@example.com"));
        WebElement reactivate = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reactivate")));
        assertFalse(reactivate.isEnabled());
        screenshots("subscriber-read-only");
    }

    @Test
    @Order(12)
    void withoutTheApiTheConsoleSaysSo() {
        browser.get(base + "/console/#/overview");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".chart svg")));
        runner.close();
        runner = null;
        browser.findElement(By.cssSelector("#nav a[data-page=bounces]")).click();
        WebElement banner = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("banner")));
        assertTrue(banner.getText().startsWith("No API"), banner.getText());
        screenshots("no-api");
    }

    // ---------- helpers ----------

    private static void signIn(String user, String token) {
        WebElement userField = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signin-user")));
        userField.clear();
        userField.sendKeys(user);
        WebElement tokenField = browser.findElement(By.id("signin-token"));
        tokenField.clear();
        tokenField.sendKeys(token);
        browser.findElement(By.id("signin-submit")).click();
    }

    /** The Content-Security-Policy blocked nothing the console does (the browser logs each violation). */
    private static void assertNoPolicyViolation() {
        List<String> violations = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).filter(m -> m.contains("Content Security Policy")).toList();
        assertEquals(List.of(), violations);
    }

    /** Per action, the card's last 7 days, last 30 days and all time, as numbers. */
    private static Map<String, List<Long>> shownActionCounts() {
        WebElement card = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("actions-applied")));
        Map<String, List<Long>> shown = new TreeMap<>();
        for (WebElement row : card.findElements(By.cssSelector("tr[data-action]"))) {
            shown.put(row.getAttribute("data-action"), row.findElements(By.cssSelector("td")).stream()
                    .map(td -> Long.parseLong(td.getText().replaceAll("[^0-9]", ""))).toList());
        }
        return shown;
    }

    /** The same from {@code GET /api/bounces/stats}, over the UTC days the overview shows. */
    private static Map<String, List<Long>> apiActionCounts() throws Exception {
        JsonNode actions = api("GET", "/api/bounces/stats?from=" + TODAY.minusDays(29), null).path("data").path("actions");
        Map<String, List<Long>> counts = new TreeMap<>();
        actions.fields().forEachRemaining(action -> {
            long last7 = 0;
            long last30 = 0;
            for (JsonNode day : action.getValue().path("by_day")) {
                last30 += day.path("count").asLong();
                if (!LocalDate.parse(day.path("date").asText()).isBefore(TODAY.minusDays(6))) {
                    last7 += day.path("count").asLong();
                }
            }
            counts.put(action.getKey(), List.of(last7, last30, action.getValue().path("total").asLong()));
        });
        assertEquals(Set.of("blocklist", "unsubscribe", "delete", "reactivate"), counts.keySet());
        return counts;
    }

    private static void setValue(WebElement input, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", input, value);
    }

    /** The whole page at a laptop's and a phone's width, then back to the laptop. */
    private static void screenshots(String name) {
        for (Map.Entry<String, Dimension> size : Map.of("laptop", LAPTOP, "phone", PHONE).entrySet()) {
            browser.manage().window().setSize(size.getValue());
            long height = (Long) ((JavascriptExecutor) browser).executeScript(
                    "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight);");
            browser.manage().window().setSize(new Dimension(size.getValue().width,
                    (int) Math.max(size.getValue().height, Math.min(height + 140, 6000))));
            try {
                Files.write(SCREENSHOTS.resolve(name + "-" + size.getKey() + ".png"), browser.getScreenshotAs(OutputType.BYTES));
            } catch (Exception e) {
                throw new IllegalStateException("saving screenshot " + name, e);
            }
        }
        browser.manage().window().setSize(LAPTOP);
    }

    /**
     * Thirty subscribers with bounces of every type over the last three weeks from four sources, part of
     * them for one campaign; then an SES bounce and an SES complaint through the EventBridge path, which
     * keep SES's evidence and reason.
     */
    private static void seed() throws Exception {
        String[] sources = {"sendgrid", "api", "pop3:bounces", "sendgrid"};
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 30; i++) {
            api("POST", "/api/subscribers", "{\"email\": \"user" + i + "@example.com\", \"lists\": [1, 2], "
                    + "\"preconfirm_subscriptions\": true}");
        }
        for (int i = 0; i < 90; i++) {
            String type = i % 15 == 0 ? "hard" : i % 23 == 0 ? "complaint" : "soft";
            Instant at = now.minus(i % 21, ChronoUnit.DAYS).minus(i, ChronoUnit.MINUTES);
            String campaign = i % 3 == 0 ? ", \"campaign_uuid\": \"" + CAMPAIGN + "\"" : "";
            api("POST", "/webhooks/bounce", "{\"email\": \"user" + (i % 30) + "@example.com\", \"type\": \"" + type
                    + "\", \"source\": \"" + sources[i % sources.length] + "\", \"created_at\": \"" + at + "\""
                    + campaign + ", \"meta\": {\"smtp\": \"" + (type.equals("soft") ? "452 4.2.2 mailbox full" : "550 5.1.1 unknown") + "\"}}");
        }
        seeded = 90;
        String day = TODAY.minusDays(1).toString();
        for (String event : List.of("configuration-set-bounce.json", "configuration-set-complaint.json")) {
            String text = Files.readString(Path.of("../events/ses/eventbridge/" + event)).replaceAll("2026-03-0\\d", day);
            HttpResponse<String> invoked = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/2015-03-31/functions/ses-events/invocations"))
                    .POST(HttpRequest.BodyPublishers.ofString(text)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, invoked.statusCode(), invoked.body());
            assertTrue(invoked.headers().firstValue("x-amz-function-error").isEmpty(), invoked.body());
            seeded++;
        }
        // As the pop3-scanner keeps it after each scan (the test mailbox is disabled, so none runs).
        runner.components().scanLog().record(new ScanRecord("bounces", now.minus(7, ChronoUnit.MINUTES), "ok", null, 4, 3, 0));
        Instant deadline = Instant.now().plusSeconds(60);
        while (api("GET", "/api/bounces/stats", null).path("data").path("total").asLong() < seeded) {
            assertTrue(Instant.now().isBefore(deadline), "the stream did not count every seeded bounce in time");
            Thread.sleep(200);
        }
        Instant decided = Instant.now().plusSeconds(30);
        while (!"blocklisted".equals(api("GET", "/api/subscribers/" + uuidOf("pat@example.com"), null)
                .path("data").path("status").asText())) {
            assertTrue(Instant.now().isBefore(decided), "the complaint did not blocklist pat in time");
            Thread.sleep(200);
        }
    }

    private static String uuidOf(String email) throws Exception {
        return api("GET", "/api/subscribers?email=" + email, null).path("data").path("results").get(0).path("uuid").asText();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode api(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", ADMIN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() < 300, method + " " + path + " → " + response.statusCode() + " " + response.body());
        return JSON.readTree(response.body());
    }
}
