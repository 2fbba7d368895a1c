package io.stmails.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThresholdEngineTest {
    private static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");

    @ParameterizedTest(name = "count {0} against threshold {1}: acts={2}")
    @CsvSource({"1,1,true", "1,2,false", "2,2,true", "3,2,true"})
    void actsWhenTheCountReachesTheThreshold(long count, int threshold, boolean acts) {
        ThresholdEngine engine = engine(BounceType.HARD, threshold, ThresholdAction.BLOCKLIST, true);
        ThresholdDecision decision = engine.decide(subscriber(SubscriberStatus.ENABLED), BounceType.HARD, count, NOW);
        assertEquals(acts, decision.changesSomething());
    }

    @Test
    void blocklistSetsStatusAndUnsubscribesEveryListByDefault() {
        ThresholdDecision decision = engine(BounceType.HARD, 1, ThresholdAction.BLOCKLIST, true)
                .decide(subscriber(SubscriberStatus.ENABLED), BounceType.HARD, 1, NOW);
        assertEquals(ThresholdDecision.Effect.UPDATE, decision.effect());
        assertEquals(SubscriberStatus.BLOCKLISTED, decision.updated().status());
        assertEquals(Map.of("1", SubscriptionStatus.UNSUBSCRIBED, "2", SubscriptionStatus.UNSUBSCRIBED),
                decision.updated().lists());
        assertEquals(NOW, decision.updated().updatedAt());
    }

    @Test
    void blocklistCanLeaveListsAloneAsListmonkDoes() {
        ThresholdDecision decision = engine(BounceType.HARD, 1, ThresholdAction.BLOCKLIST, false)
                .decide(subscriber(SubscriberStatus.ENABLED), BounceType.HARD, 1, NOW);
        assertEquals(SubscriberStatus.BLOCKLISTED, decision.updated().status());
        assertEquals(SubscriptionStatus.CONFIRMED, decision.updated().lists().get("1"));
    }

    @Test
    void blocklistingAnAlreadyBlocklistedSubscriberWithNoActiveListChangesNothing() {
        Subscriber blocklisted = subscriber(SubscriberStatus.BLOCKLISTED).withAllListsUnsubscribed(NOW);
        ThresholdDecision decision = engine(BounceType.HARD, 1, ThresholdAction.BLOCKLIST, true)
                .decide(blocklisted, BounceType.HARD, 5, NOW);
        assertFalse(decision.changesSomething());
    }

    @Test
    void unsubscribeUnsubscribesEveryListAndKeepsTheStatus() {
        ThresholdDecision decision = engine(BounceType.SOFT, 2, ThresholdAction.UNSUBSCRIBE, true)
                .decide(subscriber(SubscriberStatus.ENABLED), BounceType.SOFT, 2, NOW);
        assertEquals(SubscriberStatus.ENABLED, decision.updated().status());
        assertEquals(SubscriptionStatus.UNSUBSCRIBED, decision.updated().lists().get("2"));
    }

    @Test
    void unsubscribeWithNothingLeftToUnsubscribeChangesNothing() {
        Subscriber done = subscriber(SubscriberStatus.ENABLED).withAllListsUnsubscribed(NOW);
        assertFalse(engine(BounceType.SOFT, 1, ThresholdAction.UNSUBSCRIBE, true)
                .decide(done, BounceType.SOFT, 3, NOW).changesSomething());
    }

    @Test
    void deleteAppliesEvenToBlocklistedSubscribers() {
        ThresholdDecision decision = engine(BounceType.COMPLAINT, 1, ThresholdAction.DELETE, true)
                .decide(subscriber(SubscriberStatus.BLOCKLISTED), BounceType.COMPLAINT, 1, NOW);
        assertEquals(ThresholdDecision.Effect.DELETE, decision.effect());
        assertNull(decision.updated());
    }

    @Test
    void noneNeverChangesAnything() {
        assertFalse(engine(BounceType.SOFT, 1, ThresholdAction.NONE, true)
                .decide(subscriber(SubscriberStatus.ENABLED), BounceType.SOFT, 100, NOW).changesSomething());
    }

    @Test
    void typesHaveIndependentThresholds() {
        ThresholdEngine engine = new ThresholdEngine(BounceSettings.defaults());
        Subscriber subscriber = subscriber(SubscriberStatus.ENABLED);
        assertFalse(engine.decide(subscriber, BounceType.SOFT, 1, NOW).changesSomething());
        assertEquals(ThresholdAction.BLOCKLIST, engine.decide(subscriber, BounceType.HARD, 1, NOW).action());
        assertEquals(ThresholdAction.NONE, engine.decide(subscriber, BounceType.SOFT, 2, NOW).action());
    }

    @Test
    void threeSoftBouncesWithinThirtyDaysUnsubscribe() {
        ThresholdEngine engine = engine(new Threshold(3, ThresholdAction.UNSUBSCRIBE, Duration.ofDays(30), null, null), null);
        Subscriber subscriber = subscriber(SubscriberStatus.ENABLED);
        assertFalse(engine.decide(subscriber, BounceType.SOFT, daysAgo(40, 20, 0), NOW).changesSomething());
        ThresholdDecision third = engine.decide(subscriber, BounceType.SOFT, daysAgo(25, 20, 0), NOW);
        assertEquals(ThresholdDecision.Effect.UPDATE, third.effect());
        assertEquals(3, third.count());
    }

    @Test
    void aTypesOwnWindowWinsOverTheGlobalOneAndZeroMeansAllTime() {
        Duration global = Duration.ofDays(7);
        assertEquals(new CountingRule(Duration.ofDays(30), null),
                engine(new Threshold(2, ThresholdAction.NONE, Duration.ofDays(30), null, null), global)
                        .countingRule(BounceType.SOFT));
        assertEquals(new CountingRule(null, null),
                engine(new Threshold(2, ThresholdAction.NONE, Duration.ZERO, null, null), global).countingRule(BounceType.SOFT));
        assertEquals(new CountingRule(global, Duration.ofDays(5)),
                engine(new Threshold(2, ThresholdAction.NONE, null, Duration.ofDays(5), null), global).countingRule(BounceType.SOFT));
        assertEquals(new CountingRule(global, null), engine(new Threshold(2, ThresholdAction.NONE), global)
                .countingRule(BounceType.HARD));
    }

    @Test
    void afterAQuietGapTheCountStartsFromZero() {
        ThresholdEngine engine = engine(new Threshold(2, ThresholdAction.BLOCKLIST, null, Duration.ofDays(30), null), null);
        Subscriber subscriber = subscriber(SubscriberStatus.ENABLED);
        assertFalse(engine.decide(subscriber, BounceType.SOFT, daysAgo(45, 0), NOW).changesSomething());
        ThresholdDecision second = engine.decide(subscriber, BounceType.SOFT, daysAgo(45, 10, 0), NOW);
        assertEquals(ThresholdAction.BLOCKLIST, second.action());
        assertEquals(2, second.count());
    }

    private static List<Instant> daysAgo(long... days) {
        return Arrays.stream(days).mapToObj(d -> NOW.minus(Duration.ofDays(d))).toList();
    }

    private static ThresholdEngine engine(Threshold soft, Duration globalWindow) {
        Map<BounceType, Threshold> thresholds = new EnumMap<>(BounceSettings.defaultThresholds());
        thresholds.put(BounceType.SOFT, soft);
        return new ThresholdEngine(new BounceSettings(true, true, thresholds, UnknownSubscriberPolicy.CREATE,
                true, globalWindow, Set.of()));
    }

    private static ThresholdEngine engine(BounceType type, int count, ThresholdAction action, boolean unsubscribeLists) {
        Map<BounceType, Threshold> thresholds = new EnumMap<>(BounceSettings.defaultThresholds());
        thresholds.put(type, new Threshold(count, action));
        return new ThresholdEngine(new BounceSettings(true, true, thresholds, UnknownSubscriberPolicy.CREATE,
                unsubscribeLists, null, Set.of()));
    }

    private static Subscriber subscriber(SubscriberStatus status) {
        Map<String, SubscriptionStatus> lists = new LinkedHashMap<>();
        lists.put("1", SubscriptionStatus.CONFIRMED);
        lists.put("2", SubscriptionStatus.UNCONFIRMED);
        return new Subscriber("0b0c3f0e-9a47-4e38-8e43-0a1f3c1c2d11", "a@example.com", "a", status, lists,
                NOW.minusSeconds(3600), NOW.minusSeconds(3600), 1);
    }
}
