package io.stmails.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamRecord;

/** Writes stream records as the JSON Lambda hands a stream-triggered function ({@code DynamodbEvent}). */
final class StreamEvents {
    private StreamEvents() {
    }

    static String toDynamodbEventJson(List<Record> records, String streamArn, ObjectMapper json) {
        ObjectNode event = json.createObjectNode();
        ArrayNode list = event.putArray("Records");
        for (Record record : records) {
            ObjectNode out = list.addObject();
            out.put("eventID", record.eventID());
            out.put("eventName", record.eventNameAsString());
            out.put("eventVersion", record.eventVersion() == null ? "1.1" : record.eventVersion());
            out.put("eventSource", "aws:dynamodb");
            out.put("awsRegion", record.awsRegion() == null ? "us-east-1" : record.awsRegion());
            out.put("eventSourceARN", streamArn);
            StreamRecord stream = record.dynamodb();
            ObjectNode dynamodb = out.putObject("dynamodb");
            if (stream.approximateCreationDateTime() != null) {
                dynamodb.put("ApproximateCreationDateTime", stream.approximateCreationDateTime().getEpochSecond());
            }
            dynamodb.set("Keys", image(stream.keys(), json));
            if (stream.hasNewImage()) {
                dynamodb.set("NewImage", image(stream.newImage(), json));
            }
            if (stream.hasOldImage()) {
                dynamodb.set("OldImage", image(stream.oldImage(), json));
            }
            dynamodb.put("SequenceNumber", stream.sequenceNumber());
            if (stream.sizeBytes() != null) {
                dynamodb.put("SizeBytes", stream.sizeBytes());
            }
            dynamodb.put("StreamViewType", stream.streamViewTypeAsString());
        }
        return event.toString();
    }

    private static ObjectNode image(Map<String, AttributeValue> item, ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        item.forEach((name, value) -> node.set(name, attribute(value, json)));
        return node;
    }

    private static ObjectNode attribute(AttributeValue value, ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        switch (value.type()) {
            case S -> node.put("S", value.s());
            case N -> node.put("N", value.n());
            case B -> node.put("B", base64(value.b()));
            case BOOL -> node.put("BOOL", value.bool());
            case NUL -> node.put("NULL", true);
            case SS -> value.ss().forEach(node.putArray("SS")::add);
            case NS -> value.ns().forEach(node.putArray("NS")::add);
            case BS -> value.bs().forEach(b -> node.withArray("BS").add(base64(b)));
            case L -> {
                ArrayNode list = node.putArray("L");
                value.l().forEach(v -> list.add(attribute(v, json)));
            }
            case M -> node.set("M", image(value.m(), json));
            default -> throw new IllegalArgumentException("unsupported attribute type " + value.type());
        }
        return node;
    }

    private static String base64(SdkBytes bytes) {
        return Base64.getEncoder().encodeToString(bytes.asByteArray());
    }
}
