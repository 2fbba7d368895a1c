package io.stmails.store.dynamodb;

import static io.stmails.store.dynamodb.BounceItems.s;

import io.stmails.store.StorageException;
import io.stmails.suppression.InvalidNextTokenException;
import io.stmails.suppression.SuppressedAddress;
import io.stmails.suppression.SuppressionList;
import io.stmails.suppression.SuppressionPage;
import io.stmails.suppression.SuppressionReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * A stand-in for SES's suppression list in a small DynamoDB table ({@code pk = <e-mail>}, reason,
 * last update), so that the whole loop runs on DynamoDB Local: the local runner and the integration
 * tests. Behaves as SES does: put overwrites, removing an absent address is fine, pages carry a token.
 */
public final class DynamoSuppressionList implements SuppressionList {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Supplier<Instant> clock;

    public DynamoSuppressionList(DynamoDbClient dynamo, String table, Supplier<Instant> clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    /** The table name beside the others: {@code <prefix>suppression-list}. */
    public static String tableName(Tables tables) {
        return tables.subscribers().replaceFirst("subscribers$", "suppression-list");
    }

    public static DynamoSuppressionList createIfMissing(DynamoDbClient dynamo, Tables tables, Supplier<Instant> clock) {
        String table = tableName(tables);
        try {
            dynamo.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(a -> a.attributeName(Tables.PK).attributeType("S"))
                    .keySchema(k -> k.attributeName(Tables.PK).keyType("HASH")));
        } catch (ResourceInUseException alreadyThere) {
            // Kept from an earlier run.
        }
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
        return new DynamoSuppressionList(dynamo, table, clock);
    }

    @Override
    public void put(String email, SuppressionReason reason) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(Map.of(Tables.PK, s(email), "reason", s(reason.name()),
                    "last_update", s(Timestamps.format(clock.get())))));
        } catch (SdkException e) {
            throw new StorageException("suppression stand-in write failed", e);
        }
    }

    @Override
    public boolean remove(String email) {
        try {
            return dynamo.deleteItem(b -> b.tableName(table).key(Map.of(Tables.PK, s(email)))
                    .returnValues(ReturnValue.ALL_OLD)).hasAttributes();
        } catch (SdkException e) {
            throw new StorageException("suppression stand-in delete failed", e);
        }
    }

    @Override
    public SuppressionPage list(String nextToken, int pageSize) {
        Map<String, AttributeValue> start = nextToken == null ? null : Map.of(Tables.PK, s(decode(nextToken)));
        ScanResponse page;
        try {
            page = dynamo.scan(b -> b.tableName(table).limit(pageSize).consistentRead(true).exclusiveStartKey(start));
        } catch (SdkException e) {
            throw new StorageException("suppression stand-in scan failed", e);
        }
        List<SuppressedAddress> addresses = page.items().stream().map(item -> new SuppressedAddress(
                item.get(Tables.PK).s(),
                SuppressionReason.fromWire(item.get("reason").s()).orElse(SuppressionReason.BOUNCE),
                Timestamps.parse(item.get("last_update").s()))).toList();
        String next = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
                ? encode(page.lastEvaluatedKey().get(Tables.PK).s()) : null;
        return new SuppressionPage(addresses, next);
    }

    private static String encode(String email) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(email.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token) {
        try {
            String email = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (email.indexOf('@') < 1) {
                throw new IllegalArgumentException("not an address");
            }
            return email;
        } catch (IllegalArgumentException e) {
            throw new InvalidNextTokenException("next_token is not one this list handed out");
        }
    }
}
