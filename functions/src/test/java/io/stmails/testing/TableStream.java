package io.stmails.testing;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Reads a table's real DynamoDB Local stream and hands out what arrived as Lambda would: a {@link DynamodbEvent}. */
public final class TableStream {
    private final DynamoDbStreamsClient streams;
    private final String streamArn;
    private final Map<String, String> iterators = new HashMap<>();

    public TableStream(String table) {
        this.streams = DynamoDbStreamsClient.builder()
                .endpointOverride(URI.create(DynamoDbLocal.endpoint()))
                .region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        this.streamArn = DynamoDbLocal.client().describeTable(b -> b.tableName(table)).table().latestStreamArn();
    }

    /** Every record written since the previous call, in order. */
    public DynamodbEvent drain() {
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>();
        for (Shard shard : streams.describeStream(b -> b.streamArn(streamArn)).streamDescription().shards()) {
            while (true) {
                String iterator = iterators.computeIfAbsent(shard.shardId(), id -> streams.getShardIterator(b -> b
                        .streamArn(streamArn).shardId(id).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator());
                GetRecordsResponse response;
                try {
                    response = streams.getRecords(b -> b.shardIterator(iterator));
                } catch (TrimmedDataAccessException e) {
                    // DynamoDB Local's answer for a horizon iterator taken while the shard was empty.
                    iterators.remove(shard.shardId());
                    continue;
                }
                if (response.nextShardIterator() != null) {
                    iterators.put(shard.shardId(), response.nextShardIterator());
                }
                if (response.records().isEmpty()) {
                    break;
                }
                response.records().forEach(r -> records.add(toLambda(r)));
            }
        }
        return StreamFixtures.event(records);
    }

    private static DynamodbEvent.DynamodbStreamRecord toLambda(Record record) {
        var stream = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord();
        stream.setSequenceNumber(record.dynamodb().sequenceNumber());
        stream.setKeys(StreamFixtures.toEvents(record.dynamodb().keys()));
        if (record.dynamodb().hasNewImage()) {
            stream.setNewImage(StreamFixtures.toEvents(record.dynamodb().newImage()));
        }
        if (record.dynamodb().hasOldImage()) {
            stream.setOldImage(StreamFixtures.toEvents(record.dynamodb().oldImage()));
        }
        stream.setStreamViewType(StreamViewType.NEW_AND_OLD_IMAGES);
        DynamodbEvent.DynamodbStreamRecord out = new DynamodbEvent.DynamodbStreamRecord();
        out.setEventID(record.eventID());
        out.setEventName(record.eventNameAsString());
        out.setEventSource("aws:dynamodb");
        out.setDynamodb(stream);
        return out;
    }
}
