package io.stmails.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stmails.domain.Bounce;
import io.stmails.domain.BounceSettings;
import io.stmails.domain.BounceType;
import io.stmails.domain.StatsCounters;
import io.stmails.domain.StatsCounters.Counter;
import io.stmails.metrics.BounceMetrics;
import io.stmails.store.BounceStore;
import io.stmails.store.StatsStore;
import io.stmails.store.SubscriberHistory;
import io.stmails.store.SubscriberStore;
import io.stmails.suppression.SuppressionList;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * How the stream step groups records for its counting transactions: a group's size is bounded by the items its
 * transaction holds (a receipt per record, one item per scope and day), not by how many counters they carry.
 */
class StreamCountingGroupsTest {
    private static final Instant AT = Instant.parse("2026-11-20T08:00:00Z");

    private final List<Group> applied = new ArrayList<>();
    private final StatsStore stats = new StatsStore() {
        @Override
        public Optional<String> countedThrough(String sequence) {
            return Optional.empty();
        }

        @Override
        public boolean apply(List<String> sequences, Map<Counter, Long> deltas) {
            applied.add(new Group(sequences, deltas));
            return true;
        }

        @Override
        public Map<String, Long> read(String scope) {
            throw new UnsupportedOperationException();
        }
    };
    /** Removals never reach the threshold step: any call to its stores fails the test. */
    private final ThresholdProcessor thresholds = new ThresholdProcessor(unused(SubscriberStore.class), unused(BounceStore.class),
            BounceSettings.defaults(), ActionPublisher.NONE, new SuppressionSync(SuppressionList.DISABLED,
                    unused(SubscriberHistory.class), unused(BounceStore.class), () -> AT), () -> AT, BounceMetrics.NONE);

    private record Group(List<String> sequences, Map<Counter, Long> deltas) {
    }

    @Test
    void twentyFiveRecordsOfDistinctCampaignsAreOneGroupThoughTheyCarryMoreThanAHundredCounters() {
        List<StreamChange> changes = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            changes.add(StreamChange.removed(Integer.toString(100 + i), bounce(i, "6f2b7c1e-2d3a-4b5c-9d8e-7f6a5b4c3d%02d".formatted(i))));
        }
        assertEquals(List.of(), new BounceStreamProcessor(thresholds, stats).process(changes));

        assertEquals(1, applied.size(), "one counting transaction");
        Group group = applied.get(0);
        assertEquals(25, group.sequences().size());
        assertEquals(128, group.deltas().size(), "28 in all (a reason each), four in each of 25 campaigns");
        assertEquals(26, StatsCounters.items(group.deltas().keySet()), "one day item per scope: with the receipts, 51 items");
        assertEquals(-25L, group.deltas().get(new Counter(StatsCounters.ALL, LocalDate.parse("2026-11-20"), "total")));
    }

    @Test
    void recordsOfOneScopeAndDayAddToOneItem() {
        List<StreamChange> changes = List.of(StreamChange.removed("1", bounce(0, null)), StreamChange.removed("2", bounce(1, null)));
        assertEquals(List.of(), new BounceStreamProcessor(thresholds, stats).process(changes));
        LocalDate day = LocalDate.parse("2026-11-20");
        assertEquals(List.of(new Group(List.of("1", "2"), Map.of(new Counter("all", day, "total"), -2L,
                new Counter("all", day, "type#hard"), -2L, new Counter("all", day, "source#ses"), -2L,
                new Counter("all", day, "reason#hard#reason 0"), -1L, new Counter("all", day, "reason#hard#reason 1"), -1L))),
                applied);
    }

    private static Bounce bounce(int n, String campaign) {
        return new Bounce("01JDAAAAAAAAAAAAAAAAAAAA%02d".formatted(n), "0b7d1c55-2d0c-4f8e-8a55-3f1e9b6c2a%02d".formatted(n),
                "user" + n + "@example.com", campaign, BounceType.HARD, "ses", "{}", AT, "k" + n, null, false,
                "reason " + n, null, null);
    }

    private static <T> T unused(Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            throw new AssertionError(type.getSimpleName() + "." + method.getName() + " was called");
        }));
    }
}
