package io.stmails.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.domain.StatsCounters;
import io.stmails.domain.Subscriber;
import io.stmails.http.HttpResponse;
import io.stmails.record.BounceRecorder;
import io.stmails.testing.DynamoDbLocal;
import io.stmails.testing.LoopWorld;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The erasure half of §5 of issue 14: {@code DELETE /api/subscribers/{uuid}?erase=true}. */
class ErasureIT {

    @Test
    void erasureLeavesNothingOfHerAnywhereAndTheCountersFollow() throws Exception {
        LoopWorld world = LoopWorld.synced();
        Subscriber jane = world.subscriber("jane@example.com");
        Subscriber joe = world.subscriber("joe@example.com");
        BounceEvent hard = new BounceEvent("jane@example.com", null, null, BounceType.HARD, "ses", null,
                "{\"diagnostic_code\": \"550 5.1.1 jane@example.com unknown\"}", "ses:feedback-1:jane@example.com");
        world.record(hard);
        world.bounce(joe, BounceType.SOFT);
        assertEquals(List.of(), world.deliver());
        assertEquals(200, world.call("POST", "/api/subscribers/" + jane.uuid() + "/reactivate", "", "").status());
        world.bounce(jane, BounceType.SOFT);
        world.bounce(jane, BounceType.HARD);
        assertEquals(List.of(), world.deliver());
        assertEquals(List.of("jane@example.com=BOUNCE"), world.suppressed(), "blocklisted again");
        assertEquals(4L, world.services.stats().read(StatsCounters.ALL).get(StatsCounters.TOTAL));

        HttpResponse response = world.call("DELETE", "/api/subscribers/" + jane.uuid(), "erase=true", "");
        assertEquals(200, response.status(), response.body());
        JsonNode removed = world.data(response).path("removed");
        assertEquals(1, removed.path("subscriber").asInt());
        assertEquals(3, removed.path("bounces").asInt());
        assertEquals(3, removed.path("action_records").asInt(), "two blocklists and the reactivation between them");
        assertEquals(1, removed.path("suppression_entries").asInt());

        assertEquals(List.of(), world.deliver(), "the bounces' removals reach the counters");
        assertEquals(1L, world.services.stats().read(StatsCounters.ALL).get(StatsCounters.TOTAL), "Joe's bounce only");
        for (String table : List.of(world.tables.bounces(), world.tables.subscribers(), world.tables.stats(),
                io.stmails.store.dynamodb.DynamoSuppressionList.tableName(world.tables))) {
            assertEquals(List.of(), itemsMentioning(table, "jane@example.com", jane.uuid()), table);
        }
        assertEquals(404, world.call("GET", "/api/subscribers/" + jane.uuid(), "", "").status());
        assertEquals(1, world.services.bounces().listBySubscriber(joe.uuid()).size(), "Joe is untouched");

        assertEquals(BounceRecorder.Outcome.SUBSCRIBER_NOT_FOUND, world.record(hard).outcome(),
                "an old event redelivered is still recognised, by its hash");
        assertTrue(world.services.subscribers().findByEmail("jane@example.com").isEmpty(), "and does not recreate her");
        assertEquals(404, world.call("DELETE", "/api/subscribers/" + jane.uuid(), "erase=true", "").status(),
                "nothing left to erase");
    }

    @Test
    void erasureWithoutSuppressionSyncStillRemovesEverythingElseAndBadInputIsRefused() throws Exception {
        LoopWorld world = new LoopWorld("{}");
        Subscriber jane = world.subscriber("jane@example.com");
        world.bounce(jane, BounceType.HARD);
        world.deliver();

        assertEquals(400, world.call("DELETE", "/api/subscribers/" + jane.uuid(), "erase=yes", "").status());
        assertEquals(404, world.call("DELETE", "/api/subscribers/not-a-uuid", "erase=true", "").status());
        assertFalse(world.services.subscribers().findByUuid(jane.uuid()).isEmpty(), "nothing changed");

        JsonNode removed = world.data(world.call("DELETE", "/api/subscribers/" + jane.uuid(), "erase=true", ""))
                .path("removed");
        assertEquals(1, removed.path("subscriber").asInt());
        assertEquals(1, removed.path("bounces").asInt());
        assertEquals(1, removed.path("action_records").asInt());
        assertEquals(0, removed.path("suppression_entries").asInt());
        assertEquals(List.of(), itemsMentioning(world.tables.subscribers(), "jane@example.com", jane.uuid()));
    }

    @Test
    void erasureFinishesWhatAnEarlierPlainDeleteLeft() throws Exception {
        LoopWorld world = LoopWorld.synced();
        Subscriber jane = world.subscriber("jane@example.com");
        world.bounce(jane, BounceType.HARD);
        world.deliver();
        assertEquals(200, world.call("DELETE", "/api/subscribers/" + jane.uuid(), "", "").status());
        assertEquals(List.of("jane@example.com=BOUNCE"), world.suppressed(), "a plain delete keeps the suppression");

        JsonNode removed = world.data(world.call("DELETE", "/api/subscribers/" + jane.uuid(), "erase=true", ""))
                .path("removed");
        assertEquals(0, removed.path("subscriber").asInt());
        assertEquals(2, removed.path("action_records").asInt(), "the blocklist and the delete");
        assertEquals(1, removed.path("suppression_entries").asInt());
        assertEquals(List.of(), world.suppressed());
        assertEquals(404, world.call("DELETE", "/api/subscribers/" + UUID.randomUUID(), "erase=true", "").status());
    }

    /** Every item of the table whose text holds the address or the uuid. */
    private static List<String> itemsMentioning(String table, String email, String uuid) {
        List<String> found = new ArrayList<>();
        DynamoDbLocal.client().scanPaginator(b -> b.tableName(table)).items().forEach(item -> {
            String text = item.toString();
            if (text.contains(email) || text.contains(uuid)) {
                found.add(text);
            }
        });
        return found;
    }
}
