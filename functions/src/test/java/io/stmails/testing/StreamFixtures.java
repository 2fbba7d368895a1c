package io.stmails.testing;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Builds the {@link DynamodbEvent} Lambda would deliver for items really stored in DynamoDB Local. */
public final class StreamFixtures {
    private static final AtomicLong SEQUENCE = new AtomicLong(1_000_000);

    private StreamFixtures() {
    }

    /** An INSERT record per bounce item currently in the table, oldest first. */
    public static DynamodbEvent insertsOfAllBounces(DynamoDbClient dynamo, String bouncesTable) {
        List<Map<String, AttributeValue>> items = new ArrayList<>(dynamo.scan(b -> b.tableName(bouncesTable)).items());
        items.removeIf(item -> !"bounce".equals(item.get("kind") == null ? null : item.get("kind").s()));
        items.sort((a, b) -> a.get("id").s().compareTo(b.get("id").s()));
        return event(items.stream().map(StreamFixtures::insert).toList());
    }

    public static DynamodbEvent event(List<DynamodbEvent.DynamodbStreamRecord> records) {
        DynamodbEvent event = new DynamodbEvent();
        event.setRecords(records);
        return event;
    }

    public static DynamodbEvent.DynamodbStreamRecord insert(Map<String, AttributeValue> item) {
        StreamRecord stream = new StreamRecord();
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image = toEvents(item);
        stream.setNewImage(image);
        stream.setKeys(Map.of("pk", image.get("pk"), "sk", image.get("sk")));
        stream.setSequenceNumber(Long.toString(SEQUENCE.incrementAndGet()));
        stream.setStreamViewType(StreamViewType.NEW_IMAGE);
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName("INSERT");
        record.setEventSource("aws:dynamodb");
        record.setEventID("e" + stream.getSequenceNumber());
        record.setDynamodb(stream);
        return record;
    }

    static Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> toEvents(
            Map<String, AttributeValue> item) {
        Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> image = new HashMap<>();
        item.forEach((name, value) -> image.put(name, toEvents(value)));
        return image;
    }

    private static com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue toEvents(AttributeValue value) {
        var out = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue();
        switch (value.type()) {
            case S -> out.setS(value.s());
            case N -> out.setN(value.n());
            case B -> out.setB(value.b().asByteBuffer());
            case BOOL -> out.setBOOL(value.bool());
            case NUL -> out.setNULL(true);
            case M -> {
                Map<String, com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue> map = new HashMap<>();
                value.m().forEach((k, v) -> map.put(k, toEvents(v)));
                out.setM(map);
            }
            case L -> out.setL(value.l().stream().map(StreamFixtures::toEvents).toList());
            default -> throw new IllegalArgumentException("unsupported in fixtures: " + value.type());
        }
        return out;
    }
}
