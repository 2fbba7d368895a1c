package io.stmails.infra;

import io.stmails.store.dynamodb.Tables;
import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/**
 * The bounces and subscribers tables, laid out exactly as {@link Tables} describes (and as
 * {@code TableDefinitions} creates them for DynamoDB Local): on-demand, point-in-time recovery,
 * expiry on {@link Tables#TTL}, and the bounces stream that feeds {@code bounce-actions}. Both are
 * kept when the stack is deleted: they hold the data.
 */
final class DataTables extends Construct {
    private final Table bounces;
    private final Table subscribers;

    DataTables(Construct scope, String id, Tables names) {
        super(scope, id);
        bounces = Table.Builder.create(this, "Bounces")
                .tableName(names.bounces())
                .partitionKey(string(Tables.PK))
                .sortKey(string(Tables.SK))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(pointInTimeRecovery())
                .timeToLiveAttribute(Tables.TTL)
                .stream(StreamViewType.NEW_IMAGE)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        bounces.addGlobalSecondaryIndex(index(Tables.BY_ID, Tables.ID, null));
        bounces.addGlobalSecondaryIndex(index(Tables.BY_TIME, Tables.ALL_SHARD, Tables.TIME_ID));
        bounces.addGlobalSecondaryIndex(index(Tables.BY_CAMPAIGN, Tables.CAMPAIGN_SHARD, Tables.TIME_ID));
        bounces.addGlobalSecondaryIndex(index(Tables.BY_SOURCE, Tables.SOURCE_SHARD, Tables.TIME_ID));

        subscribers = Table.Builder.create(this, "Subscribers")
                .tableName(names.subscribers())
                .partitionKey(string(Tables.PK))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(pointInTimeRecovery())
                .timeToLiveAttribute(Tables.TTL)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
    }

    Table bounces() {
        return bounces;
    }

    Table subscribers() {
        return subscribers;
    }

    /** The ARNs of the bounces table's global secondary indexes. */
    List<String> bounceIndexArns() {
        return List.of(Tables.BY_ID, Tables.BY_TIME, Tables.BY_CAMPAIGN, Tables.BY_SOURCE).stream()
                .map(index -> bounces.getTableArn() + "/index/" + index)
                .toList();
    }

    private static GlobalSecondaryIndexProps index(String name, String partitionKey, String sortKey) {
        GlobalSecondaryIndexProps.Builder index = GlobalSecondaryIndexProps.builder()
                .indexName(name)
                .partitionKey(string(partitionKey))
                .projectionType(ProjectionType.ALL);
        if (sortKey != null) {
            index.sortKey(string(sortKey));
        }
        return index.build();
    }

    private static PointInTimeRecoverySpecification pointInTimeRecovery() {
        return PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build();
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
