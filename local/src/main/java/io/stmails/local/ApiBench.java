package io.stmails.local;

import io.stmails.config.ApiUser;
import io.stmails.config.Secrets;
import io.stmails.config.Settings;
import io.stmails.domain.Bounce;
import io.stmails.domain.BounceIds;
import io.stmails.domain.BounceType;
import io.stmails.domain.StatsCounters;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.handler.Services;
import io.stmails.store.StatsStore;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code bench-api [--bounces N]}: seeds N bounces (default 100,000) into an in-memory runner through
 * the store's real write path, then times, over HTTP on 127.0.0.1, the API calls users wait on:
 * the first page, a filtered page, stats, and a full CSV export. Counters are written as the
 * stream would write them, in groups, so that seeding does not wait for the stream.
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
        try (LocalRunner runner = LocalRunner.start(new LocalRunner.Config(0, null, Settings.defaults(), secrets))) {
            Services services = runner.services();
            long seedStart = System.nanoTime();
            String[] campaigns = seed(services, count);
            out.printf("seeded %,d bounces for %,d subscribers in %.1f s%n", count, SUBSCRIBERS, seconds(seedStart));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            String base = "http://127.0.0.1:" + runner.port();
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

    private static String[] seed(Services services, int count) throws Exception {
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
        List<Future<Map<StatsCounters.Counter, Long>>> parts = new ArrayList<>();
        int threads = 4;
        for (int t = 0; t < threads; t++) {
            int first = t;
            parts.add(pool.submit(() -> {
                Map<StatsCounters.Counter, Long> counters = new HashMap<>();
                for (int i = first; i < count; i += threads) {
                    Subscriber s = subscribers.get(i % SUBSCRIBERS);
                    Instant at = now.minusSeconds(60L * (count - i));
                    Bounce bounce = new Bounce(BounceIds.next(at), s.uuid(), s.email(), i % 5 == 0 ? null : campaigns[i % CAMPAIGNS],
                            BounceType.values()[i % 3], SOURCES[i % SOURCES.length], "{\"diagnostic\":\"550 5.1.1 bench " + i + "\"}",
                            at, "bench-" + i);
                    services.bounces().insert(bounce);
                    StatsCounters.of(bounce).forEach(c -> counters.merge(c, 1L, Long::sum));
                }
                return counters;
            }));
        }
        Map<StatsCounters.Counter, Long> counters = new HashMap<>();
        for (Future<Map<StatsCounters.Counter, Long>> part : parts) {
            part.get().forEach((c, n) -> counters.merge(c, n, Long::sum));
        }
        pool.shutdown();
        List<Map.Entry<StatsCounters.Counter, Long>> entries = new ArrayList<>(counters.entrySet());
        for (int from = 0; from < entries.size(); from += StatsStore.MAX_COUNTERS_PER_GROUP) {
            Map<StatsCounters.Counter, Long> group = new HashMap<>();
            entries.subList(from, Math.min(entries.size(), from + StatsStore.MAX_COUNTERS_PER_GROUP))
                    .forEach(e -> group.put(e.getKey(), e.getValue()));
            services.stats().apply("bench-" + from, "bench-" + from, group);
        }
        return campaigns;
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
