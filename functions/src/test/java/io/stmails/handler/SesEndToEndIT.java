package io.stmails.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.stmails.domain.Bounce;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.domain.ThresholdAction;
import io.stmails.testing.DynamoDbLocal;
import io.stmails.testing.StreamFixtures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A real SES bounce published through SNS, whichever path delivers it, ends in one record and the threshold action. */
class SesEndToEndIT {

    @Test
    void theSameSesEventOnEveryPathIsOneRecordPerRecipient() {
        SesWorld world = SesWorld.create();
        new SesNotificationsHandler(world.services).handleRequest(SesWorld.sns("configuration-set-bounce"), null);
        assertEquals(200, new WebhookSesHandler(world.services)
                .handleRequest(SesWorld.https("configuration-set-bounce"), null).getStatusCode());
        new SesEventsHandler(world.services).handleRequest(SesWorld.eventBridge("configuration-set-bounce"), null);
        new SesNotificationsHandler(world.services).handleRequest(SesWorld.sns("configuration-set-bounce"), null);
        assertEquals(1, world.bouncesOf("sam@example.com").size());

        new SesNotificationsHandler(world.services).handleRequest(SesWorld.sns("several-recipients"), null);
        new WebhookSesHandler(world.services).handleRequest(SesWorld.https("several-recipients"), null);
        assertEquals(1, world.bouncesOf("alice@example.com").size());
        assertEquals(1, world.bouncesOf("carol@example.com").size());
    }

    @Test
    void aHardBounceThroughSnsBlocklistsTheSubscriberThroughBounceActions() {
        SesWorld world = SesWorld.create();
        world.subscribe(SesWorld.JANE, "jane.doe@example.com");
        new SesNotificationsHandler(world.services).handleRequest(SesWorld.sns("permanent-bounce"), null);
        new SesNotificationsHandler(world.services).handleRequest(SesWorld.sns("permanent-bounce"), null);

        StreamsEventResponse response = new BounceActionsHandler(world.services)
                .handleRequest(StreamFixtures.insertsOfAllBounces(DynamoDbLocal.client(), world.tables.bounces()), null);
        assertEquals(List.of(), response.getBatchItemFailures());
        Subscriber jane = world.services.subscribers().findByUuid(SesWorld.JANE).orElseThrow();
        assertEquals(SubscriberStatus.BLOCKLISTED, jane.status());
        assertEquals(Map.of("1", SubscriptionStatus.UNSUBSCRIBED), jane.lists());
        List<Bounce> bounces = world.bouncesOf("jane.doe@example.com");
        assertEquals(1, bounces.size());
        assertEquals(ThresholdAction.BLOCKLIST,
                world.services.subscribers().findAction(bounces.get(0).id()).orElseThrow().action());
    }
}
