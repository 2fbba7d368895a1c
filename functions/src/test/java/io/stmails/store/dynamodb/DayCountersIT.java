package io.stmails.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.actions.ApiBlocklist;
import io.stmails.config.Settings;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.domain.StatsCounters;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.handler.BounceActionsHandler;
import io.stmails.record.BounceRecorder;
import io.stmails.testing.DynamoDbLocal;
import io.stmails.testing.StreamFixtures;
import io.stmails.testing.Subscribers;
import io.stmails.testing.TableStream;
import io.stmails.wiring.AwsClients;
import io.stmails.wiring.Components;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The statistics stored as one item per scope and UTC day, through the real stream step on DynamoDB Local:
 * what a day's bounces and actions add to, how removals take the right day down, and how a stream group and
 * an API action that add to the same day item at once both end up counted exactly once.
 */
class DayCountersIT {
    private static final String CAMPAIGN = "6f2b7c1e-2d3a-4b5c-9d8e-7f6a5b4c3d2e";
    private static final Instant NOW = Instant.parse("2026-11-20T18:00:00Z");
    private static final String SETTINGS = "{\"actions\": {\"hard\": {\"count\": 1, \"action\": \"blocklist\"},"
            + " \"soft\": {\"count\": 50, \"action\": \"blocklist\"}}}";

    private final Contender contender = new Contender();
    private final Tables tables = DynamoDbLocal.freshTables();
    private final Components services = Components.builder()
            .dynamo(new AwsClients(Region.US_EAST_1, StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")),
                    URI.create(DynamoDbLocal.endpoint()), List.of(contender)).dynamo())
            .tables(tables).settings(Settings.parse(SETTINGS, new ObjectMapper())).clock(() -> NOW).build();
    private final BounceActionsHandler handler = new BounceActionsHandler(services);
    private final TableStream stream = new TableStream(tables.bounces());

    @Test
    void twoBouncesOfOneDayAndScopeAreOneItemWithBothCountsAndTheActionBeside() {
        record("jane@example.com", BounceType.HARD, "2026-11-20T08:00:00Z", "Permanent/General");
        record("joe@example.com", BounceType.SOFT, "2026-11-20T09:30:00Z", "Transient/MailboxFull");
        assertEquals(List.of(), deliver(stream.drain()));

        Map<String, Map<String, AttributeValue>> all = items("all");
        assertEquals(List.of("D#2026-11-20"), List.copyOf(all.keySet()));
        assertEquals(Map.of("total", 2L, "type#hard", 1L, "type#soft", 1L, "source#ses", 2L,
                "reason#hard#Permanent/General", 1L, "reason#soft#Transient/MailboxFull", 1L, "action#blocklist", 1L),
                counts(all.get("D#2026-11-20")));
        Map<String, Map<String, AttributeValue>> campaign = items(StatsCounters.campaignScope(CAMPAIGN));
        assertEquals(List.of("D#2026-11-20"), List.copyOf(campaign.keySet()));
        assertEquals(Map.of("total", 2L, "type#hard", 1L, "type#soft", 1L, "source#ses", 2L,
                "reason#hard#Permanent/General", 1L, "reason#soft#Transient/MailboxFull", 1L),
                counts(campaign.get("D#2026-11-20")), "actions are counted overall only");
    }

    @Test
    void readingSumsTheDaysAndGivesEachItsViews() {
        record("jane@example.com", BounceType.HARD, "2026-11-19T23:59:59Z", "Permanent/General");
        record("joe@example.com", BounceType.HARD, "2026-11-20T00:00:00Z", "Permanent/General");
        record("ann@example.com", BounceType.SOFT, "2026-11-20T10:00:00Z", "Transient/MailboxFull");
        assertEquals(List.of(), deliver(stream.drain()));

        assertEquals(List.of("D#2026-11-19", "D#2026-11-20"), List.copyOf(items("all").keySet()));
        Map<String, Long> read = services.stats().read(StatsCounters.ALL);
        assertEquals(3L, read.get("total"));
        assertEquals(2L, read.get("type#hard"));
        assertEquals(3L, read.get("source#ses"));
        assertEquals(2L, read.get("reason#hard#Permanent/General"));
        assertEquals(1L, read.get("day#2026-11-19"));
        assertEquals(2L, read.get("day#2026-11-20"));
        assertEquals(1L, read.get("type_day#hard#2026-11-19"));
        assertEquals(1L, read.get("type_day#hard#2026-11-20"));
        assertEquals(1L, read.get("type_day#soft#2026-11-20"));
        assertEquals(2L, read.get("action#blocklist"), "both hard bounces blocklisted, on the day applied");
        assertEquals(2L, read.get("action_day#blocklist#2026-11-20"));
        assertNull(read.get("action_day#blocklist#2026-11-19"));
    }

    @Test
    void aRemovalTakesDownItsOwnDaysCountersOnly() {
        record("jane@example.com", BounceType.HARD, "2026-11-18T12:00:00Z", "Permanent/General");
        record("joe@example.com", BounceType.SOFT, "2026-11-19T12:00:00Z", "Transient/MailboxFull");
        assertEquals(List.of(), deliver(stream.drain()));

        Map<String, AttributeValue> janes = DynamoDbLocal.client().scan(b -> b.tableName(tables.bounces())).items().stream()
                .filter(item -> "jane@example.com".equals(item.get("email") == null ? null : item.get("email").s()))
                .findFirst().orElseThrow();
        DynamoDbLocal.client().deleteItem(b -> b.tableName(tables.bounces())
                .key(Map.of(Tables.PK, janes.get(Tables.PK), Tables.SK, janes.get(Tables.SK))));
        DynamodbEvent removal = stream.drain();
        assertEquals(1, removal.getRecords().size());
        assertEquals("REMOVE", removal.getRecords().get(0).getEventName());
        assertEquals(List.of(), deliver(removal));
        assertEquals(List.of(), deliver(removal), "a redelivered removal counts nothing again");

        for (String scope : List.of(StatsCounters.ALL, StatsCounters.campaignScope(CAMPAIGN))) {
            Map<String, Map<String, AttributeValue>> days = items(scope);
            Map<String, Long> removedDay = counts(days.get("D#2026-11-18"));
            assertEquals(0L, removedDay.get("total"), scope);
            assertEquals(0L, removedDay.get("type#hard"), scope);
            assertEquals(0L, removedDay.get("source#ses"), scope);
            assertEquals(0L, removedDay.get("reason#hard#Permanent/General"), scope);
            Map<String, Long> otherDay = counts(days.get("D#2026-11-19"));
            assertEquals(1L, otherDay.get("total"), scope);
            assertEquals(1L, otherDay.get("type#soft"), scope);
            assertEquals(1L, otherDay.get("reason#soft#Transient/MailboxFull"), scope);
        }
        Map<String, Long> read = services.stats().read(StatsCounters.ALL);
        assertEquals(1L, read.get("total"));
        assertEquals(0L, read.get("type#hard"));
        assertEquals(0L, read.get("day#2026-11-18"));
        assertEquals(1L, read.get("day#2026-11-19"));
        assertEquals(1L, read.get("action#blocklist"), "an action stays counted when its bounce goes");
    }

    @Test
    void aStreamGroupCancelledByAnApiActionOnItsDayItemIsCountedAgainAndBothCountOnce() {
        Subscriber bob = Subscribers.createEnabled(services.subscribers(), "bob@example.com");
        record("jane@example.com", BounceType.HARD, "2026-11-20T08:00:00Z", "Permanent/General");
        record("joe@example.com", BounceType.SOFT, "2026-11-20T09:00:00Z", "Transient/MailboxFull");
        DynamodbEvent batch = stream.drain();
        ApiBlocklist api = new ApiBlocklist(services.subscribers(), services.suppressionSync(), services.clock());
        // DynamoDB cancels one of two transactions on one item: here the group's, as the API's committed first.
        contender.beforeNext(Contender::counting, () -> assertTrue(api.blocklist(bob)));

        assertEquals(List.of(), deliver(batch), "the group's transaction is tried again");
        assertTrue(contender.done());
        Map<String, Long> read = services.stats().read(StatsCounters.ALL);
        assertEquals(2L, read.get("total"));
        assertEquals(2L, read.get("action#blocklist"), "jane's threshold blocklist and bob's by the API");
        assertEquals(List.of("D#2026-11-20"), List.copyOf(items("all").keySet()));

        // A record that keeps losing, try after try, is reported; Lambda delivers it again.
        Subscriber ann = Subscribers.createEnabled(services.subscribers(), "ann@example.com");
        assertTrue(api.blocklist(ann));
        record("carl@example.com", BounceType.HARD, "2026-11-20T10:00:00Z", "Permanent/General");
        DynamodbEvent single = stream.drain();
        contender.keepCancelling(Contender::counting);
        String sequence = single.getRecords().get(0).getDynamodb().getSequenceNumber();
        assertEquals(List.of(sequence), deliver(single));
        assertTrue(contender.cancelled() > 1, "tried more than once: " + contender.cancelled());
        contender.stop();
        assertEquals(List.of(), deliver(single));
        read = services.stats().read(StatsCounters.ALL);
        assertEquals(3L, read.get("total"));
        assertEquals(4L, read.get("action#blocklist"));
        assertEquals(4L, read.get("action_day#blocklist#2026-11-20"));
    }

    @Test
    void anApiActionCancelledByAStreamGroupOnItsDayItemIsTriedAgainAndBothCountOnce() {
        Subscriber bob = Subscribers.createEnabled(services.subscribers(), "bob@example.com");
        record("jane@example.com", BounceType.HARD, "2026-11-20T08:00:00Z", "Permanent/General");
        DynamodbEvent batch = stream.drain();
        // Here the group committed first and the API's transaction is the one cancelled.
        contender.beforeNext(Contender::applyingAnAction, () -> assertEquals(List.of(), deliver(batch)));

        ApiBlocklist api = new ApiBlocklist(services.subscribers(), services.suppressionSync(), services.clock());
        assertTrue(api.blocklist(bob));
        assertTrue(contender.done());
        assertEquals(SubscriberStatus.BLOCKLISTED, services.subscribers().findByUuid(bob.uuid()).orElseThrow().status());
        Map<String, Long> read = services.stats().read(StatsCounters.ALL);
        assertEquals(1L, read.get("total"));
        assertEquals(2L, read.get("action#blocklist"));
        assertEquals(List.of("D#2026-11-20"), List.copyOf(items("all").keySet()));
    }

    @Test
    void apiActionsAndStreamGroupsRacingForOneDayItemEachCountOnce() throws Exception {
        List<Subscriber> operatorsPicks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            operatorsPicks.add(Subscribers.createEnabled(services.subscribers(), "pick" + i + "@example.com"));
            record("bounced" + i + "@example.com", BounceType.HARD, "2026-11-20T08:00:0" + i + "Z", "Permanent/General");
        }
        List<DynamodbEvent.DynamodbStreamRecord> records = stream.drain().getRecords();
        ApiBlocklist api = new ApiBlocklist(services.subscribers(), services.suppressionSync(), services.clock());
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> operator = pool.submit(() -> operatorsPicks.forEach(subscriber -> assertTrue(api.blocklist(subscriber))));
            // Lambda's way: batches of two, resuming at the lowest reported record.
            int next = 0;
            for (int delivery = 0; next < records.size(); delivery++) {
                assertTrue(delivery < 100, "the stream step keeps losing");
                List<DynamodbEvent.DynamodbStreamRecord> batch = records.subList(next, Math.min(next + 2, records.size()));
                List<String> failed = deliver(StreamFixtures.event(batch));
                next += failed.isEmpty() ? batch.size()
                        : batch.stream().map(r -> r.getDynamodb().getSequenceNumber()).toList().indexOf(failed.get(0));
            }
            operator.get();
        } finally {
            pool.shutdownNow();
        }
        Map<String, Long> read = services.stats().read(StatsCounters.ALL);
        assertEquals(6L, read.get("total"));
        assertEquals(12L, read.get("action#blocklist"), "six by threshold, six by the operator");
        assertEquals(List.of("D#2026-11-20"), List.copyOf(items("all").keySet()));
    }

    private void record(String email, BounceType type, String at, String reason) {
        Subscriber subscriber = Subscribers.createEnabled(services.subscribers(), email);
        BounceEvent event = new BounceEvent(subscriber.email(), null, CAMPAIGN, type, "ses", Instant.parse(at), "{}",
                "test-" + UUID.randomUUID()).classified(reason, "{}");
        assertEquals(BounceRecorder.Outcome.RECORDED, services.recorder().record(event).outcome());
    }

    private List<String> deliver(DynamodbEvent event) {
        return handler.handleRequest(event, null).getBatchItemFailures().stream()
                .map(failure -> failure.getItemIdentifier()).toList();
    }

    /** A scope's stored items, by sort key in order. */
    private Map<String, Map<String, AttributeValue>> items(String scope) {
        return DynamoDbLocal.client().query(b -> b.tableName(tables.stats()).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("STATS#" + scope)))).items().stream()
                .collect(Collectors.toMap(item -> item.get(Tables.SK).s(), item -> item, (a, b) -> a, java.util.TreeMap::new));
    }

    private static Map<String, Long> counts(Map<String, AttributeValue> item) {
        return item.entrySet().stream().filter(e -> !e.getKey().equals(Tables.PK) && !e.getKey().equals(Tables.SK))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> Long.parseLong(e.getValue().n())));
    }

    /**
     * Makes the next transaction that matches lose a conflict, as DynamoDB makes one of two concurrent transactions
     * on one item lose: the other one runs and commits first, then the matching one is cancelled with
     * {@code TransactionConflict} and nothing of it is written.
     */
    private static final class Contender implements ExecutionInterceptor {
        private volatile Predicate<TransactWriteItemsRequest> target;
        private volatile Runnable competitor;
        private volatile boolean everyTime;
        private final AtomicInteger cancelled = new AtomicInteger();

        void beforeNext(Predicate<TransactWriteItemsRequest> target, Runnable competitor) {
            this.competitor = competitor;
            this.everyTime = false;
            this.target = target;
        }

        /** Every matching transaction loses (to competitors unseen) until {@link #stop}. */
        void keepCancelling(Predicate<TransactWriteItemsRequest> target) {
            this.competitor = () -> { };
            this.everyTime = true;
            this.target = target;
        }

        void stop() {
            target = null;
        }

        boolean done() {
            return target == null;
        }

        int cancelled() {
            return cancelled.get();
        }

        /** The stream step's counting transaction: receipts and day items. */
        static boolean counting(TransactWriteItemsRequest request) {
            return request.transactItems().stream().anyMatch(item -> item.put() != null
                    && item.put().item().get(Tables.PK).s().startsWith("RECEIPT#"));
        }

        /** A transaction that writes a subscriber's action record. */
        static boolean applyingAnAction(TransactWriteItemsRequest request) {
            return request.transactItems().stream().anyMatch(item -> item.put() != null
                    && item.put().item().get(Tables.PK).s().startsWith("A#"));
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            Predicate<TransactWriteItemsRequest> matching = target;
            if (matching == null || !(context.request() instanceof TransactWriteItemsRequest request) || !matching.test(request)) {
                return;
            }
            if (!everyTime) {
                target = null;
            }
            cancelled.incrementAndGet();
            competitor.run();
            List<CancellationReason> reasons = request.transactItems().stream()
                    .map(item -> CancellationReason.builder().code(isDayItem(item) ? "TransactionConflict" : "None").build())
                    .toList();
            assertTrue(reasons.stream().anyMatch(r -> r.code().equals("TransactionConflict")), "the transaction adds to a day item");
            throw TransactionCanceledException.builder().cancellationReasons(reasons)
                    .message("Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]")
                    .build();
        }

        private static boolean isDayItem(TransactWriteItem item) {
            return item.update() != null && item.update().key().get(Tables.SK).s().startsWith("D#");
        }
    }
}
