package io.stmails.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BlocklistRuleTest {
    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @ParameterizedTest(name = "{0} on list as {1}, unsubscribe lists {2} -> {3}")
    @CsvSource(nullValues = "unchanged", value = {
        "ENABLED,CONFIRMED,true,UNSUBSCRIBED",
        "ENABLED,CONFIRMED,false,CONFIRMED",
        "ENABLED,UNSUBSCRIBED,true,UNSUBSCRIBED",
        "BLOCKLISTED,CONFIRMED,true,UNSUBSCRIBED",
        "BLOCKLISTED,CONFIRMED,false,unchanged",
        "BLOCKLISTED,UNSUBSCRIBED,true,unchanged"})
    void blocklistsAndUnsubscribesWhenAskedOrChangesNothing(SubscriberStatus status, SubscriptionStatus list,
            boolean unsubscribeLists, SubscriptionStatus listAfter) {
        Subscriber subscriber = new Subscriber("0b0c3f0e-9a47-4e38-8e43-0a1f3c1c2d11", "a@example.com", "a", status,
                Map.of("3", list), NOW.minusSeconds(60), NOW.minusSeconds(60), 1);
        Optional<Subscriber> after = BlocklistRule.apply(subscriber, unsubscribeLists, NOW);
        assertEquals(Optional.ofNullable(listAfter), after.map(s -> s.lists().get("3")));
        after.ifPresent(s -> assertEquals(SubscriberStatus.BLOCKLISTED, s.status()));
    }
}
