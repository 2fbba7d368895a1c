package io.stmails.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.domain.BounceType;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.http.HttpResponse;
import io.stmails.testing.LoopWorld;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The actions applied, counted in the transaction that applies them and read back through
 * {@code GET /api/bounces/stats}, on DynamoDB Local with the table's real stream.
 */
class ActionCountsIT {
    private static final String SETTINGS = "{\"actions\": {\"hard\": {\"count\": 1, \"action\": \"blocklist\"},"
            + " \"soft\": {\"count\": 50, \"action\": \"blocklist\"},"
            + " \"complaint\": {\"count\": 1, \"action\": \"delete\"}}}";
    /** Just before midnight UTC, so that a day taken in any other zone would be the wrong one. */
    private static final Instant LATE = Instant.parse("2026-11-25T23:59:30Z");
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    @Test
    void aThresholdBlocklistAnApiBlocklistAReactivationAndAThresholdDeleteEachCountOnce() throws Exception {
        LoopWorld world = new LoopWorld(SETTINGS, () -> LATE);
        Subscriber jane = world.subscriber("jane@example.com");
        Subscriber joe = world.subscriber("joe@example.com");
        Subscriber ann = world.subscriber("ann@example.com");
        world.bounce(jane, BounceType.HARD);
        world.bounce(ann, BounceType.COMPLAINT);
        String joesBounce = world.bounce(joe, BounceType.SOFT).bounceId();
        assertEquals(List.of(), world.deliver());
        assertEquals(SubscriberStatus.BLOCKLISTED, world.reload(jane).status(), "threshold blocklist");
        assertEquals(SubscriberStatus.ENABLED, world.reload(joe).status());
        assertTrue(world.services.subscribers().findByUuid(ann.uuid()).isEmpty(), "threshold delete");

        String blocklist = "/api/bounces/blocklist";
        assertEquals(200, world.call("PUT", blocklist, "id=" + joesBounce, "").status());
        assertEquals(SubscriberStatus.BLOCKLISTED, world.reload(joe).status(), "API blocklist");
        assertEquals(200, world.call("PUT", blocklist, "id=" + joesBounce, "").status(), "already blocklisted");

        String reactivate = "/api/subscribers/" + jane.uuid() + "/reactivate";
        assertTrue(world.data(world.call("POST", reactivate, "", "")).path("reactivated").asBoolean());
        assertFalse(world.data(world.call("POST", reactivate, "", "")).path("reactivated").asBoolean(),
                "nothing left to undo");

        Subscriber bob = world.subscriber("bob@example.com");
        assertEquals(200, world.call("DELETE", "/api/subscribers/" + bob.uuid(), "", "").status(),
                "removing a subscriber no bounce counts against is not a bounce action");

        JsonNode actions = actions(world, "");
        assertCounted(actions, "blocklist", 2);
        assertCounted(actions, "reactivate", 1);
        assertCounted(actions, "delete", 1);
        assertCounted(actions, "unsubscribe", 0);
        assertEquals("2026-11-25", actions.path("blocklist").path("by_day").get(0).path("date").asText(),
                "the UTC day it was applied");
    }

    @Test
    void aRedeliveredBatchDoesNotCountAgainNorDoesAConcurrentDelivery() throws Exception {
        LoopWorld world = new LoopWorld(SETTINGS, () -> LATE);
        Subscriber jane = world.subscriber("jane@example.com");
        world.bounce(jane, BounceType.HARD);
        DynamodbEvent batch = world.drain();
        assertEquals(List.of(), world.deliver(batch));
        assertEquals(List.of(), world.deliver(batch));
        assertCounted(actions(world, ""), "blocklist", 1);
        assertEquals(1, world.published().size(), "and announced once");

        // Announcements are at least once (published, then marked), so only the counts are exact in a race.
        for (int round = 0; round < 3; round++) {
            Subscriber racer = world.subscriber("racer" + round + "@example.com");
            world.bounce(racer, BounceType.HARD);
            DynamodbEvent raced = world.drain();
            CyclicBarrier together = new CyclicBarrier(2);
            List<Future<List<String>>> deliveries = new ArrayList<>();
            for (int copy = 0; copy < 2; copy++) {
                deliveries.add(pool.submit(() -> {
                    together.await();
                    return world.deliver(raced);
                }));
            }
            for (Future<List<String>> delivery : deliveries) {
                assertEquals(List.of(), delivery.get());
            }
            assertCounted(actions(world, ""), "blocklist", round + 2);
        }
    }

    @Test
    void theDaysFollowTheRangeAndACampaignHasNoActions() throws Exception {
        LoopWorld world = new LoopWorld(SETTINGS, () -> LATE);
        world.bounce(world.subscriber("jane@example.com"), BounceType.HARD);
        assertEquals(List.of(), world.deliver());

        LocalDate day = LATE.atZone(ZoneOffset.UTC).toLocalDate();
        JsonNode later = actions(world, "from=" + day.plusDays(1));
        assertEquals(1, later.path("blocklist").path("total").asLong(), "the total is all time");
        assertEquals(0, later.path("blocklist").path("by_day").size(), "no day in the range");
        JsonNode inRange = actions(world, "from=" + day.minusDays(29));
        assertEquals(1, inRange.path("blocklist").path("by_day").size());

        HttpResponse campaign = world.call("GET", "/api/bounces/stats",
                "campaign_uuid=6f1c2f0e-8a57-4b8e-9a3e-2f1d4c5b6a70", "");
        assertEquals(200, campaign.status());
        assertTrue(world.data(campaign).path("actions").isMissingNode(), "actions are counted overall only");
    }

    @Test
    void countsKeepTheirDayAcrossMidnight() throws Exception {
        Instant[] now = {LATE};
        LoopWorld world = new LoopWorld(SETTINGS, () -> now[0]);
        world.bounce(world.subscriber("jane@example.com"), BounceType.HARD);
        assertEquals(List.of(), world.deliver());
        now[0] = LATE.plus(1, ChronoUnit.MINUTES);
        world.bounce(world.subscriber("joe@example.com"), BounceType.HARD);
        assertEquals(List.of(), world.deliver());

        JsonNode days = actions(world, "").path("blocklist").path("by_day");
        assertEquals(2, days.size(), days.toString());
        assertEquals("2026-11-25", days.get(0).path("date").asText());
        assertEquals(1, days.get(0).path("count").asLong());
        assertEquals("2026-11-26", days.get(1).path("date").asText());
        assertEquals(1, days.get(1).path("count").asLong());
    }

    private static JsonNode actions(LoopWorld world, String query) throws Exception {
        HttpResponse response = world.call("GET", "/api/bounces/stats", query, "");
        assertEquals(200, response.status(), response.body());
        return world.data(response).path("actions");
    }

    private static void assertCounted(JsonNode actions, String action, long expected) {
        JsonNode entry = actions.path(action);
        assertEquals(expected, entry.path("total").asLong(), action + ": " + actions);
        long perDay = 0;
        for (JsonNode day : entry.path("by_day")) {
            perDay += day.path("count").asLong();
        }
        assertEquals(expected, perDay, action + " by day: " + actions);
    }
}
