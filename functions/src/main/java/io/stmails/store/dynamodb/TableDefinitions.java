package io.stmails.store.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateGlobalSecondaryIndexAction;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexUpdate;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * Creates the tables where nothing else does (the local runner and the integration tests); in AWS
 * the CDK stack declares the same layout.
 */
public final class TableDefinitions {
    private TableDefinitions() {
    }

    public static void createIfMissing(DynamoDbClient dynamo, Tables tables) {
        create(dynamo, b -> b.tableName(tables.bounces())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(bounceAttributes())
                .keySchema(hash(Tables.PK), range(Tables.SK))
                .globalSecondaryIndexes(bounceIndexes())
                .streamSpecification(StreamSpecification.builder()
                        .streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES).build()));
        create(dynamo, b -> b.tableName(tables.subscribers())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(subscriberAttributes())
                .keySchema(hash(Tables.PK))
                .globalSecondaryIndexes(historyIndex()));
        create(dynamo, b -> b.tableName(tables.stats())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(stringAttribute(Tables.PK), stringAttribute(Tables.SK))
                .keySchema(hash(Tables.PK), range(Tables.SK)));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(tables.bounces()));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(tables.stats()));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(tables.subscribers()));
        addHistoryIndexIfMissing(dynamo, tables);
    }

    private static List<AttributeDefinition> subscriberAttributes() {
        return List.of(stringAttribute(Tables.PK), stringAttribute(Tables.SUBSCRIBER_UUID), stringAttribute(Tables.APPLIED_AT));
    }

    private static GlobalSecondaryIndex historyIndex() {
        return index(Tables.BY_SUBSCRIBER, hash(Tables.SUBSCRIBER_UUID), range(Tables.APPLIED_AT));
    }

    /** A data directory from before the index existed gets it added, keeping its data. */
    private static void addHistoryIndexIfMissing(DynamoDbClient dynamo, Tables tables) {
        TableDescription table = dynamo.describeTable(b -> b.tableName(tables.subscribers())).table();
        if (table.hasGlobalSecondaryIndexes() && table.globalSecondaryIndexes().stream()
                .anyMatch(i -> i.indexName().equals(Tables.BY_SUBSCRIBER))) {
            return;
        }
        GlobalSecondaryIndex index = historyIndex();
        dynamo.updateTable(b -> b.tableName(tables.subscribers()).attributeDefinitions(subscriberAttributes())
                .globalSecondaryIndexUpdates(GlobalSecondaryIndexUpdate.builder().create(CreateGlobalSecondaryIndexAction
                        .builder().indexName(index.indexName()).keySchema(index.keySchema())
                        .projection(index.projection()).build()).build()));
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(tables.subscribers()));
    }

    private static List<AttributeDefinition> bounceAttributes() {
        List<AttributeDefinition> attributes = new ArrayList<>(List.of(stringAttribute(Tables.PK),
                stringAttribute(Tables.SK), stringAttribute(Tables.ALL_SHARD)));
        for (Tables.Listing listing : Tables.Listing.values()) {
            attributes.add(stringAttribute(listing.sortKey()));
        }
        return attributes;
    }

    private static List<GlobalSecondaryIndex> bounceIndexes() {
        List<GlobalSecondaryIndex> indexes = new ArrayList<>();
        Projection listingProjection = Projection.builder().projectionType(ProjectionType.INCLUDE)
                .nonKeyAttributes(Tables.LISTING_PROJECTION).build();
        for (Tables.Listing listing : Tables.Listing.values()) {
            indexes.add(index(listing.indexName(), listingProjection, hash(Tables.ALL_SHARD), range(listing.sortKey())));
        }
        return indexes;
    }

    private static void create(DynamoDbClient dynamo,
            Consumer<CreateTableRequest.Builder> request) {
        try {
            dynamo.createTable(request);
        } catch (ResourceInUseException alreadyThere) {
            // Created by an earlier run: keep its data.
        }
    }

    private static GlobalSecondaryIndex index(String name, KeySchemaElement... keys) {
        return index(name, Projection.builder().projectionType(ProjectionType.ALL).build(), keys);
    }

    private static GlobalSecondaryIndex index(String name, Projection projection, KeySchemaElement... keys) {
        return GlobalSecondaryIndex.builder().indexName(name).keySchema(keys).projection(projection).build();
    }

    private static AttributeDefinition stringAttribute(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement hash(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
    }

    private static KeySchemaElement range(String name) {
        return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
    }
}
