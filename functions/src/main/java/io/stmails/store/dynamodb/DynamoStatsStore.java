package io.stmails.store.dynamodb;

import static io.stmails.store.dynamodb.BounceItems.s;

import io.stmails.domain.ActionCounters;
import io.stmails.domain.StatsCounters.Counter;
import io.stmails.store.StatsStore;
import io.stmails.store.StorageException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Counters in the stats table: {@code pk = STATS#all} or {@code STATS#campaign#<uuid>}, {@code sk = <dimension>}
 * ({@code total}, {@code type#...}, {@code day#...}, ...), so one scope's statistics are one query. Each
 * group of stream records is counted in one transaction with a receipt per record
 * ({@code pk = RECEIPT#<sequence number>}, {@code attribute_not_exists}, expiring after 2 days), which
 * makes a redelivered record count once. Applied actions are counted here too ({@code action_day#...}), by
 * the subscriber stores, in the transaction that writes the action's record; their all-time counts are
 * summed from the days when read. The README's "DynamoDB key
 * design" has the detail.
 */
public final class DynamoStatsStore implements StatsStore {
    /** Longer than a stream record can live (24 hours), so any redelivery still finds its receipt. */
    static final Duration RECEIPT_RETENTION = Duration.ofDays(2);

    private final DynamoDbClient dynamo;
    private final String table;
    private final Supplier<Instant> clock;

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
        if (sequences.isEmpty() || sequences.size() + deltas.size() > MAX_ITEMS_PER_GROUP) {
            throw new IllegalArgumentException("a group has 1 to " + MAX_ITEMS_PER_GROUP + " receipts and counters");
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
        deltas.forEach((counter, delta) -> items.add(increment(table, counter, delta)));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
            return true;
        } catch (TransactionCanceledException e) {
            for (int i = 0; i < sequences.size(); i++) {
                if (DynamoBounceStore.failedCondition(e.cancellationReasons(), i)) {
                    return false;
                }
            }
            throw new StorageException("counter update cancelled: " + e.cancellationReasons(), e);
        } catch (SdkException e) {
            throw new StorageException("counter update failed", e);
        }
    }

    /** A transaction item that adds {@code delta} to one counter, for a transaction that counts what it writes. */
    static TransactWriteItem increment(String table, Counter counter, long delta) {
        return TransactWriteItem.builder().update(Update.builder().tableName(table)
                .key(Map.of(Tables.PK, s("STATS#" + counter.scope()), Tables.SK, s(counter.dimension())))
                .updateExpression("ADD #c :d")
                .expressionAttributeNames(Map.of("#c", "count"))
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromN(Long.toString(delta))))
                .build()).build();
    }

    private static Map<String, AttributeValue> receiptKey(String sequence) {
        return Map.of(Tables.PK, s("RECEIPT#" + sequence), Tables.SK, s("R"));
    }

    @Override
    public Map<String, Long> read(String scope) {
        Map<String, Long> counters = new HashMap<>();
        try {
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse page = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s("STATS#" + scope))).exclusiveStartKey(from));
                page.items().forEach(item -> counters.put(item.get(Tables.SK).s(), Long.parseLong(item.get("count").n())));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        } catch (SdkException e) {
            throw new StorageException("reading counters failed", e);
        }
        return ActionCounters.withTotals(counters);
    }
}
