package io.stmails.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.ApiUser;
import io.stmails.config.Secrets;
import io.stmails.config.Settings;
import io.stmails.wiring.Components;
import io.stmails.store.dynamodb.Tables;
import io.stmails.testing.DynamoDbLocal;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * DynamoDB Local tables and services for one property, emptied before each try ({@link #reset()}),
 * so that what one input stored never decides the verdict on another and shrinking tries each
 * candidate on clean tables.
 */
public final class FuzzWorld {
    public static final String HOOK = "fuzz-hook";
    public static final String HOOK_TOKEN = "fuzz-hook-token";
    public final Tables tables;
    public final Components services;
    public final Aftermath aftermath;
    private final Map<String, List<String>> keySchemas = new HashMap<>();

    private FuzzWorld(Tables tables, Components services) {
        this.tables = tables;
        this.services = services;
        this.aftermath = new Aftermath(services, tables);
    }

    /** Components on fresh tables whose secrets are {@code base} plus the admin and hook users. */
    public static FuzzWorld create(String settings, Secrets base, Supplier<Instant> clock) {
        return create(settings, base, clock, builder -> { });
    }

    /** As {@link #create(String, Secrets, Supplier)}, {@code customise} changing the builder last. */
    public static FuzzWorld create(String settings, Secrets base, Supplier<Instant> clock,
            Consumer<Components.Builder> customise) {
        Tables tables = DynamoDbLocal.freshTables();
        Secrets secrets = base.withApiUser(new ApiUser(Aftermath.ADMIN, Aftermath.ADMIN_TOKEN, Set.of(ApiUser.ALL)))
                .withApiUser(new ApiUser(HOOK, HOOK_TOKEN, Set.of("webhooks:post_bounce")));
        ObjectMapper json = new ObjectMapper();
        Components.Builder builder = Components.builder().json(json).dynamo(DynamoDbLocal.client()).tables(tables)
                .settings(Settings.parse(settings, json)).secrets(() -> secrets);
        if (clock != null) {
            builder.clock(clock);
        }
        customise.accept(builder);
        return new FuzzWorld(tables, builder.build());
    }

    /** Deletes every item of the three tables and forgets their stream so far: cheaper than new tables per try. */
    public void reset() {
        for (String table : List.of(tables.bounces(), tables.subscribers(), tables.stats())) {
            List<String> keys = keySchemas.computeIfAbsent(table, t -> DynamoDbLocal.client()
                    .describeTable(b -> b.tableName(t)).table().keySchema().stream()
                    .map(KeySchemaElement::attributeName).toList());
            List<WriteRequest> deletes = new ArrayList<>();
            for (Map<String, AttributeValue> item : DynamoDbLocal.client().scanPaginator(b -> b.tableName(table)
                    .projectionExpression(String.join(",", keys))).items()) {
                deletes.add(WriteRequest.builder().deleteRequest(d -> d.key(item)).build());
            }
            for (int i = 0; i < deletes.size(); i += 25) {
                List<WriteRequest> batch = deletes.subList(i, Math.min(deletes.size(), i + 25));
                DynamoDbLocal.client().batchWriteItem(b -> b.requestItems(Map.of(table, batch)));
            }
        }
        aftermath.forget();
    }

    /** Drops the tables: DynamoDB Local keeps every table in memory. */
    public void dispose() {
        for (String table : List.of(tables.bounces(), tables.subscribers(), tables.stats())) {
            DynamoDbLocal.client().deleteTable(b -> b.tableName(table));
        }
    }
}
