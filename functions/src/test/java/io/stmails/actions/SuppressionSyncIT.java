package io.stmails.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.domain.Bounce;
import io.stmails.domain.BounceType;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.ses.SesEventMapper;
import io.stmails.store.ActionRecord;
import io.stmails.testing.LoopWorld;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** §1 of issue 14: decisions reach the (stand-in) suppression list exactly once, failures retry through the stream. */
class SuppressionSyncIT {

    @Test
    void aHardBounceBlocklistsAndPutsTheAddressOnTheListAsABounceOnce() throws Exception {
        LoopWorld world = LoopWorld.synced();
        Subscriber jane = world.subscriber("jane@example.com");
        world.bounce(jane, BounceType.HARD);
        DynamodbEvent batch = world.drain();
        assertEquals(List.of(), world.deliver(batch));

        assertEquals(SubscriberStatus.BLOCKLISTED, world.reload(jane).status());
        assertEquals(List.of("jane@example.com=BOUNCE"), world.suppressed());
        ActionRecord action = world.services.history().actionsOf(jane.uuid()).get(0);
        assertFalse(action.suppressionPending(), "the put is marked done");

        assertEquals(List.of(), world.deliver(batch), "the same batch again");
        assertEquals(List.of("put jane@example.com BOUNCE"), world.suppression.calls(), "one put per decision");
        assertEquals(List.of("blocklist"), world.published());
    }

    @Test
    void aComplaintIsPutAsAComplaintAndADeleteActionPutsTooBeforeTheSubscriberGoes() {
        LoopWorld world = new LoopWorld("{\"ses\": {\"suppression_sync\": true},"
                + " \"actions\": {\"hard\": {\"count\": 1, \"action\": \"delete\"}}}");
        Subscriber jane = world.subscriber("jane@example.com");
        Subscriber joe = world.subscriber("joe@example.com");
        world.bounce(jane, BounceType.COMPLAINT);
        world.bounce(joe, BounceType.HARD);
        assertEquals(List.of(), world.deliver());

        assertEquals(List.of("jane@example.com=COMPLAINT", "joe@example.com=BOUNCE"), world.suppressed());
        assertTrue(world.services.subscribers().findByUuid(joe.uuid()).isEmpty());
    }

    @Test
    void aFailedPutFailsOnlyItsRecordAndTheRetryPutsItWithoutActingTwice() throws Exception {
        LoopWorld world = LoopWorld.synced();
        Subscriber jane = world.subscriber("jane@example.com");
        Subscriber joe = world.subscriber("joe@example.com");
        world.bounce(jane, BounceType.HARD);
        world.bounce(joe, BounceType.HARD);
        DynamodbEvent batch = world.drain();
        String janesRecord = batch.getRecords().stream()
                .filter(r -> r.getDynamodb().getNewImage().containsKey("subscriber_uuid")
                        && jane.uuid().equals(r.getDynamodb().getNewImage().get("subscriber_uuid").getS()))
                .findFirst().orElseThrow().getDynamodb().getSequenceNumber();
        world.suppression.failNext(1);

        assertEquals(List.of(janesRecord), world.deliver(batch), "only Jane's record is reported");
        assertEquals(SubscriberStatus.BLOCKLISTED, world.reload(jane).status(), "the decision is durable");
        assertTrue(world.services.history().actionsOf(jane.uuid()).get(0).suppressionPending());
        assertEquals(List.of("joe@example.com=BOUNCE"), world.suppressed(), "Joe's record was not held up");

        assertEquals(List.of(), world.deliver(batch), "the retried batch");
        assertEquals(List.of("jane@example.com=BOUNCE", "joe@example.com=BOUNCE"), world.suppressed());
        assertEquals(List.of("put joe@example.com BOUNCE", "put jane@example.com BOUNCE"), world.suppression.calls(),
                "one put per decision, Joe's not repeated");
        assertEquals(1, world.services.history().actionsOf(jane.uuid()).size(), "applied once");
        assertEquals(List.of("blocklist", "blocklist"), world.published(), "announced once each");
    }

    @Test
    void withoutSuppressionSyncNothingReachesTheList() {
        LoopWorld world = new LoopWorld("{}");
        Subscriber jane = world.subscriber("jane@example.com");
        world.bounce(jane, BounceType.HARD);
        assertEquals(List.of(), world.deliver());
        assertEquals(SubscriberStatus.BLOCKLISTED, world.reload(jane).status());
        assertEquals(List.of(), world.suppressed());
        assertEquals(409, world.call("GET", "/api/suppressions", "", "").status());
    }

    @Test
    void theApiBlocklistPutsEveryAddressItBlocklistsAndFinishesAFailedPutWhenRepeated() throws Exception {
        LoopWorld world = new LoopWorld("{\"ses\": {\"suppression_sync\": true},"
                + " \"actions\": {\"hard\": {\"action\": \"none\"}, \"complaint\": {\"action\": \"none\"}}}");
        Subscriber jane = world.subscriber("jane@example.com");
        Subscriber joe = world.subscriber("joe@example.com");
        world.bounce(jane, BounceType.HARD);
        world.bounce(joe, BounceType.COMPLAINT);
        assertEquals(List.of(), world.deliver());
        assertEquals(List.of(), world.suppressed(), "action none decides nothing");

        world.suppression.failNext(1);
        assertEquals(500, world.call("PUT", "/api/bounces/blocklist", "", "").status());
        assertEquals(200, world.call("PUT", "/api/bounces/blocklist", "", "").status());

        assertEquals(List.of("jane@example.com=BOUNCE", "joe@example.com=COMPLAINT"), world.suppressed());
        assertEquals(SubscriberStatus.BLOCKLISTED, world.reload(jane).status());
        assertEquals(SubscriberStatus.BLOCKLISTED, world.reload(joe).status());
    }

    @Test
    void anApiDeleteOfABouncedSubscriberPutsHerAndOfAnyoneElseOnlyDeletes() throws Exception {
        LoopWorld world = new LoopWorld("{\"ses\": {\"suppression_sync\": true},"
                + " \"actions\": {\"complaint\": {\"action\": \"none\"}}}");
        Subscriber jane = world.subscriber("jane@example.com");
        Subscriber quiet = world.subscriber("quiet@example.com");
        world.bounce(jane, BounceType.COMPLAINT);
        assertEquals(List.of(), world.deliver());

        world.suppression.failNext(1);
        assertEquals(500, world.call("DELETE", "/api/subscribers/" + jane.uuid(), "", "").status());
        assertTrue(world.services.subscribers().findByUuid(jane.uuid()).isEmpty(), "the delete is durable");
        assertEquals(200, world.call("DELETE", "/api/subscribers/" + jane.uuid(), "", "").status(),
                "the repeat finishes the put");
        assertEquals(404, world.call("DELETE", "/api/subscribers/" + jane.uuid(), "", "").status());
        assertEquals(200, world.call("DELETE", "/api/subscribers/" + quiet.uuid(), "", "").status());

        assertEquals(List.of("jane@example.com=COMPLAINT"), world.suppressed());
        assertEquals(0, world.services.bounces().listBySubscriber(jane.uuid()).size());
        assertTrue(world.services.subscribers().findByUuid(quiet.uuid()).isEmpty());
    }

    @Test
    void anOnAccountSuppressionListBounceIsRecordedButTriggersNothing() throws Exception {
        LoopWorld world = LoopWorld.synced();
        Subscriber gone = world.subscriber("gone@example.org");
        JsonNode notification;
        try (InputStream in = getClass().getResourceAsStream("/events/ses/sns/suppressed-bounce.json")) {
            JsonNode sns = world.json.readTree(in);
            notification = world.json.readTree(sns.path("Records").get(0).path("Sns").path("Message").asText());
        }
        SesEventMapper.Mapping mapping = new SesEventMapper(null, world.json).map(notification, Instant.now());
        assertEquals(1, mapping.bounces().size());
        assertTrue(mapping.bounces().get(0).suppressed(), "marked when mapped");
        world.record(mapping.bounces().get(0));
        assertEquals(List.of(), world.deliver());

        List<Bounce> recorded = world.services.bounces().listBySubscriber(gone.uuid());
        assertEquals(1, recorded.size(), "recorded and listed");
        assertEquals(BounceType.HARD, recorded.get(0).type());
        assertTrue(recorded.get(0).suppressed());
        assertEquals(List.of(), world.services.bounces().countableTimes(gone.uuid(), BounceType.HARD, null, Instant.now()),
                "never counted");
        assertEquals(SubscriberStatus.ENABLED, world.reload(gone).status());
        assertEquals(List.of(), world.services.history().actionsOf(gone.uuid()));
        assertEquals(List.of(), world.suppression.calls());
        assertEquals(List.of(), world.published());
    }
}
