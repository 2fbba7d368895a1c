package io.stmails.store.dynamodb;

import static io.stmails.store.dynamodb.BounceItems.s;

import io.stmails.domain.Bounce;
import io.stmails.domain.BounceType;
import io.stmails.store.BouncePage;
import io.stmails.store.BounceQuery;
import io.stmails.store.BounceStore;
import io.stmails.store.StorageException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Bounces in the bounces table, keyed {@code pk = S#<subscriber uuid>}, {@code sk = B#<type>#<created_at>#<id>}:
 * one subscriber's bounces share a partition, so the stream delivers them in order and a threshold count
 * is one strongly consistent range query per type. A bounce is written in one transaction with its
 * dedupe marker ({@code pk = D#<sha-256 of the key>}, {@code attribute_not_exists}), its evidence item
 * ({@code sk = E#<id>}) and a check that the subscriber still exists. Listings go through the
 * write-sharded indexes ({@link BounceListing}); the README's "DynamoDB key design" has the detail.
 */
public final class DynamoBounceStore implements BounceStore {
    /** Longer than any provider's redelivery horizon (SNS retries for 23 days). */
    static final Duration DEDUPE_RETENTION = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final Tables tables;
    private final Supplier<Instant> clock;
    private final BounceListing listing;

    public DynamoBounceStore(DynamoDbClient dynamo, Tables tables, Supplier<Instant> clock) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.clock = clock;
        this.listing = new BounceListing(dynamo, tables.bounces());
    }

    @Override
    public InsertResult insert(Bounce bounce) {
        Map<String, AttributeValue> marker = Map.of(
                Tables.PK, s(BounceItems.dedupePartitionKey(bounce.dedupeKey())),
                Tables.SK, s("D"),
                "dedupe_key", s(bounce.dedupeKey()),
                "bounce_id", s(bounce.id()),
                Tables.TTL, AttributeValue.fromN(Long.toString(clock.get().plus(DEDUPE_RETENTION).getEpochSecond())));
        List<TransactWriteItem> writes = new ArrayList<>(List.of(
                TransactWriteItem.builder().put(Put.builder()
                        .tableName(tables.bounces())
                        .item(marker)
                        .conditionExpression("attribute_not_exists(pk)")
                        .build()).build(),
                TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
                        .tableName(tables.subscribers())
                        .key(Map.of(Tables.PK, s(SubscriberItems.partitionKey(bounce.subscriberUuid()))))
                        .conditionExpression("attribute_exists(pk)")
                        .build()).build(),
                TransactWriteItem.builder().put(Put.builder()
                        .tableName(tables.bounces())
                        .item(BounceItems.toItem(bounce))
                        .conditionExpression("attribute_not_exists(pk)")
                        .build()).build()));
        if (bounce.evidence() != null) {
            writes.add(TransactWriteItem.builder().put(Put.builder()
                    .tableName(tables.bounces())
                    .item(EvidenceItems.toItem(bounce))
                    .build()).build());
        }
        TransactWriteItemsRequest request = TransactWriteItemsRequest.builder().transactItems(writes).build();
        try {
            dynamo.transactWriteItems(request);
            return InsertResult.INSERTED;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.cancellationReasons();
            if (failedCondition(reasons, 0)) {
                return InsertResult.DUPLICATE;
            }
            if (failedCondition(reasons, 1)) {
                return InsertResult.SUBSCRIBER_GONE;
            }
            throw new StorageException("bounce write cancelled: " + reasons, e);
        } catch (SdkException e) {
            throw new StorageException("bounce write failed", e);
        }
    }

    @Override
    public boolean isRecorded(String dedupeKey) {
        try {
            Map<String, AttributeValue> marker = dynamo.getItem(b -> b.tableName(tables.bounces()).consistentRead(true)
                    .key(Map.of(Tables.PK, s(BounceItems.dedupePartitionKey(dedupeKey)), Tables.SK, s("D")))).item();
            return marker != null && !marker.isEmpty();
        } catch (SdkException e) {
            throw new StorageException("dedupe marker read failed", e);
        }
    }

    static boolean failedCondition(List<CancellationReason> reasons, int index) {
        return reasons != null && reasons.size() > index
                && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    @Override
    public List<Instant> countableTimes(String subscriberUuid, BounceType type, Instant since, Instant now) {
        String prefix = BounceItems.typePrefix(type);
        // '~' sorts after every digit, so the range ends after the newest timestamp of this type.
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(tables.bounces())
                .consistentRead(true)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                // Cleared and suppressed bounces stay listed but never count; expired ones wait for TTL.
                .filterExpression("(attribute_not_exists(#expires) OR #expires > :now)"
                        + " AND attribute_not_exists(#cleared) AND attribute_not_exists(#suppressed)")
                .projectionExpression("created_at")
                .expressionAttributeNames(Map.of("#expires", Tables.TTL, "#cleared", BounceItems.CLEARED_AT,
                        "#suppressed", BounceItems.SUPPRESSED))
                .expressionAttributeValues(Map.of(
                        ":pk", s(BounceItems.partitionKey(subscriberUuid)),
                        ":from", s(since == null ? prefix : prefix + Timestamps.format(since)),
                        ":to", s(prefix + "~"),
                        ":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))));
        try {
            List<Instant> times = new ArrayList<>();
            Map<String, AttributeValue> start = null;
            do {
                QueryResponse page = dynamo.query(query.exclusiveStartKey(start).build());
                page.items().forEach(item -> times.add(Timestamps.parse(item.get("created_at").s())));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
            return times;
        } catch (SdkException e) {
            throw new StorageException("bounce count failed", e);
        }
    }

    @Override
    public Map<BounceType, Long> countsByType(String subscriberUuid) {
        Map<BounceType, Long> counts = new EnumMap<>(BounceType.class);
        for (BounceType type : BounceType.values()) {
            counts.put(type, 0L);
        }
        for (Bounce bounce : listBySubscriber(subscriberUuid)) {
            counts.merge(bounce.type(), 1L, Long::sum);
        }
        return counts;
    }

    @Override
    public List<Bounce> listBySubscriber(String subscriberUuid) {
        List<Bounce> bounces = new ArrayList<>();
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(tables.bounces())
                .consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(BounceItems.partitionKey(subscriberUuid)), ":prefix", s("B#")));
        try {
            Map<String, AttributeValue> start = null;
            do {
                QueryResponse page = dynamo.query(query.exclusiveStartKey(start).build());
                page.items().forEach(item -> bounces.add(BounceItems.fromItem(item)));
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        } catch (SdkException e) {
            throw new StorageException("bounce query failed", e);
        }
        bounces.sort(Comparator.comparing(Bounce::createdAt).thenComparing(Bounce::id).reversed());
        return bounces;
    }

    @Override
    public int deleteAllOfSubscriber(String subscriberUuid) {
        List<Bounce> bounces = listBySubscriber(subscriberUuid);
        bounces.forEach(this::delete);
        return bounces.size();
    }

    @Override
    public int clearAll(String subscriberUuid, Instant clearedAt) {
        int cleared = 0;
        for (Bounce bounce : listBySubscriber(subscriberUuid)) {
            if (bounce.clearedAt() != null) {
                continue;
            }
            try {
                dynamo.updateItem(b -> b.tableName(tables.bounces()).key(BounceItems.keyOf(bounce))
                        .updateExpression("SET #cleared = :at")
                        .conditionExpression("attribute_exists(pk) AND attribute_not_exists(#cleared)")
                        .expressionAttributeNames(Map.of("#cleared", BounceItems.CLEARED_AT))
                        .expressionAttributeValues(Map.of(":at", s(Timestamps.format(clearedAt)))));
                cleared++;
            } catch (ConditionalCheckFailedException goneOrClearedMeanwhile) {
                // Deleted or cleared by someone else since it was listed: nothing left to clear.
            } catch (SdkException e) {
                throw new StorageException("clearing bounce " + bounce.id() + " failed", e);
            }
        }
        return cleared;
    }

    @Override
    public void forgetDedupeKeys(List<Bounce> bounces) {
        for (Bounce bounce : bounces) {
            try {
                dynamo.updateItem(b -> b.tableName(tables.bounces())
                        .key(Map.of(Tables.PK, s(BounceItems.dedupePartitionKey(bounce.dedupeKey())), Tables.SK, s("D")))
                        .updateExpression("REMOVE dedupe_key, bounce_id")
                        .conditionExpression("attribute_exists(pk)"));
            } catch (ConditionalCheckFailedException expired) {
                // The marker's TTL removed it already.
            } catch (SdkException e) {
                throw new StorageException("scrubbing a dedupe marker failed", e);
            }
        }
    }

    /** The evidence first: an interrupted deletion leaves the bounce to delete again, never orphaned evidence. */
    @Override
    public void delete(Bounce bounce) {
        try {
            dynamo.deleteItem(b -> b.tableName(tables.bounces()).key(EvidenceItems.keyOf(bounce)));
            dynamo.deleteItem(b -> b.tableName(tables.bounces()).key(BounceItems.keyOf(bounce)));
        } catch (SdkException e) {
            throw new StorageException("bounce delete failed", e);
        }
    }

    @Override
    public Optional<Bounce> findById(String id) {
        try {
            QueryResponse response = dynamo.query(b -> b.tableName(tables.bounces()).indexName(Tables.BY_ID)
                    .keyConditionExpression("id = :id").expressionAttributeValues(Map.of(":id", s(id))));
            Optional<Bounce> bounce = response.items().stream().filter(BounceItems::isBounce).findFirst()
                    .map(BounceItems::fromItem);
            if (bounce.isEmpty()) {
                return bounce;
            }
            Map<String, AttributeValue> evidence = dynamo.getItem(b -> b.tableName(tables.bounces())
                    .key(EvidenceItems.keyOf(bounce.get()))).item();
            return evidence == null || evidence.isEmpty() ? bounce
                    : bounce.map(found -> found.withEvidence(evidence.get(EvidenceItems.ATTRIBUTE).s()));
        } catch (SdkException e) {
            throw new StorageException("bounce lookup failed", e);
        }
    }

    @Override
    public BouncePage query(BounceQuery query) {
        return listing.page(query);
    }

    @Override
    public long count(BounceQuery query) {
        return listing.count(query);
    }
}
