package io.stmails.store.dynamodb;

import static io.stmails.store.dynamodb.BounceItems.s;
import static io.stmails.store.dynamodb.BounceItems.str;

import io.stmails.domain.BounceType;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.domain.ThresholdAction;
import io.stmails.store.ActionRecord;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

final class SubscriberItems {
    private SubscriberItems() {
    }

    static String partitionKey(String uuid) {
        return "S#" + uuid;
    }

    static String emailKey(String email) {
        return "E#" + email;
    }

    static String actionKey(String bounceId) {
        return "A#" + bounceId;
    }

    static Map<String, AttributeValue> toItem(Subscriber subscriber) {
        Map<String, AttributeValue> lists = new LinkedHashMap<>();
        subscriber.lists().forEach((list, status) -> lists.put(list, s(status.wire())));
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Tables.PK, s(partitionKey(subscriber.uuid())));
        item.put("uuid", s(subscriber.uuid()));
        item.put("email", s(subscriber.email()));
        item.put("name", s(subscriber.name()));
        item.put("status", s(subscriber.status().wire()));
        item.put("lists", AttributeValue.fromM(lists));
        item.put("created_at", s(Timestamps.format(subscriber.createdAt())));
        item.put("updated_at", s(Timestamps.format(subscriber.updatedAt())));
        item.put("version", AttributeValue.fromN(Long.toString(subscriber.version())));
        return item;
    }

    static Subscriber fromItem(Map<String, AttributeValue> item) {
        Map<String, SubscriptionStatus> lists = new LinkedHashMap<>();
        AttributeValue stored = item.get("lists");
        if (stored != null && stored.hasM()) {
            stored.m().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> lists.put(e.getKey(), SubscriptionStatus.fromWire(e.getValue().s()).orElseThrow()));
        }
        return new Subscriber(
                str(item, "uuid"),
                str(item, "email"),
                str(item, "name"),
                SubscriberStatus.fromWire(str(item, "status")).orElseThrow(),
                lists,
                Timestamps.parse(str(item, "created_at")),
                Timestamps.parse(str(item, "updated_at")),
                Long.parseLong(item.get("version").n()));
    }

    static Map<String, AttributeValue> toItem(ActionRecord record, long expiresAtEpochSecond) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Tables.PK, s(actionKey(record.bounceId())));
        item.put("bounce_id", s(record.bounceId()));
        item.put("subscriber_uuid", s(record.subscriberUuid()));
        item.put("email", s(record.email()));
        item.put("action", s(record.action().wire()));
        item.put("bounce_type", s(record.bounceType().wire()));
        item.put("count", AttributeValue.fromN(Long.toString(record.count())));
        item.put("threshold", AttributeValue.fromN(Integer.toString(record.threshold())));
        if (record.campaignUuid() != null) {
            item.put("campaign_uuid", s(record.campaignUuid()));
        }
        item.put("source", s(record.source() == null ? "" : record.source()));
        item.put("applied_at", s(Timestamps.format(record.appliedAt())));
        item.put("published", AttributeValue.fromBool(record.published()));
        item.put(Tables.TTL, AttributeValue.fromN(Long.toString(expiresAtEpochSecond)));
        return item;
    }

    static ActionRecord actionFromItem(Map<String, AttributeValue> item) {
        return new ActionRecord(
                str(item, "bounce_id"),
                str(item, "subscriber_uuid"),
                str(item, "email"),
                ThresholdAction.fromWire(str(item, "action")).orElseThrow(),
                BounceType.fromWire(str(item, "bounce_type")).orElseThrow(),
                Long.parseLong(item.get("count").n()),
                Integer.parseInt(item.get("threshold").n()),
                str(item, "campaign_uuid"),
                str(item, "source"),
                Timestamps.parse(str(item, "applied_at")),
                item.get("published").bool());
    }
}
