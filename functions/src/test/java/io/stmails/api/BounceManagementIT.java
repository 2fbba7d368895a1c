package io.stmails.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.domain.Bounce;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceIds;
import io.stmails.domain.BounceType;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.wiring.Components;
import io.stmails.http.HttpRequest;
import io.stmails.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The write side of {@code /api/bounces}: deletes, blocklisting, export, counters, and paging while bounces arrive. */
class BounceManagementIT extends BounceApiTestBase {
    private static final Instant START = BounceFixture.START;
    private static final String CAMPAIGN_B = BounceFixture.CAMPAIGN_B;
    private List<Bounce> seeded;
    private ObjectMapper json;
    private Components services;

    @BeforeEach
    void seed() {
        f = new BounceFixture(12);
        seeded = f.seeded;
        json = f.json;
        services = f.services;
    }

    @Test
    void aCursorWalkStaysConsistentWhileBouncesArrive() throws Exception {
        List<String> snapshot = sorted(Comparator.comparing(Bounce::createdAt).reversed()).stream().map(Bounce::id).toList();
        List<String> walked = new ArrayList<>();
        String cursor = null;
        int round = 0;
        do {
            JsonNode data = data(call("GET", "/api/bounces", "per_page=7" + (cursor == null ? "" : "&cursor=" + cursor)));
            data.path("results").forEach(r -> walked.add(r.path("id").asText()));
            cursor = data.path("next_cursor").textValue();
            record("late" + round + "@example.com", null, BounceType.SOFT, "ses", Instant.now(), "late-" + round++);
        } while (cursor != null);
        assertEquals(snapshot, walked);
    }

    @Test
    void deletesByIdsAndOneByOneAndCountersFollow() throws Exception {
        assertEquals(400, call("DELETE", "/api/bounces", "").status());
        assertEquals("{\"message\":\"Invalid ID(s)\"}", call("DELETE", "/api/bounces", "id=abc").body());
        String ids = "id=" + seeded.get(0).id() + "&id=" + seeded.get(1).id() + "&id=01ARZ3NDEKTSV4RRFFQ69G5FAV";
        assertEquals("{\"data\":true}", call("DELETE", "/api/bounces", ids).body());
        assertEquals(200, call("DELETE", "/api/bounces/" + seeded.get(2).id(), "").status());
        assertEquals(404, call("DELETE", "/api/bounces/" + seeded.get(2).id(), "").status());
        deliverStream();
        assertEquals(9, data(call("GET", "/api/bounces/stats", "")).path("total").asInt());
        assertEquals(9, data(call("GET", "/api/bounces", "")).path("total").asInt());
        assertEquals(9, all().size());
    }

    @Test
    void deleteAllEmptiesTheTable() throws Exception {
        assertEquals("{\"data\":true}", call("DELETE", "/api/bounces", "all=T").body());
        assertEquals(0, all().size());
        deliverStream();
        JsonNode stats = data(call("GET", "/api/bounces/stats", ""));
        assertEquals(0, stats.path("total").asInt());
        assertEquals(0, stats.path("by_type").path("hard").asInt());
    }

    @Test
    void blocklistAllBlocklistsEveryBouncedSubscriberAndUnsubscribesLists() throws Exception {
        Subscriber clean = new Subscriber(UUID.randomUUID().toString(), "clean@example.com", "c", SubscriberStatus.ENABLED,
                Map.of("1", SubscriptionStatus.CONFIRMED), START, START, 1);
        services.subscribers().create(clean);
        assertEquals("{\"data\":true}", call("PUT", "/api/bounces/blocklist", "").body());
        for (int i = 0; i < 6; i++) {
            Subscriber s = services.subscribers().findByEmail("user" + i + "@example.com").orElseThrow();
            assertEquals(SubscriberStatus.BLOCKLISTED, s.status());
        }
        assertEquals(SubscriberStatus.ENABLED, services.subscribers().findByUuid(clean.uuid()).orElseThrow().status());
        assertEquals(12, all().size(), "bounces are kept");
    }

    @Test
    void aSubscribersBouncesNewestFirstAndTheirDeletion() throws Exception {
        Subscriber user2 = services.subscribers().findByEmail("user2@example.com").orElseThrow();
        JsonNode list = data(call("GET", "/api/subscribers/" + user2.uuid() + "/bounces", ""));
        assertTrue(list.isArray());
        assertEquals(2, list.size());
        assertTrue(list.get(0).path("created_at").asText().compareTo(list.get(1).path("created_at").asText()) > 0);
        assertEquals(0, data(call("GET", "/api/subscribers/" + UUID.randomUUID() + "/bounces", "")).size());
        assertEquals(400, call("GET", "/api/subscribers/x/bounces", "").status());
        assertEquals("{\"data\":true}", call("DELETE", "/api/subscribers/" + user2.uuid() + "/bounces", "").body());
        assertEquals(0, data(call("GET", "/api/subscribers/" + user2.uuid() + "/bounces", "")).size());
        assertEquals(SubscriberStatus.ENABLED, services.subscribers().findByUuid(user2.uuid()).orElseThrow().status());
    }

    @Test
    void redeliveringTheStreamDoesNotCountTwice() throws Exception {
        record("again@example.com", null, BounceType.HARD, "ses", Instant.now(), "again");
        var batch = f.stream.drain();
        f.streamHandler.handleRequest(batch, null);
        f.streamHandler.handleRequest(batch, null);
        assertEquals(13, data(call("GET", "/api/bounces/stats", "")).path("total").asInt());
    }

    @Test
    void exportsEveryBounceAsCsvAndJsonLinesPageByPage() throws Exception {
        // Written straight to the store: the export reads the table, not the stream.
        Subscriber bulk = services.subscribers().findByEmail("user0@example.com").orElseThrow();
        for (int i = 0; i < 2488; i++) {
            Instant at = START.plusSeconds(i);
            services.bounces().insert(new Bounce(BounceIds.next(at), bulk.uuid(), bulk.email(), CAMPAIGN_B, BounceType.SOFT,
                    "bulk", "{\"n\":" + i + "}", at, "bulk-" + i));
        }
        List<String> csv = exportAll("csv");
        assertEquals("id,created_at,type,source,email,subscriber_uuid,subscriber_status,campaign_uuid,meta", csv.get(0));
        assertEquals(2500, csv.size() - 1);
        assertEquals(2500, new HashSet<>(csv.subList(1, csv.size()).stream().map(l -> l.split(",")[0]).toList()).size());
        List<String> jsonl = exportAll("jsonl");
        assertEquals(2500, jsonl.size());
        assertEquals("enabled", json.readTree(jsonl.get(0)).path("subscriber_status").asText());
        HttpResponse first = call("GET", "/api/bounces/export", "format=jsonl&source=bulk&type=soft");
        assertEquals("2488", first.headers().get("x-total-count"));
        assertEquals(400, call("GET", "/api/bounces/export", "format=xml").status());
    }

    private List<String> exportAll(String format) throws Exception {
        List<String> lines = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            HttpResponse page = call("GET", "/api/bounces/export", "format=" + format + (cursor == null ? "" : "&cursor=" + cursor));
            assertEquals(200, page.status(), page.body());
            for (String line : page.body().split("\r?\n")) {
                if (!line.isEmpty()) {
                    lines.add(line);
                }
            }
            cursor = page.headers().get("x-next-cursor");
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        return lines;
    }

    private List<Bounce> all() {
        return f.all();
    }

    private void record(String email, String campaign, BounceType type, String source, Instant at, String key) {
        f.record(email, campaign, type, source, at, key);
    }

    private void deliverStream() {
        f.deliverStream();
    }
}
