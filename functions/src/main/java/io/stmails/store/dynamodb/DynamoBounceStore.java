package io.stmails.store.dynamodb;

import static io.stmails.store.dynamodb.BounceItems.s;

import io.stmails.domain.Bounce;
import io.stmails.domain.BounceIds;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Bounces in the bounces table, keyed {@code pk = S#<subscriber uuid>}, {@code sk = B#<hash of the dedupe key>}:
 * one subscriber's bounces share a partition, so the stream delivers them in order and a threshold count
 * is one strongly consistent query of that partition. Because the key is the dedupe key, a bounce is
 * recorded by ONE conditional put ({@code attribute_not_exists}, 1 write unit for an item up to 1 KB)
 * instead of a transaction of a marker, a subscriber check and the bounce (2 units per item): a
 * redelivery finds its own item. A deleted bounce leaves a marker ({@code pk = D#<sha-256>}, with a
 * TTL) checked before the put, so a redelivery stays ignored after a deletion too. A bounce racing its
 * subscriber's deletion is no longer refused here: the stream step finds the subscriber gone and
 * deletes what was written for her. Listings go through the write-sharded indexes ({@link BounceListing});
 * the README's "DynamoDB key design" has the detail and the capacity each write costs.
 */
public final class DynamoBounceStore implements BounceStore {
    /** Longer than any provider's redelivery horizon (SNS retries for 23 days). */
    static final Duration DEDUPE_RETENTION = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final Tables tables;
    private final Supplier<Instant> clock;
    private final BounceListing listing;
    private final SegmentedListing segmented;

    public DynamoBounceStore(DynamoDbClient dynamo, Tables tables, Supplier<Instant> clock) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.clock = clock;
        this.listing = new BounceListing(dynamo, tables.bounces());
        this.segmented = new SegmentedListing(listing);
    }

    /** The evidence first when it has its own item: the bounce is what makes the write visible, and a retry writes both again. */
    @Override
    public InsertResult insert(Bounce bounce) {
        if (isRecorded(bounce.dedupeKey())) {
            return InsertResult.DUPLICATE;
        }
        Map<String, AttributeValue> item = BounceItems.toItem(bounce);
        try {
            if (BounceItems.evidenceApart(item)) {
                dynamo.putItem(b -> b.tableName(tables.bounces()).item(EvidenceItems.toItem(bounce)));
            }
            dynamo.putItem(b -> b.tableName(tables.bounces()).item(item).conditionExpression("attribute_not_exists(pk)"));
            return InsertResult.INSERTED;
        } catch (ConditionalCheckFailedException recordedBefore) {
            return InsertResult.DUPLICATE;
        } catch (SdkException e) {
            throw new StorageException("bounce write failed", e);
        }
    }

    /** Whether a deleted bounce left its marker; a bounce still there is found by the insert's condition. */
    @Override
    public boolean isRecorded(String dedupeKey) {
        try {
            Map<String, AttributeValue> marker = dynamo.getItem(b -> b.tableName(tables.bounces()).consistentRead(true)
                    .key(markerKey(dedupeKey))).item();
            return marker != null && !marker.isEmpty();
        } catch (SdkException e) {
            throw new StorageException("dedupe marker read failed", e);
        }
    }

    private static Map<String, AttributeValue> markerKey(String dedupeKey) {
        return Map.of(Tables.PK, s(BounceItems.dedupePartitionKey(dedupeKey)), Tables.SK, s("D"));
    }

    static boolean failedCondition(List<CancellationReason> reasons, int index) {
        return reasons != null && reasons.size() > index
                && "ConditionalCheckFailed".equals(reasons.get(index).code());
    }

    @Override
    public List<Instant> countableTimes(String subscriberUuid, BounceType type, Instant since, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":pk", s(BounceItems.partitionKey(subscriberUuid)),
                ":prefix", s(BounceItems.BOUNCE_PREFIX),
                ":type", s(type.wire()),
                ":now", AttributeValue.fromN(Long.toString(now.getEpochSecond()))));
        // Cleared and suppressed bounces stay listed but never count; expired ones wait for TTL.
        String filter = "#type = :type AND (attribute_not_exists(#expires) OR #expires > :now)"
                + " AND attribute_not_exists(#cleared) AND attribute_not_exists(#suppressed)";
        if (since != null) {
            filter += " AND created_at >= :since";
            values.put(":since", s(Timestamps.format(since)));
        }
        QueryRequest.Builder query = QueryRequest.builder()
                .tableName(tables.bounces())
                .consistentRead(true)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .filterExpression(filter)
                .projectionExpression("created_at")
                .expressionAttributeNames(Map.of("#type", "type", "#expires", Tables.TTL, "#cleared", BounceItems.CLEARED_AT,
                        "#suppressed", BounceItems.SUPPRESSED))
                .expressionAttributeValues(values);
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
                .expressionAttributeValues(Map.of(":pk", s(BounceItems.partitionKey(subscriberUuid)),
                        ":prefix", s(BounceItems.BOUNCE_PREFIX)));
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

    /** The markers never hold the plain key (only its hash), and the bounces that do are deleted with their subscriber. */
    @Override
    public void forgetDedupeKeys(List<Bounce> bounces) {
        bounces.forEach(this::leaveMarker);
    }

    /**
     * The marker first, so that a redelivery is ignored from the moment the bounce is gone; the evidence before the
     * bounce, so that an interrupted deletion leaves the bounce to delete again, never orphaned evidence.
     */
    @Override
    public void delete(Bounce bounce) {
        leaveMarker(bounce);
        try {
            dynamo.deleteItem(b -> b.tableName(tables.bounces()).key(EvidenceItems.keyOf(bounce)));
            dynamo.deleteItem(b -> b.tableName(tables.bounces()).key(BounceItems.keyOf(bounce)));
        } catch (SdkException e) {
            throw new StorageException("bounce delete failed", e);
        }
    }

    private void leaveMarker(Bounce bounce) {
        Map<String, AttributeValue> marker = new HashMap<>(markerKey(bounce.dedupeKey()));
        marker.put(Tables.TTL, AttributeValue.fromN(Long.toString(clock.get().plus(DEDUPE_RETENTION).getEpochSecond())));
        try {
            dynamo.putItem(b -> b.tableName(tables.bounces()).item(marker));
        } catch (SdkException e) {
            throw new StorageException("writing a dedupe marker failed", e);
        }
    }

    /**
     * No index by id: the id carries the bounce's {@code created_at} and its listing shard, so it names the bounce's
     * entry in the time listing exactly; that entry names the item, which is then read whole (and consistently).
     */
    @Override
    public Optional<Bounce> findById(String id) {
        Optional<Instant> createdAt = BounceIds.timeOf(id);
        if (createdAt.isEmpty()) {
            return Optional.empty();
        }
        try {
            QueryResponse response = dynamo.query(b -> b.tableName(tables.bounces()).indexName(Tables.Listing.BY_TIME.indexName())
                    .keyConditionExpression("#shard = :shard AND #time = :time")
                    .expressionAttributeNames(Map.of("#shard", Tables.ALL_SHARD, "#time", Tables.Listing.BY_TIME.sortKey()))
                    .expressionAttributeValues(Map.of(":shard", s(BounceItems.shardKey(id)),
                            ":time", s(BounceItems.timeId(createdAt.get(), id)))));
            for (Map<String, AttributeValue> entry : response.items()) {
                Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tables.bounces()).consistentRead(true)
                        .key(Map.of(Tables.PK, entry.get(Tables.PK), Tables.SK, entry.get(Tables.SK)))).item();
                if (item != null && BounceItems.isBounce(item)) {
                    return Optional.of(withEvidence(item));
                }
            }
            return Optional.empty();
        } catch (SdkException e) {
            throw new StorageException("bounce lookup failed", e);
        }
    }

    private Bounce withEvidence(Map<String, AttributeValue> item) {
        Bounce bounce = BounceItems.fromItem(item);
        if (!BounceItems.evidenceApart(item)) {
            AttributeValue inline = item.get(BounceItems.EVIDENCE);
            return inline == null ? bounce : bounce.withEvidence(EvidenceItems.text(inline));
        }
        Map<String, AttributeValue> evidence = dynamo.getItem(b -> b.tableName(tables.bounces())
                .key(EvidenceItems.keyOf(bounce))).item();
        return evidence == null || evidence.isEmpty() ? bounce
                : bounce.withEvidence(EvidenceItems.text(evidence.get(EvidenceItems.ATTRIBUTE)));
    }

    @Override
    public BouncePage query(BounceQuery query) {
        return SegmentedListing.handles(query.orderBy()) ? segmented.page(query) : listing.page(query, false);
    }

    @Override
    public long count(BounceQuery query) {
        return listing.count(query);
    }
}
