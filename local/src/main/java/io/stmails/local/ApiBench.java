package io.stmails.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.ApiUser;
import io.stmails.config.Secrets;
import io.stmails.config.Settings;
import io.stmails.domain.Bounce;
import io.stmails.domain.BounceIds;
import io.stmails.domain.BounceType;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.wiring.Components;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code bench-api [--bounces N]}: seeds N bounces (default 100,000) into an in-memory runner through
 * the store's real write path, waits until the stream has counted them all (as in AWS, the counters
 * follow the stream), then times, over HTTP on 127.0.0.1, the API calls users wait on: the first
 * page, filtered pages, stats, and a full CSV export.
 */
final class ApiBench {
    private static final String[] SOURCES = {"ses", "postfix", "sendgrid", "postmark", "mailbox"};
    private static final int SUBSCRIBERS = 10_000;
    private static final int CAMPAIGNS = 20;
    private static final int REPEATS = 15;

    private ApiBench() {
    }

    static int run(List<String> args, PrintStream out) throws Exception {
        int count = args.size() == 2 && args.get(0).equals("--bounces") ? Integer.parseInt(args.get(1)) : 100_000;
        Secrets secrets = Secrets.empty().withApiUser(new ApiUser("bench", "bench", Set.of(ApiUser.ALL)));
        // Thresholds are still evaluated for every bounce; no action keeps subscribers (and the log) as they are.
        Settings settings = Settings.parse("{\"actions\": {\"soft\": {\"action\": \"none\"}, \"hard\": {\"action\": \"none\"},"
                + " \"complaint\": {\"action\": \"none\"}}}", new ObjectMapper());
        try (LocalRunner runner = LocalRunner.start(new LocalRunner.Config(0, null, settings, secrets))) {
            Components services = runner.components();
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + runner.port();
            long seedStart = System.nanoTime();
            String[] campaigns = seed(services, count);
            out.printf("seeded %,d bounces for %,d subscribers in %.1f s (%,.0f bounces/s)%n", count, SUBSCRIBERS,
                    seconds(seedStart), count / seconds(seedStart));
            while (counted(http, base) < count) {
                Thread.sleep(500);
            }
            out.printf("the stream had counted all of them %.1f s after seeding began%n", seconds(seedStart));
            out.printf("first page      (GET /api/bounces)                            %s%n",
                    median(http, base + "/api/bounces"));
            out.printf("filtered page   (campaign_uuid + type=hard, newest first)     %s%n",
                    median(http, base + "/api/bounces?campaign_uuid=" + campaigns[3] + "&type=hard"));
            out.printf("filtered page   (source=postfix, order_by=email)              %s%n",
                    median(http, base + "/api/bounces?source=postfix&order_by=email&order=asc"));
            out.printf("stats           (GET /api/bounces/stats)                      %s%n",
                    median(http, base + "/api/bounces/stats"));
            out.printf("campaign stats  (GET /api/bounces/stats?campaign_uuid=...)    %s%n",
                    median(http, base + "/api/bounces/stats?campaign_uuid=" + campaigns[3]));
            long exportStart = System.nanoTime();
            long rows = 0;
            int pages = 0;
            String cursor = null;
            do {
                HttpResponse<String> page = get(http, base + "/api/bounces/export?format=csv" + (cursor == null ? "" : "&cursor=" + cursor));
                rows += page.body().chars().filter(c -> c == '\n').count();
                cursor = page.headers().firstValue("x-next-cursor").orElse(null);
                pages++;
            } while (cursor != null);
            double exportSeconds = seconds(exportStart);
            out.printf("full export     (CSV, %,d rows in %d pages)                 %.1f s (%,.0f rows/s)%n",
                    rows - 1, pages, exportSeconds, (rows - 1) / exportSeconds);
        }
        return 0;
    }

    static String[] seed(Components services, int count) throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String[] campaigns = new String[CAMPAIGNS];
        for (int i = 0; i < CAMPAIGNS; i++) {
            campaigns[i] = UUID.randomUUID().toString();
        }
        List<Subscriber> subscribers = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            Subscriber subscriber = new Subscriber(UUID.randomUUID().toString(), "bench" + i + "@example.com", "b" + i,
                    SubscriberStatus.ENABLED, Map.of("1", SubscriptionStatus.CONFIRMED), now, now, 1);
            services.subscribers().create(subscriber);
            subscribers.add(subscriber);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> parts = new ArrayList<>();
        int threads = 4;
        for (int t = 0; t < threads; t++) {
            int first = t;
            parts.add(pool.submit(() -> {
                for (int i = first; i < count; i += threads) {
                    Subscriber s = subscribers.get(i % SUBSCRIBERS);
                    Instant at = now.minusSeconds(60L * (count - i));
                    services.bounces().insert(new Bounce(BounceIds.next(at), s.uuid(), s.email(),
                            i % 5 == 0 ? null : campaigns[i % CAMPAIGNS], BounceType.values()[i % 3],
                            SOURCES[i % SOURCES.length], "{\"diagnostic\":\"550 5.1.1 bench " + i + "\"}", at, "bench-" + i));
                }
            }));
        }
        for (Future<?> part : parts) {
            part.get();
        }
        pool.shutdown();
        return campaigns;
    }

    private static long counted(HttpClient http, String base) throws Exception {
        String body = get(http, base + "/api/bounces/stats").body();
        return new ObjectMapper().readTree(body).path("data").path("total").asLong();
    }

    /** Median and 90th percentile of {@link #REPEATS} calls after two warm-ups. */
    private static String median(HttpClient http, String url) throws Exception {
        get(http, url);
        get(http, url);
        double[] millis = new double[REPEATS];
        for (int i = 0; i < REPEATS; i++) {
            long start = System.nanoTime();
            get(http, url);
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return String.format("median %6.1f ms  p90 %6.1f ms", millis[REPEATS / 2], millis[(int) (REPEATS * 0.9)]);
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "token bench:bench").GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
