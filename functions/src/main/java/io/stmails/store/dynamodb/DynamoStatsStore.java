package io.stmails.store.dynamodb;

import static io.stmails.store.dynamodb.BounceItems.s;

import io.stmails.domain.OptimisticRetry;
import io.stmails.domain.StatsCounters;
import io.stmails.domain.StatsCounters.Counter;
import io.stmails.domain.StatsCounters.ScopeDay;
import io.stmails.store.StatsStore;
import io.stmails.store.StorageException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Counters in the stats table, one item per scope and UTC day: {@code pk = STATS#all} or
 * {@code STATS#campaign#<uuid>}, {@code sk = D#<yyyy-mm-dd>}, one number attribute per counter of that day
 * ({@code total}, {@code type#hard}, {@code source#ses}, {@code reason#hard#...}, {@code action#blocklist}), so
 * a group of stream records adds to about one item per scope it touches, and one scope's statistics are one
 * query. Each group is counted in one transaction with a receipt per record
 * ({@code pk = RECEIPT#<sequence number>}, {@code attribute_not_exists}, expiring after 2 days), which
 * makes a redelivered record count once. Applied actions are counted on the same day items, by the
 * subscriber stores, in the transaction that writes the action's record. All-time counts are summed from the
 * days when read. The README's "DynamoDB key design" has the detail.
 */
public final class DynamoStatsStore implements StatsStore {
    /** Longer than a stream record can live (24 hours), so any redelivery still finds its receipt. */
    static final Duration RECEIPT_RETENTION = Duration.ofDays(2);
    static final String DAY_PREFIX = "D#";

    private final DynamoDbClient dynamo;
    private final String table;
    private final Supplier<Instant> clock;
    private final OptimisticRetry retry = OptimisticRetry.standard();

    public DynamoStatsStore(DynamoDbClient dynamo, Tables tables, Supplier<Instant> clock) {
        this.dynamo = dynamo;
        this.table = tables.stats();
        this.clock = clock;
    }

    @Override
    public Optional<String> countedThrough(String sequence) {
        try {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                    .key(receiptKey(sequence))).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("last_sequence").s());
        } catch (SdkException e) {
            throw new StorageException("reading a stats receipt failed", e);
        }
    }

    @Override
    public boolean apply(List<String> sequences, Map<Counter, Long> deltas) {
        if (sequences.isEmpty() || sequences.size() + StatsCounters.items(deltas.keySet()) > MAX_ITEMS_PER_GROUP) {
            throw new IllegalArgumentException("a group has 1 to " + MAX_ITEMS_PER_GROUP + " receipts and counter items");
        }
        String last = sequences.get(sequences.size() - 1);
        AttributeValue expires = AttributeValue.fromN(Long.toString(clock.get().plus(RECEIPT_RETENTION).getEpochSecond()));
        List<TransactWriteItem> items = new ArrayList<>();
        for (String sequence : sequences) {
            Map<String, AttributeValue> receipt = new HashMap<>(receiptKey(sequence));
            receipt.put("last_sequence", s(last));
            receipt.put(Tables.TTL, expires);
            items.add(TransactWriteItem.builder().put(Put.builder().tableName(table).item(receipt)
                    .conditionExpression("attribute_not_exists(pk)").build()).build());
        }
        items.addAll(adding(table, deltas));
        return retry.run("counting stream records " + sequences.get(0) + " to " + last,
                () -> transact(items, sequences.size()));
    }

    /**
     * One try of a counting transaction: true when written, false when a receipt existed; empty when it lost a
     * conflict on a day item (every stream group and API action of a day adds to its {@code STATS#all} item), so that
     * it is tried again here rather than by a redelivery of everything from the record on.
     */
    private Optional<Boolean> transact(List<TransactWriteItem> items, int receipts) {
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
            return Optional.of(true);
        } catch (TransactionCanceledException e) {
            for (int i = 0; i < receipts; i++) {
                if (DynamoBounceStore.failedCondition(e.cancellationReasons(), i)) {
                    return Optional.of(false);
                }
            }
            if (e.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code()))) {
                return Optional.empty();
            }
            throw new StorageException("counter update cancelled: " + e.cancellationReasons(), e);
        } catch (SdkException e) {
            throw new StorageException("counter update failed", e);
        }
    }

    /**
     * The transaction items that add the deltas, for a transaction that counts what it writes: one {@code ADD} of
     * all of a day item's counters per scope and day.
     */
    static List<TransactWriteItem> adding(String table, Map<Counter, Long> deltas) {
        Map<ScopeDay, Map<String, Long>> byItem = new TreeMap<>(Comparator.comparing(ScopeDay::scope)
                .thenComparing(ScopeDay::day));
        deltas.forEach((counter, delta) -> byItem.computeIfAbsent(counter.item(), item -> new TreeMap<>())
                .merge(counter.name(), delta, Long::sum));
        List<TransactWriteItem> items = new ArrayList<>(byItem.size());
        byItem.forEach((item, named) -> {
            Map<String, String> names = new HashMap<>();
            Map<String, AttributeValue> values = new HashMap<>();
            StringJoiner additions = new StringJoiner(", ", "ADD ", "");
            named.forEach((name, delta) -> {
                String ref = Integer.toString(names.size());
                names.put("#c" + ref, name);
                values.put(":c" + ref, AttributeValue.fromN(Long.toString(delta)));
                additions.add("#c" + ref + " :c" + ref);
            });
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(table)
                    .key(Map.of(Tables.PK, s("STATS#" + item.scope()), Tables.SK, s(DAY_PREFIX + item.day())))
                    .updateExpression(additions.toString())
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .build()).build());
        });
        return items;
    }

    /** The transaction items that add 1 to each counter: an action's, in the transaction that writes its record. */
    static List<TransactWriteItem> addingOne(String table, List<Counter> counters) {
        Map<Counter, Long> deltas = new HashMap<>();
        counters.forEach(counter -> deltas.merge(counter, 1L, Long::sum));
        return adding(table, deltas);
    }

    private static Map<String, AttributeValue> receiptKey(String sequence) {
        return Map.of(Tables.PK, s("RECEIPT#" + sequence), Tables.SK, s("R"));
    }

    @Override
    public Map<String, Long> read(String scope) {
        Map<LocalDate, Map<String, Long>> days = new HashMap<>();
        try {
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse page = dynamo.query(b -> b.tableName(table)
                        .keyConditionExpression("pk = :pk AND begins_with(sk, :day)")
                        .expressionAttributeValues(Map.of(":pk", s("STATS#" + scope), ":day", s(DAY_PREFIX)))
                        .exclusiveStartKey(from));
                page.items().forEach(item -> days.put(LocalDate.parse(item.get(Tables.SK).s().substring(DAY_PREFIX.length())),
                        counters(item)));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        } catch (SdkException e) {
            throw new StorageException("reading counters failed", e);
        }
        return StatsCounters.read(days);
    }

    /** A day item's counters: every number attribute but the keys. */
    private static Map<String, Long> counters(Map<String, AttributeValue> item) {
        Map<String, Long> named = new HashMap<>();
        item.forEach((name, value) -> {
            if (!name.equals(Tables.PK) && !name.equals(Tables.SK) && value.n() != null) {
                named.put(name, Long.parseLong(value.n()));
            }
        });
        return named;
    }
}
