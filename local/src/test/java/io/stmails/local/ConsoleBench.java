package io.stmails.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.ApiUser;
import io.stmails.config.Secrets;
import io.stmails.config.Settings;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * How long each console page takes to show its data, from a full page load (script, style, sign-in
 * from the tab's session storage, API calls) in headless chromium, with N bounces in the local runner (seeded as {@code bench-api} seeds them). A measurement, not a test: run it by hand,
 * {@code java -cp <test classpath> io.stmails.local.ConsoleBench 100000}.
 */
final class ConsoleBench {
    private static final int REPEATS = 7;

    private ConsoleBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Secrets secrets = Secrets.empty().withApiUser(new ApiUser("bench", "bench", Set.of(ApiUser.ALL)));
        Settings settings = Settings.parse("{\"actions\": {\"soft\": {\"action\": \"none\"}, \"hard\": {\"action\": \"none\"},"
                + " \"complaint\": {\"action\": \"none\"}}}", new ObjectMapper());
        try (LocalRunner runner = LocalRunner.start(new LocalRunner.Config(0, null, settings, secrets))) {
            String base = "http://127.0.0.1:" + runner.port();
            long seedStart = System.nanoTime();
            String[] campaigns = ApiBench.seed(runner.components(), count);
            HttpClient http = HttpClient.newHttpClient();
            while (counted(http, base) < count) {
                Thread.sleep(500);
            }
            System.out.printf("seeded and counted %,d bounces in %.0f s%n", count, (System.nanoTime() - seedStart) / 1e9);
            String subscriber = new ObjectMapper().readTree(get(http, base + "/api/bounces?per_page=1"))
                    .path("data").path("results").get(0).path("subscriber_uuid").asText();

            ChromeOptions options = new ChromeOptions();
            options.setBinary(new File("/usr/bin/chromium"));
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1366,900");
            WebDriver browser = new ChromeDriver(new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build(), options);
            try {
                browser.get(base + "/console/");
                browser.findElement(By.id("signin-user")).sendKeys("bench");
                browser.findElement(By.id("signin-token")).sendKeys("bench");
                // Kept in the tab's sessionStorage, so that every measured load is a full page load.
                browser.findElement(By.id("signin-remember")).click();
                browser.findElement(By.id("signin-submit")).click();
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
                wait.until(loaded(".chart svg"));
                Map<String, String[]> pages = new LinkedHashMap<>();
                pages.put("Overview", new String[] {"#/overview", ".chart svg"});
                pages.put("Bounces (first page)", new String[] {"#/bounces", "#bounce-table tr[data-id]"});
                pages.put("Bounces (campaign + type)", new String[] {"#/bounces?campaign_uuid=" + campaigns[3] + "&type=hard", "#bounce-table tr[data-id]"});
                pages.put("Bounces (source, by e-mail)", new String[] {"#/bounces?source=postfix&order_by=email&order=asc", "#bounce-table tr[data-id]"});
                pages.put("Subscriber", new String[] {"#/subscriber/" + subscriber, "#subscriber-status"});
                pages.put("Campaign", new String[] {"#/campaign/" + campaigns[3], ".chart svg"});
                pages.put("Settings", new String[] {"#/settings", "#webhooks"});
                for (Map.Entry<String, String[]> page : pages.entrySet()) {
                    double[] millis = new double[REPEATS];
                    for (int i = 0; i < REPEATS; i++) {
                        browser.get("about:blank");
                        long start = System.nanoTime();
                        browser.get(base + "/console/" + page.getValue()[0]);
                        wait.until(loaded(page.getValue()[1]));
                        millis[i] = (System.nanoTime() - start) / 1e6;
                    }
                    Arrays.sort(millis);
                    System.out.printf("%-28s median %6.0f ms  max %6.0f ms%n", page.getKey(), millis[REPEATS / 2], millis[REPEATS - 1]);
                }
            } finally {
                browser.quit();
            }
        }
    }

    /** The page's data is in: the marker is there and no loading indicator is left. */
    private static ExpectedCondition<Boolean> loaded(String marker) {
        return d -> !d.findElements(By.cssSelector(marker)).isEmpty()
                && d.findElements(By.cssSelector("#page .spinner")).isEmpty();
    }

    private static long counted(HttpClient http, String base) throws Exception {
        return new ObjectMapper().readTree(get(http, base + "/api/bounces/stats")).path("data").path("total").asLong();
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "token bench:bench").GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.body();
    }
}
