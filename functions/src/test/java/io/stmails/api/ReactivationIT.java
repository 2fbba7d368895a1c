package io.stmails.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.http.HttpResponse;
import io.stmails.store.ReactivationRecord;
import io.stmails.testing.LoopWorld;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** §2 of issue 14: {@code POST /api/subscribers/{uuid}/reactivate} and its bulk form, on DynamoDB Local. */
class ReactivationIT {
    private static final String CAMPAIGN = "6f1c2f0e-8a57-4b8e-9a3e-2f1d4c5b6a70";
    private static final Map<String, SubscriptionStatus> LISTS_BEFORE = Map.of("1", SubscriptionStatus.CONFIRMED,
            "2", SubscriptionStatus.UNCONFIRMED, "3", SubscriptionStatus.UNSUBSCRIBED);

    @Test
    void reactivationUndoesTheBlocklistAndOneMoreSoftBounceDoesNotRedoIt() throws Exception {
        LoopWorld world = new LoopWorld("{\"ses\": {\"suppression_sync\": true},"
                + " \"actions\": {\"soft\": {\"count\": 2, \"action\": \"blocklist\"}}}");
        Subscriber jane = world.subscriber("jane@example.com");
        world.bounce(jane, BounceType.SOFT);
        world.bounce(jane, BounceType.SOFT);
        assertEquals(List.of(), world.deliver());
        assertEquals(SubscriberStatus.BLOCKLISTED, world.reload(jane).status());
        assertEquals(List.of("jane@example.com=BOUNCE"), world.suppressed());

        HttpResponse response = world.call("POST", "/api/subscribers/" + jane.uuid() + "/reactivate", "", "");
        assertEquals(200, response.status(), response.body());
        JsonNode data = world.data(response);
        assertTrue(data.path("reactivated").asBoolean());
        assertEquals(2, data.path("bounces_cleared").asInt());
        assertFalse(data.path("forced").asBoolean());
        assertEquals("enabled", data.path("subscriber").path("status").asText());

        Subscriber after = world.reload(jane);
        assertEquals(SubscriberStatus.ENABLED, after.status());
        assertEquals(LISTS_BEFORE, after.lists(), "the lists as they were before the action");
        assertEquals(List.of(), world.suppressed(), "off the suppression list");
        assertEquals(List.of("blocklist", "reactivate"), world.published());
        JsonNode event = world.json.readTree(world.sns.published().get(1).message());
        assertEquals(jane.uuid(), event.path("subscriber_uuid").asText());
        assertEquals("confirmed", event.path("lists_restored").path("1").asText());

        JsonNode bounces = world.data(world.call("GET", "/api/subscribers/" + jane.uuid() + "/bounces", "", ""));
        assertEquals(2, bounces.size(), "the bounces stay listed");
        bounces.forEach(b -> assertFalse(b.path("cleared_at").isNull(), "marked cleared: " + b));

        world.bounce(jane, BounceType.SOFT);
        assertEquals(List.of(), world.deliver());
        assertEquals(SubscriberStatus.ENABLED, world.reload(jane).status(), "one soft bounce after reactivation");

        world.bounce(jane, BounceType.SOFT);
        assertEquals(List.of(), world.deliver());
        assertEquals(SubscriberStatus.BLOCKLISTED, world.reload(jane).status(), "counting starts over, it does not stop");
        assertEquals(List.of("jane@example.com=BOUNCE"), world.suppressed());
    }

    @Test
    void aComplainerIsRefusedWithoutForceAndTheForceIsRecorded() throws Exception {
        LoopWorld world = LoopWorld.synced();
        Subscriber joe = world.subscriber("joe@example.com");
        world.bounce(joe, BounceType.COMPLAINT);
        assertEquals(List.of(), world.deliver());

        HttpResponse refused = world.call("POST", "/api/subscribers/" + joe.uuid() + "/reactivate", "", "{}");
        assertEquals(409, refused.status());
        assertTrue(world.json.readTree(refused.body()).path("message").asText().contains("complaint"), refused.body());
        assertEquals(SubscriberStatus.BLOCKLISTED, world.reload(joe).status(), "nothing changed");
        assertEquals(List.of("joe@example.com=COMPLAINT"), world.suppressed());

        HttpResponse forced = world.call("POST", "/api/subscribers/" + joe.uuid() + "/reactivate", "",
                "{\"force\": true}");
        assertEquals(200, forced.status(), forced.body());
        assertTrue(world.data(forced).path("forced").asBoolean());
        assertEquals(SubscriberStatus.ENABLED, world.reload(joe).status());
        ReactivationRecord recorded = world.services.history().reactivationsOf(joe.uuid()).get(0);
        assertTrue(recorded.forced(), "the force is kept in the reactivation record");
        assertTrue(recorded.finished());
        JsonNode event = world.json.readTree(world.sns.published().get(1).message());
        assertEquals("reactivate", event.path("action").asText());
        assertTrue(event.path("forced").asBoolean());
    }

    @Test
    void badRequestsChangeNothingAndARepeatIsHarmless() throws Exception {
        LoopWorld world = LoopWorld.synced();
        Subscriber jane = world.subscriber("jane@example.com");
        world.bounce(jane, BounceType.HARD);
        world.deliver();
        String path = "/api/subscribers/" + jane.uuid() + "/reactivate";

        assertEquals(400, world.call("POST", path, "", "{\"force\": \"yes\"}").status());
        assertEquals(400, world.call("POST", path, "", "{\"forse\": true}").status());
        assertEquals(400, world.call("POST", path, "", "[").status());
        assertEquals(404, world.call("POST", "/api/subscribers/" + UUID.randomUUID() + "/reactivate", "", "").status());
        assertEquals(SubscriberStatus.BLOCKLISTED, world.reload(jane).status());

        assertEquals(200, world.call("POST", path, "", "").status());
        HttpResponse again = world.call("POST", path, "", "");
        assertEquals(200, again.status());
        assertFalse(world.data(again).path("reactivated").asBoolean());
        assertEquals(1, world.services.history().reactivationsOf(jane.uuid()).size());
        assertEquals(List.of("blocklist", "reactivate"), world.published());
    }

    @Test
    void aFailedSuppressionRemovalIsFinishedByTheRepeatedRequest() throws Exception {
        LoopWorld world = LoopWorld.synced();
        Subscriber jane = world.subscriber("jane@example.com");
        world.bounce(jane, BounceType.HARD);
        world.deliver();
        String path = "/api/subscribers/" + jane.uuid() + "/reactivate";

        world.suppression.failNext(1);
        assertEquals(500, world.call("POST", path, "", "").status(), "SES unreachable: retrying can succeed");
        assertEquals(SubscriberStatus.ENABLED, world.reload(jane).status(), "the reactivation itself is durable");
        assertEquals(List.of("jane@example.com=BOUNCE"), world.suppressed());

        assertEquals(200, world.call("POST", path, "", "").status());
        assertEquals(List.of(), world.suppressed());
        assertEquals(List.of("blocklist", "reactivate"), world.published());
    }

    @Test
    void theBulkFormReactivatesTheOwnersOfMatchingBouncesAndSkipsComplainers() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-20T10:00:00Z"));
        AtomicLong step = new AtomicLong(0);
        LoopWorld world = new LoopWorld("{\"ses\": {\"suppression_sync\": true}}",
                () -> now.getAndUpdate(t -> t.plusSeconds(step.get())));
        Subscriber a = world.subscriber("a@example.com");
        Subscriber b = world.subscriber("b@example.com");
        Subscriber c = world.subscriber("c@example.com");
        Subscriber other = world.subscriber("other@example.com");
        for (Subscriber s : List.of(a, b)) {
            world.record(new BounceEvent(s.email(), null, CAMPAIGN, BounceType.HARD, "ses", null, null, "bulk-" + s.email()));
        }
        world.record(new BounceEvent(c.email(), null, CAMPAIGN, BounceType.COMPLAINT, "ses", null, null, "bulk-c"));
        world.bounce(other, BounceType.HARD);
        assertEquals(List.of(), world.deliver());

        assertEquals(400, world.call("POST", "/api/subscribers/reactivate", "", "").status(), "no filter");

        step.set(30);
        HttpResponse first = world.call("POST", "/api/subscribers/reactivate", "campaign_uuid=" + CAMPAIGN + "&per_page=1", "");
        JsonNode progress = world.data(first);
        int pages = 1;
        while (first.status() == 202) {
            first = world.call("POST", "/api/subscribers/reactivate", "campaign_uuid=" + CAMPAIGN + "&per_page=1&cursor="
                    + progress.path("next_cursor").asText(), "");
            JsonNode next = world.data(first);
            progress = world.json.createObjectNode()
                    .put("reactivated", progress.path("reactivated").asInt() + next.path("reactivated").asInt())
                    .put("refused_complaints", progress.path("refused_complaints").asInt()
                            + next.path("refused_complaints").asInt())
                    .put("next_cursor", next.path("next_cursor").asText());
            pages++;
        }
        assertEquals(200, first.status());
        assertTrue(pages >= 3, "one bounce per page, the time budget spent on each: " + pages);
        assertEquals(2, progress.path("reactivated").asInt());
        assertEquals(1, progress.path("refused_complaints").asInt());
        assertEquals(SubscriberStatus.ENABLED, world.reload(a).status());
        assertEquals(SubscriberStatus.ENABLED, world.reload(b).status());
        assertEquals(SubscriberStatus.BLOCKLISTED, world.reload(c).status());
        assertEquals(SubscriberStatus.BLOCKLISTED, world.reload(other).status(), "outside the filter");
        assertEquals(List.of("c@example.com=COMPLAINT", "other@example.com=BOUNCE"), world.suppressed());
    }
}
