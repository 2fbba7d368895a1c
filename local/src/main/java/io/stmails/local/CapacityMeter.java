package io.stmails.local;

import java.util.HashMap;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Asks DynamoDB for {@code ReturnConsumedCapacity=INDEXES} (TOTAL plus the per-index split) on every
 * request that supports it and sums what the responses report, per operation. A request that already
 * asks for capacity is left as it is. Reads and writes are told apart by the operation, because
 * DynamoDB Local reports only {@code CapacityUnits} for most of them.
 *
 * <p>One exception: DynamoDB Local's figure for {@code TransactWriteItems} is not what AWS bills (it
 * answers 4 units for a transaction of one small item and 4 for two). For those, the units are
 * computed from the request as AWS documents them: 2 write units per KB (rounded up) of each item
 * in the transaction, plus 1 per KB of each index entry a {@code Put} creates. An update is sized as AWS
 * sizes it, by the larger of the item before and after it: the stored item is read through an unmetered
 * client ({@link #sizeUpdatesFrom}) and the attributes the update adds are counted as small numbers; without
 * that client, by the attributes in the request (a lower bound). Condition checks are sized by their key.
 */
final class CapacityMeter implements ExecutionInterceptor {
    /** Units and calls of one operation. */
    static final class Tally {
        long calls;
        long reported;
        double readUnits;
        double writeUnits;
        double tableUnits;
        double indexUnits;
    }

    /** A global secondary index: its key attributes and what it projects. */
    record Index(String name, List<String> keys, ProjectionType projection, List<String> included) {
    }

    private static final ExecutionAttribute<Double> MODELLED_WRITE_UNITS = new ExecutionAttribute<>("stmails.modelledWriteUnits");
    private static final ExecutionAttribute<Double> MODELLED_INDEX_UNITS = new ExecutionAttribute<>("stmails.modelledIndexUnits");

    private final Map<String, Tally> byOperation = new TreeMap<>();
    private final Map<String, List<String>> tableKeys = new ConcurrentHashMap<>();
    private final Map<String, List<Index>> tableIndexes = new ConcurrentHashMap<>();
    private volatile DynamoDbClient storedItems;

    /** Learns a table's keys and indexes, which the transaction model needs. */
    void describe(TableDescription table) {
        tableKeys.put(table.tableName(), table.keySchema().stream().map(KeySchemaElement::attributeName).toList());
        tableIndexes.put(table.tableName(), table.globalSecondaryIndexes().stream()
                .map(i -> new Index(i.indexName(), i.keySchema().stream().map(KeySchemaElement::attributeName).toList(),
                        i.projection().projectionType(), i.projection().hasNonKeyAttributes()
                                ? i.projection().nonKeyAttributes() : List.of()))
                .toList());
    }

    /** Reads (unmetered) the items transactional updates change, so that an update is sized by its item. */
    void sizeUpdatesFrom(DynamoDbClient unmetered) {
        this.storedItems = unmetered;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        SdkRequest request = context.request();
        ReturnConsumedCapacity all = ReturnConsumedCapacity.INDEXES;
        if (request instanceof PutItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(all).build();
        } else if (request instanceof UpdateItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(all).build();
        } else if (request instanceof DeleteItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(all).build();
        } else if (request instanceof GetItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(all).build();
        } else if (request instanceof QueryRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(all).build();
        } else if (request instanceof ScanRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(all).build();
        } else if (request instanceof BatchGetItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(all).build();
        } else if (request instanceof BatchWriteItemRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(all).build();
        } else if (request instanceof TransactWriteItemsRequest r) {
            double tableUnits = 0;
            double indexUnits = 0;
            for (TransactWriteItem item : r.transactItems()) {
                if (item.put() != null) {
                    tableUnits += 2 * kilobytes(ItemSize.of(item.put().item()));
                    indexUnits += indexUnits(item.put().tableName(), item.put().item());
                } else if (item.update() != null) {
                    tableUnits += 2 * kilobytes(updatedSize(item.update()));
                } else if (item.delete() != null) {
                    tableUnits += 2 * kilobytes(ItemSize.of(item.delete().key()));
                } else if (item.conditionCheck() != null) {
                    tableUnits += 2 * kilobytes(ItemSize.of(item.conditionCheck().key()));
                }
            }
            attributes.putAttribute(MODELLED_WRITE_UNITS, tableUnits);
            attributes.putAttribute(MODELLED_INDEX_UNITS, indexUnits);
            return r.returnConsumedCapacity() == null ? r.toBuilder().returnConsumedCapacity(all).build() : r;
        } else if (request instanceof TransactGetItemsRequest r && r.returnConsumedCapacity() == null) {
            return r.toBuilder().returnConsumedCapacity(all).build();
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        List<ConsumedCapacity> consumed = consumed(context.response());
        if (consumed == null) {
            return;
        }
        boolean read = isRead(operation);
        synchronized (byOperation) {
            Tally tally = byOperation.computeIfAbsent(operation, name -> new Tally());
            tally.calls++;
            Double modelled = attributes.getAttribute(MODELLED_WRITE_UNITS);
            if (modelled != null) {
                double index = attributes.getAttribute(MODELLED_INDEX_UNITS);
                tally.reported++;
                tally.writeUnits += modelled + index;
                tally.tableUnits += modelled;
                tally.indexUnits += index;
                return;
            }
            for (ConsumedCapacity capacity : consumed) {
                if (capacity == null || capacity.capacityUnits() == null) {
                    continue;
                }
                tally.reported++;
                double units = capacity.capacityUnits();
                if (read) {
                    tally.readUnits += units;
                } else {
                    tally.writeUnits += units;
                }
                if (capacity.table() != null && capacity.table().capacityUnits() != null) {
                    tally.tableUnits += capacity.table().capacityUnits();
                }
                if (capacity.hasGlobalSecondaryIndexes()) {
                    capacity.globalSecondaryIndexes().values().forEach(c -> tally.indexUnits += c.capacityUnits());
                }
            }
        }
    }

    /** The larger of the item before and after the update, or the attributes in the request when items are not read. */
    private long updatedSize(Update update) {
        Map<String, AttributeValue> touched = new HashMap<>(update.key());
        if (update.hasExpressionAttributeValues()) {
            touched.putAll(update.expressionAttributeValues());
        }
        DynamoDbClient reader = storedItems;
        if (reader == null) {
            return ItemSize.of(touched);
        }
        Map<String, AttributeValue> before = reader.getItem(b -> b.tableName(update.tableName()).key(update.key())
                .consistentRead(true)).item();
        Map<String, AttributeValue> after = new HashMap<>(before == null || before.isEmpty() ? update.key() : before);
        if (update.hasExpressionAttributeNames()) {
            update.expressionAttributeNames().values().forEach(name -> after.putIfAbsent(name, AttributeValue.fromN("1")));
        }
        return Math.max(ItemSize.of(after), ItemSize.of(touched));
    }

    private double indexUnits(String table, Map<String, AttributeValue> item) {
        double units = 0;
        for (Index index : tableIndexes.getOrDefault(table, List.of())) {
            if (!item.keySet().containsAll(index.keys())) {
                continue;
            }
            Map<String, AttributeValue> entry = new HashMap<>();
            if (index.projection() == ProjectionType.ALL) {
                entry.putAll(item);
            } else {
                for (String name : tableKeys.getOrDefault(table, List.of())) {
                    entry.put(name, item.get(name));
                }
                index.keys().forEach(name -> entry.put(name, item.get(name)));
                index.included().stream().filter(item::containsKey).forEach(name -> entry.put(name, item.get(name)));
            }
            units += kilobytes(ItemSize.of(entry));
        }
        return units;
    }

    private static double kilobytes(long bytes) {
        return Math.max(1, (bytes + 1023) / 1024);
    }

    /** The consumed capacity of a DynamoDB data-plane response; null for other responses (control plane, streams). */
    private static List<ConsumedCapacity> consumed(SdkResponse response) {
        if (response instanceof PutItemResponse r) {
            return single(r.consumedCapacity());
        } else if (response instanceof UpdateItemResponse r) {
            return single(r.consumedCapacity());
        } else if (response instanceof DeleteItemResponse r) {
            return single(r.consumedCapacity());
        } else if (response instanceof GetItemResponse r) {
            return single(r.consumedCapacity());
        } else if (response instanceof QueryResponse r) {
            return single(r.consumedCapacity());
        } else if (response instanceof ScanResponse r) {
            return single(r.consumedCapacity());
        } else if (response instanceof BatchGetItemResponse r) {
            return r.consumedCapacity();
        } else if (response instanceof BatchWriteItemResponse r) {
            return r.consumedCapacity();
        } else if (response instanceof TransactWriteItemsResponse r) {
            return r.consumedCapacity();
        } else if (response instanceof TransactGetItemsResponse r) {
            return r.consumedCapacity();
        }
        return null;
    }

    private static List<ConsumedCapacity> single(ConsumedCapacity capacity) {
        return capacity == null ? List.of() : List.of(capacity);
    }

    private static boolean isRead(String operation) {
        return switch (operation) {
            case "GetItem", "Query", "Scan", "BatchGetItem", "TransactGetItems" -> true;
            default -> false;
        };
    }

    /** A copy of the tallies so far, by operation name. */
    Map<String, Tally> snapshot() {
        synchronized (byOperation) {
            Map<String, Tally> copy = new TreeMap<>();
            byOperation.forEach((name, tally) -> {
                Tally c = new Tally();
                c.calls = tally.calls;
                c.reported = tally.reported;
                c.readUnits = tally.readUnits;
                c.writeUnits = tally.writeUnits;
                c.tableUnits = tally.tableUnits;
                c.indexUnits = tally.indexUnits;
                copy.put(name, c);
            });
            return copy;
        }
    }

    void reset() {
        synchronized (byOperation) {
            byOperation.clear();
        }
    }
}
