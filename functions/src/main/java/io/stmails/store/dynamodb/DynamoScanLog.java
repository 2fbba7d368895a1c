package io.stmails.store.dynamodb;

import static io.stmails.store.dynamodb.BounceItems.s;

import io.stmails.store.ScanLog;
import io.stmails.store.ScanRecord;
import io.stmails.store.StorageException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** In the stats table: {@code pk = SCAN}, {@code sk = <mailbox name>}, one item per mailbox, overwritten by each scan. */
public final class DynamoScanLog implements ScanLog {
    static final String PARTITION = "SCAN";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoScanLog(DynamoDbClient dynamo, Tables tables) {
        this.dynamo = dynamo;
        this.table = tables.stats();
    }

    @Override
    public void record(ScanRecord scan) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Tables.PK, s(PARTITION));
        item.put(Tables.SK, s(scan.mailbox()));
        item.put("at", s(scan.at().toString()));
        item.put("outcome", s(scan.outcome()));
        if (scan.detail() != null) {
            item.put("detail", s(scan.detail()));
        }
        item.put("examined", number(scan.examined()));
        item.put("recorded", number(scan.recorded()));
        item.put("failed", number(scan.failed()));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item));
        } catch (SdkException e) {
            throw new StorageException("recording the scan of " + scan.mailbox() + " failed", e);
        }
    }

    @Override
    public Map<String, ScanRecord> latest() {
        Map<String, ScanRecord> scans = new TreeMap<>();
        try {
            Map<String, AttributeValue> start = null;
            do {
                Map<String, AttributeValue> from = start;
                QueryResponse page = dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", s(PARTITION))).exclusiveStartKey(from));
                for (Map<String, AttributeValue> item : page.items()) {
                    ScanRecord scan = new ScanRecord(item.get(Tables.SK).s(), Instant.parse(item.get("at").s()),
                            item.get("outcome").s(), item.containsKey("detail") ? item.get("detail").s() : null,
                            Integer.parseInt(item.get("examined").n()), Integer.parseInt(item.get("recorded").n()),
                            Integer.parseInt(item.get("failed").n()));
                    scans.put(scan.mailbox(), scan);
                }
                start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
            } while (start != null);
        } catch (SdkException e) {
            throw new StorageException("reading the scan log failed", e);
        }
        return scans;
    }

    private static AttributeValue number(int value) {
        return AttributeValue.fromN(Integer.toString(value));
    }
}
