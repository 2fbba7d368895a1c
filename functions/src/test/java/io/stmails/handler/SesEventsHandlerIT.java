package io.stmails.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import io.stmails.domain.Bounce;
import io.stmails.domain.BounceType;
import io.stmails.store.StorageException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SesEventsHandlerIT {

    @Test
    void bouncesAndComplaintsAreRecordedOtherEventsIgnored() {
        SesWorld world = SesWorld.create();
        SesEventsHandler handler = new SesEventsHandler(world.services);
        handler.handleRequest(SesWorld.eventBridge("configuration-set-bounce"), null);
        handler.handleRequest(SesWorld.eventBridge("configuration-set-complaint"), null);
        handler.handleRequest(SesWorld.eventBridge("delivery"), null);
        Bounce bounce = world.bouncesOf("sam@example.com").get(0);
        assertEquals(BounceType.HARD, bounce.type());
        assertEquals(SesWorld.TAGGED_CAMPAIGN, bounce.campaignUuid());
        assertEquals(Instant.parse("2026-03-02T12:30:05.300Z"), bounce.createdAt());
        assertEquals(List.of(BounceType.COMPLAINT),
                world.bouncesOf("pat@example.com").stream().map(Bounce::type).toList());
        assertEquals(List.of(), world.bouncesOf("ok@example.com"));
    }

    @Test
    void redeliveryRecordsOnce() {
        SesWorld world = SesWorld.create();
        SesEventsHandler handler = new SesEventsHandler(world.services);
        handler.handleRequest(SesWorld.eventBridge("configuration-set-bounce"), null);
        handler.handleRequest(SesWorld.eventBridge("configuration-set-bounce"), null);
        assertEquals(1, world.bouncesOf("sam@example.com").size());
    }

    @Test
    void eventsFromAnotherSourceOrDisabledSesRecordNothing() {
        SesWorld world = SesWorld.create();
        ScheduledEvent foreign = SesWorld.eventBridge("configuration-set-bounce");
        foreign.setSource("my.app");
        new SesEventsHandler(world.services).handleRequest(foreign, null);
        assertEquals(0, world.storedItems());
        SesWorld disabled = SesWorld.create(settings -> SesWorld.ses(settings).put("enabled", false));
        new SesEventsHandler(disabled.services).handleRequest(SesWorld.eventBridge("configuration-set-bounce"), null);
        assertEquals(0, disabled.storedItems());
    }

    @Test
    void aStorageFailureFailsTheInvocationSoEventBridgeRetries() {
        SesWorld world = SesWorld.withBrokenStorage();
        assertThrows(StorageException.class, () -> new SesEventsHandler(world.services)
                .handleRequest(SesWorld.eventBridge("configuration-set-bounce"), null));
    }
}
