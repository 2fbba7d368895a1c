package io.stmails.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import io.stmails.domain.Bounce;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.domain.ThresholdAction;
import io.stmails.testing.DynamoDbLocal;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** A real SES bounce published through SNS, whichever path delivers it, ends in one record and the threshold action. */
class SesEndToEndIT {

    @Test
    void theSameSesEventOnEveryPathIsOneRecordPerRecipient() {
        SesWorld world = SesWorld.create();
        new SesNotificationsHandler(world.services).handleRequest(SesWorld.sns("configuration-set-bounce"), null);
        assertEquals(200, new WebhookSesHandler(world.services)
                .handleRequest(SesWorld.https("configuration-set-bounce"), null).getStatusCode());
        new SesEventsHandler(world.services).handleRequest(SesWorld.eventBridge("configuration-set-bounce"), null);
        new SesNotificationsHandler(world.services).handleRequest(SesWorld.sns("configuration-set-bounce"), null);
        assertEquals(1, world.bouncesOf("sam@example.com").size());

        new SesNotificationsHandler(world.services).handleRequest(SesWorld.sns("several-recipients"), null);
        new WebhookSesHandler(world.services).handleRequest(SesWorld.https("several-recipients"), null);
        assertEquals(1, world.bouncesOf("alice@example.com").size());
        assertEquals(1, world.bouncesOf("carol@example.com").size());
    }

    @Test
    void aHardBounceThroughSnsBlocklistsTheSubscriberThroughTheStream() {
        SesWorld world = SesWorld.create();
        world.subscribe(SesWorld.JANE, "jane.doe@example.com");
        String streamArn = DynamoDbLocal.client().describeTable(r -> r.tableName(world.tables.bounces()))
                .table().latestStreamArn();

        new SesNotificationsHandler(world.services).handleRequest(SesWorld.sns("permanent-bounce"), null);
        new SesNotificationsHandler(world.services).handleRequest(SesWorld.sns("permanent-bounce"), null);

        StreamsEventResponse response = new BounceActionsHandler(world.services).handleRequest(streamEvent(streamArn), null);
        assertEquals(List.of(), response.getBatchItemFailures());
        Subscriber jane = world.services.subscribers().findByUuid(SesWorld.JANE).orElseThrow();
        assertEquals(SubscriberStatus.BLOCKLISTED, jane.status());
        assertEquals(Map.of("1", SubscriptionStatus.UNSUBSCRIBED), jane.lists());
        List<Bounce> bounces = world.bouncesOf("jane.doe@example.com");
        assertEquals(1, bounces.size());
        assertEquals(ThresholdAction.BLOCKLIST,
                world.services.subscribers().findAction(bounces.get(0).id()).orElseThrow().action());
    }

    /** Everything on the bounces table's stream so far, as Lambda would hand it to {@code bounce-actions}. */
    private static DynamodbEvent streamEvent(String streamArn) {
        try (DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                .endpointOverride(URI.create(DynamoDbLocal.endpoint()))
                .region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build()) {
            String shard = streams.describeStream(r -> r.streamArn(streamArn)).streamDescription().shards().get(0).shardId();
            String iterator = streams.getShardIterator(r -> r.streamArn(streamArn).shardId(shard)
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            DynamodbEvent event = new DynamodbEvent();
            event.setRecords(streams.getRecords(r -> r.shardIterator(iterator)).records().stream().map(record -> {
                DynamodbEvent.DynamodbStreamRecord lambdaRecord = new DynamodbEvent.DynamodbStreamRecord();
                lambdaRecord.setEventName(record.eventNameAsString());
                StreamRecord change = new StreamRecord();
                change.setSequenceNumber(record.dynamodb().sequenceNumber());
                change.setNewImage(toLambda(record.dynamodb().newImage()));
                lambdaRecord.setDynamodb(change);
                return lambdaRecord;
            }).toList());
            assertTrue(event.getRecords().stream().anyMatch(r -> "INSERT".equals(r.getEventName())));
            return event;
        }
    }

    private static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> toLambda(
            Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> out = new LinkedHashMap<>();
        item.forEach((name, value) -> out.put(name, toLambda(value)));
        return out;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue toLambda(AttributeValue value) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (value.type()) {
            case S -> out.setS(value.s());
            case N -> out.setN(value.n());
            case BOOL -> out.setBOOL(value.bool());
            case NUL -> out.setNULL(true);
            case SS -> out.setSS(value.ss());
            case NS -> out.setNS(value.ns());
            case M -> out.setM(toLambda(value.m()));
            case L -> out.setL(value.l().stream().map(SesEndToEndIT::toLambda).toList());
            default -> throw new IllegalArgumentException("attribute type " + value.type() + " is not used by stmails");
        }
        return out;
    }
}
