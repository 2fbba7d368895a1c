package io.stmails.store.dynamodb;

import static io.stmails.store.dynamodb.BounceItems.s;

import io.stmails.domain.ActionCounters;
import io.stmails.domain.OptimisticRetry;
import io.stmails.domain.Subscriber;
import io.stmails.domain.ThresholdAction;
import io.stmails.domain.ThresholdDecision;
import io.stmails.store.ActionRecord;
import io.stmails.store.EmailTakenException;
import io.stmails.store.StorageException;
import io.stmails.store.SubscriberStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Subscribers in the subscribers table under {@code pk = S#<uuid>}, each with an {@code E#<e-mail>}
 * item created in the same transaction ({@code attribute_not_exists}) that makes addresses unique and
 * finds a subscriber by address with one read. Every change is conditional on {@code version}; an
 * action writes the subscriber and its {@code A#<bounce id>} record in one transaction (the record's
 * {@code attribute_not_exists} is what applies it exactly once). An action of the API adds to its
 * counter of the stats table in that transaction too; a threshold action is counted by the stream
 * step instead, with the bounce that caused it, in the transaction that counts that bounce (one
 * transaction item, 2 write units, less per action). The README's "DynamoDB key design" has the detail.
 */
public final class DynamoSubscriberStore implements SubscriberStore {
    static final Duration ACTION_RETENTION = Duration.ofDays(30);

    private final DynamoDbClient dynamo;
    private final Tables tables;
    private final Supplier<Instant> clock;
    private final OptimisticRetry retry = OptimisticRetry.standard();

    public DynamoSubscriberStore(DynamoDbClient dynamo, Tables tables, Supplier<Instant> clock) {
        this.dynamo = dynamo;
        this.tables = tables;
        this.clock = clock;
    }

    @Override
    public Optional<Subscriber> findByUuid(String uuid) {
        return getItem(SubscriberItems.partitionKey(uuid)).map(SubscriberItems::fromItem);
    }

    @Override
    public Optional<Subscriber> findByEmail(String email) {
        return getItem(SubscriberItems.emailKey(email))
                .map(item -> item.get("uuid").s())
                .flatMap(this::findByUuid);
    }

    @Override
    public Map<String, Subscriber> findByUuids(Collection<String> uuids) {
        Map<String, Subscriber> found = new HashMap<>();
        List<String> distinct = uuids.stream().distinct().toList();
        try {
            for (int from = 0; from < distinct.size(); from += 100) {
                List<Map<String, AttributeValue>> keys = distinct.subList(from, Math.min(from + 100, distinct.size()))
                        .stream().map(uuid -> key(SubscriberItems.partitionKey(uuid))).toList();
                Map<String, KeysAndAttributes> request = Map.of(tables.subscribers(),
                        KeysAndAttributes.builder().keys(keys).consistentRead(true).build());
                while (!request.isEmpty()) {
                    Map<String, KeysAndAttributes> pending = request;
                    BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(pending));
                    response.responses().getOrDefault(tables.subscribers(), List.of())
                            .forEach(item -> found.put(item.get("uuid").s(), SubscriberItems.fromItem(item)));
                    request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                }
            }
        } catch (SdkException e) {
            throw new StorageException("subscriber batch read failed", e);
        }
        return found;
    }

    @Override
    public void create(Subscriber subscriber) {
        create(subscriber, List.of());
    }

    @Override
    public void create(Subscriber subscriber, ActionRecord record) {
        create(subscriber, List.of(record));
    }

    private void create(Subscriber subscriber, List<ActionRecord> records) {
        Map<String, AttributeValue> emailItem = Map.of(
                Tables.PK, s(SubscriberItems.emailKey(subscriber.email())), "uuid", s(subscriber.uuid()));
        List<TransactWriteItem> items = new ArrayList<>(List.of(put(emailItem, "attribute_not_exists(pk)"),
                put(SubscriberItems.toItem(subscriber), "attribute_not_exists(pk)")));
        records.forEach(record -> items.add(put(SubscriberItems.toItem(record, null), "attribute_not_exists(pk)")));
        items.addAll(counting(records));
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
        } catch (TransactionCanceledException e) {
            if (DynamoBounceStore.failedCondition(e.cancellationReasons(), 0)) {
                throw new EmailTakenException(subscriber.email());
            }
            throw new StorageException("subscriber create cancelled: " + e.cancellationReasons(), e);
        } catch (SdkException e) {
            throw new StorageException("subscriber create failed", e);
        }
    }

    @Override
    public ApplyResult applyAction(Subscriber before, ThresholdDecision decision, ActionRecord record) {
        return apply(before, decision, record, true);
    }

    @Override
    public ApplyResult applyActionCountedElsewhere(Subscriber before, ThresholdDecision decision, ActionRecord record) {
        return apply(before, decision, record, false);
    }

    private ApplyResult apply(Subscriber before, ThresholdDecision decision, ActionRecord record, boolean counted) {
        // A delete cannot be undone: its record only has to outlive stream redeliveries, unless it put the address
        // on the suppression list (an erasure finds the entry through it). Any other action is kept for as long as
        // a reactivation may need what it recorded.
        Long expiresAt = record.action() == ThresholdAction.DELETE && !record.suppressionPending()
                ? clock.get().plus(ACTION_RETENTION).getEpochSecond() : null;
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(put(SubscriberItems.toItem(record, expiresAt), "attribute_not_exists(pk)"));
        Map<String, AttributeValue> version = Map.of(":v", AttributeValue.fromN(Long.toString(before.version())));
        switch (decision.effect()) {
            case UPDATE -> {
                Subscriber next = decision.updated();
                Map<String, AttributeValue> item = SubscriberItems.toItem(new Subscriber(next.uuid(), next.email(),
                        next.name(), next.status(), next.lists(), next.createdAt(), next.updatedAt(), before.version() + 1));
                items.add(TransactWriteItem.builder().put(Put.builder().tableName(tables.subscribers()).item(item)
                        .conditionExpression("version = :v").expressionAttributeValues(version).build()).build());
            }
            case DELETE -> {
                items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(tables.subscribers())
                        .key(key(SubscriberItems.partitionKey(before.uuid())))
                        .conditionExpression("version = :v").expressionAttributeValues(version).build()).build());
                items.add(TransactWriteItem.builder().delete(Delete.builder().tableName(tables.subscribers())
                        .key(key(SubscriberItems.emailKey(before.email()))).build()).build());
            }
            case NO_CHANGE -> throw new IllegalArgumentException("nothing to apply");
        }
        if (counted) {
            items.addAll(counting(List.of(record)));
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
            return ApplyResult.APPLIED;
        } catch (TransactionCanceledException e) {
            if (DynamoBounceStore.failedCondition(e.cancellationReasons(), 0)) {
                return ApplyResult.ALREADY_APPLIED;
            }
            if (DynamoBounceStore.failedCondition(e.cancellationReasons(), 1)) {
                return ApplyResult.CONFLICT;
            }
            if (e.cancellationReasons().stream().anyMatch(r -> "TransactionConflict".equals(r.code()))) {
                return ApplyResult.CONFLICT;
            }
            throw new StorageException("action write cancelled: " + e.cancellationReasons(), e);
        } catch (SdkException e) {
            throw new StorageException("action write failed", e);
        }
    }

    @Override
    public Optional<ActionRecord> findAction(String bounceId) {
        return getItem(SubscriberItems.actionKey(bounceId)).map(SubscriberItems::actionFromItem);
    }

    @Override
    public void markActionPublished(String bounceId) {
        try {
            dynamo.updateItem(b -> b.tableName(tables.subscribers())
                    .key(key(SubscriberItems.actionKey(bounceId)))
                    .updateExpression("SET published = :t")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))));
        } catch (SdkException e) {
            throw new StorageException("action update failed", e);
        }
    }

    @Override
    public boolean delete(String uuid) {
        return retry.run("delete of subscriber " + uuid, () -> deleteOnce(uuid));
    }

    /** @return empty when she changed meanwhile (a threshold action): read again */
    private Optional<Boolean> deleteOnce(String uuid) {
        Optional<Subscriber> current = findByUuid(uuid);
        if (current.isEmpty()) {
            return Optional.of(false);
        }
        Subscriber subscriber = current.get();
        try {
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().delete(Delete.builder().tableName(tables.subscribers())
                            .key(key(SubscriberItems.partitionKey(uuid)))
                            .conditionExpression("version = :v")
                            .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(subscriber.version()))))
                            .build()).build(),
                    TransactWriteItem.builder().delete(Delete.builder().tableName(tables.subscribers())
                            .key(key(SubscriberItems.emailKey(subscriber.email()))).build()).build()));
            return Optional.of(true);
        } catch (TransactionCanceledException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw new StorageException("subscriber delete failed", e);
        }
    }

    private Optional<Map<String, AttributeValue>> getItem(String pk) {
        try {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(tables.subscribers())
                    .key(key(pk)).consistentRead(true)).item();
            return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
        } catch (SdkException e) {
            throw new StorageException("subscriber read failed", e);
        }
    }

    /**
     * After the records and the subscriber's items (at most 3), within the transaction limit of 100 items: one day
     * item for all of them (a transaction may not touch an item twice).
     */
    private List<TransactWriteItem> counting(List<ActionRecord> records) {
        return DynamoStatsStore.addingOne(tables.stats(), records.stream()
                .flatMap(record -> ActionCounters.of(record.action(), record.appliedAt()).stream()).toList());
    }

    private TransactWriteItem put(Map<String, AttributeValue> item, String condition) {
        return TransactWriteItem.builder()
                .put(Put.builder().tableName(tables.subscribers()).item(item).conditionExpression(condition).build())
                .build();
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of(Tables.PK, s(pk));
    }
}
