package io.stmails.store.dynamodb;

import static io.stmails.store.dynamodb.BounceItems.s;

import io.stmails.domain.ActionCounters;
import io.stmails.domain.Subscriber;
import io.stmails.store.ActionRecord;
import io.stmails.store.ReactivationRecord;
import io.stmails.store.StorageException;
import io.stmails.store.SubscriberHistory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Action ({@code A#<id>}) and reactivation ({@code R#<id>}) records in the subscribers table, found
 * through the sparse index {@code by-subscriber} ({@code subscriber_uuid}, {@code applied_at}) that
 * only those records populate. A reactivation is counted ({@code action#reactivate}) in the transaction
 * that writes its record.
 */
public final class DynamoSubscriberHistory implements SubscriberHistory {
    /**
     * TransactWriteItems takes 100 items: the subscriber, the reactivation record, its two counters and the
     * reversed actions.
     */
    static final int MAX_REVERSED_PER_TRANSACTION = 96;

    private final DynamoDbClient dynamo;
    private final Tables tables;

    public DynamoSubscriberHistory(DynamoDbClient dynamo, Tables tables) {
        this.dynamo = dynamo;
        this.tables = tables;
    }

    @Override
    public List<ActionRecord> actionsOf(String subscriberUuid) {
        return history(subscriberUuid).stream().filter(item -> !SubscriberItems.isReactivation(item))
                .map(SubscriberItems::actionFromItem).toList();
    }

    @Override
    public List<ReactivationRecord> reactivationsOf(String subscriberUuid) {
        return history(subscriberUuid).stream().filter(SubscriberItems::isReactivation)
                .map(SubscriberItems::reactivationFromItem).toList();
    }

    private List<Map<String, AttributeValue>> history(String subscriberUuid) {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        try {
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse page = dynamo.query(b -> b.tableName(tables.subscribers()).indexName(Tables.BY_SUBSCRIBER)
                        .keyConditionExpression("subscriber_uuid = :s")
                        .expressionAttributeValues(Map.of(":s", s(subscriberUuid)))
                        .scanIndexForward(false)
                        .exclusiveStartKey(from));
                items.addAll(page.items());
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        } catch (SdkException e) {
            throw new StorageException("reading the history of subscriber " + subscriberUuid + " failed", e);
        }
        return items;
    }

    @Override
    public boolean reactivate(Subscriber before, Subscriber after, List<ActionRecord> reversed, ReactivationRecord record) {
        if (reversed.size() > MAX_REVERSED_PER_TRANSACTION) {
            throw new IllegalArgumentException("at most " + MAX_REVERSED_PER_TRANSACTION + " actions per reactivation");
        }
        List<TransactWriteItem> items = new ArrayList<>();
        Map<String, AttributeValue> item = SubscriberItems.toItem(new Subscriber(after.uuid(), after.email(), after.name(),
                after.status(), after.lists(), after.createdAt(), after.updatedAt(), before.version() + 1));
        items.add(TransactWriteItem.builder().put(Put.builder().tableName(tables.subscribers()).item(item)
                .conditionExpression("version = :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromN(Long.toString(before.version())))).build())
                .build());
        items.add(put(SubscriberItems.toItem(record)));
        items.addAll(DynamoStatsStore.addingOne(tables.stats(), ActionCounters.ofReactivation(record.reactivatedAt())));
        for (ActionRecord action : reversed) {
            items.add(TransactWriteItem.builder().update(Update.builder().tableName(tables.subscribers())
                    .key(Map.of(Tables.PK, s(SubscriberItems.actionKey(action.bounceId()))))
                    .updateExpression("SET reversed_at = :at, reversed_by = :by")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(reversed_at)")
                    .expressionAttributeValues(Map.of(":at", s(Timestamps.format(record.reactivatedAt())),
                            ":by", s(record.id())))
                    .build()).build());
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(items));
            return true;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(r -> "ConditionalCheckFailed".equals(r.code())
                    || "TransactionConflict".equals(r.code()))) {
                return false;
            }
            throw new StorageException("reactivation cancelled: " + e.cancellationReasons(), e);
        } catch (SdkException e) {
            throw new StorageException("reactivation write failed", e);
        }
    }

    @Override
    public void markActionSuppressed(String actionId) {
        setFalse(SubscriberItems.actionKey(actionId), "suppression_pending");
    }

    @Override
    public void markReactivationUnsuppressed(String reactivationId) {
        setFalse(SubscriberItems.reactivationKey(reactivationId), "suppression_pending");
    }

    @Override
    public void markReactivationPublished(String reactivationId) {
        try {
            dynamo.updateItem(b -> b.tableName(tables.subscribers())
                    .key(Map.of(Tables.PK, s(SubscriberItems.reactivationKey(reactivationId))))
                    .updateExpression("SET published = :t")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromBool(true))));
        } catch (ConditionalCheckFailedException erased) {
            // Erased meanwhile: nothing left to mark.
        } catch (SdkException e) {
            throw new StorageException("reactivation update failed", e);
        }
    }

    private void setFalse(String pk, String attribute) {
        try {
            dynamo.updateItem(b -> b.tableName(tables.subscribers())
                    .key(Map.of(Tables.PK, s(pk)))
                    .updateExpression("SET #a = :f")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#a", attribute))
                    .expressionAttributeValues(Map.of(":f", AttributeValue.fromBool(false))));
        } catch (ConditionalCheckFailedException erased) {
            // Erased meanwhile: nothing left to mark.
        } catch (SdkException e) {
            throw new StorageException("history update failed", e);
        }
    }

    @Override
    public int erase(String subscriberUuid) {
        List<Map<String, AttributeValue>> items = history(subscriberUuid);
        try {
            for (Map<String, AttributeValue> item : items) {
                dynamo.deleteItem(b -> b.tableName(tables.subscribers()).key(Map.of(Tables.PK, item.get(Tables.PK))));
            }
        } catch (SdkException e) {
            throw new StorageException("erasing the history of subscriber " + subscriberUuid + " failed", e);
        }
        return items.size();
    }

    private TransactWriteItem put(Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(Put.builder().tableName(tables.subscribers()).item(item)
                .conditionExpression("attribute_not_exists(pk)").build()).build();
    }
}
