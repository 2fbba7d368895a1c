package io.stmails.infra;

import io.stmails.store.dynamodb.Tables;
import java.util.Arrays;
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
 * The bounces, subscribers and stats tables, laid out exactly as {@link Tables} describes (and as
 * {@code TableDefinitions} creates them for DynamoDB Local): on-demand, point-in-time recovery,
 * expiry on {@link Tables#TTL}, and the bounces stream (new and old images, so that deletions can
 * be counted) that feeds {@code bounce-actions}. All are kept when the stack is deleted: they hold
 * the data.
 */
final class DataTables extends Construct {
    private final Table bounces;
    private final Table subscribers;
    private final Table stats;

    DataTables(Construct scope, String id, Tables names) {
        super(scope, id);
        bounces = Table.Builder.create(this, "Bounces")
                .tableName(names.bounces())
                .partitionKey(string(Tables.PK))
                .sortKey(string(Tables.SK))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(pointInTimeRecovery())
                .timeToLiveAttribute(Tables.TTL)
                .stream(StreamViewType.NEW_AND_OLD_IMAGES)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // The listing indexes carry their keys and what a listing filters on: an index write costs one unit whatever
        // the bounce weighs (the listing reads the bounces themselves from the table).
        for (Tables.Listing listing : Tables.Listing.values()) {
            bounces.addGlobalSecondaryIndex(index(listing.indexName(), Tables.ALL_SHARD, listing.sortKey())
                    .projectionType(ProjectionType.INCLUDE).nonKeyAttributes(Tables.LISTING_PROJECTION).build());
        }

        subscribers = Table.Builder.create(this, "Subscribers")
                .tableName(names.subscribers())
                .partitionKey(string(Tables.PK))
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(pointInTimeRecovery())
                .timeToLiveAttribute(Tables.TTL)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        subscribers.addGlobalSecondaryIndex(index(Tables.BY_SUBSCRIBER, Tables.SUBSCRIBER_UUID, Tables.APPLIED_AT).build());

        stats = Table.Builder.create(this, "Stats")
                .tableName(names.stats())
                .partitionKey(string(Tables.PK))
                .sortKey(string(Tables.SK))
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

    Table stats() {
        return stats;
    }

    /** The ARNs of the bounces table's global secondary indexes. */
    List<String> bounceIndexArns() {
        return Arrays.stream(Tables.Listing.values()).map(Tables.Listing::indexName)
                .map(index -> bounces.getTableArn() + "/index/" + index)
                .toList();
    }

    /** The subscribers table's history index (actions and reactivations by subscriber). */
    String subscriberHistoryIndexArn() {
        return subscribers.getTableArn() + "/index/" + Tables.BY_SUBSCRIBER;
    }

    private static GlobalSecondaryIndexProps.Builder index(String name, String partitionKey, String sortKey) {
        GlobalSecondaryIndexProps.Builder index = GlobalSecondaryIndexProps.builder()
                .indexName(name)
                .partitionKey(string(partitionKey))
                .projectionType(ProjectionType.ALL);
        if (sortKey != null) {
            index.sortKey(string(sortKey));
        }
        return index;
    }

    private static PointInTimeRecoverySpecification pointInTimeRecovery() {
        return PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build();
    }

    private static Attribute string(String name) {
        return Attribute.builder().name(name).type(AttributeType.STRING).build();
    }
}
