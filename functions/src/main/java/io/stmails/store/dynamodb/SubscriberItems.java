package io.stmails.store.dynamodb;

import static io.stmails.store.dynamodb.BounceItems.s;
import static io.stmails.store.dynamodb.BounceItems.str;

import io.stmails.domain.BounceType;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.domain.ThresholdAction;
import io.stmails.store.ActionRecord;
import io.stmails.store.ReactivationRecord;
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
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Tables.PK, s(partitionKey(subscriber.uuid())));
        item.put("uuid", s(subscriber.uuid()));
        item.put("email", s(subscriber.email()));
        item.put("name", s(subscriber.name()));
        item.put("status", s(subscriber.status().wire()));
        item.put("lists", lists(subscriber.lists()));
        item.put("created_at", s(Timestamps.format(subscriber.createdAt())));
        item.put("updated_at", s(Timestamps.format(subscriber.updatedAt())));
        item.put("version", AttributeValue.fromN(Long.toString(subscriber.version())));
        return item;
    }

    static Subscriber fromItem(Map<String, AttributeValue> item) {
        Map<String, SubscriptionStatus> lists = listsOf(item.get("lists"));
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

    static String reactivationKey(String id) {
        return "R#" + id;
    }

    /** @param expiresAtEpochSecond null keeps the record (an action a reactivation may have to undo) */
    static Map<String, AttributeValue> toItem(ActionRecord record, Long expiresAtEpochSecond) {
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
        if (record.statusBefore() != null) {
            item.put("status_before", s(record.statusBefore().wire()));
        }
        item.put("lists_before", lists(record.listsBefore()));
        item.put("suppression_pending", AttributeValue.fromBool(record.suppressionPending()));
        if (record.reversedAt() != null) {
            item.put("reversed_at", s(Timestamps.format(record.reversedAt())));
        }
        if (expiresAtEpochSecond != null) {
            item.put(Tables.TTL, AttributeValue.fromN(Long.toString(expiresAtEpochSecond)));
        }
        return item;
    }

    static Map<String, AttributeValue> toItem(ReactivationRecord record) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put(Tables.PK, s(reactivationKey(record.id())));
        item.put("reactivation_id", s(record.id()));
        item.put("subscriber_uuid", s(record.subscriberUuid()));
        item.put("email", s(record.email()));
        item.put("applied_at", s(Timestamps.format(record.reactivatedAt())));
        item.put("forced", AttributeValue.fromBool(record.forced()));
        item.put("reversed_actions", AttributeValue.fromL(record.reversedActions().stream().map(BounceItems::s).toList()));
        item.put("lists_restored", lists(record.listsRestored()));
        item.put("bounces_cleared", AttributeValue.fromN(Integer.toString(record.bouncesCleared())));
        item.put("suppression_pending", AttributeValue.fromBool(record.suppressionPending()));
        item.put("published", AttributeValue.fromBool(record.published()));
        return item;
    }

    static boolean isReactivation(Map<String, AttributeValue> item) {
        return item.get(Tables.PK).s().startsWith("R#");
    }

    static ReactivationRecord reactivationFromItem(Map<String, AttributeValue> item) {
        return new ReactivationRecord(
                str(item, "reactivation_id"),
                str(item, "subscriber_uuid"),
                str(item, "email"),
                Timestamps.parse(str(item, "applied_at")),
                item.get("forced").bool(),
                item.get("reversed_actions").l().stream().map(AttributeValue::s).toList(),
                listsOf(item.get("lists_restored")),
                Integer.parseInt(item.get("bounces_cleared").n()),
                item.get("suppression_pending").bool(),
                item.get("published").bool());
    }

    private static AttributeValue lists(Map<String, SubscriptionStatus> lists) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        lists.forEach((list, status) -> map.put(list, s(status.wire())));
        return AttributeValue.fromM(map);
    }

    private static Map<String, SubscriptionStatus> listsOf(AttributeValue stored) {
        Map<String, SubscriptionStatus> lists = new LinkedHashMap<>();
        if (stored != null && stored.hasM()) {
            stored.m().entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> lists.put(e.getKey(), SubscriptionStatus.fromWire(e.getValue().s()).orElseThrow()));
        }
        return lists;
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
                item.get("published").bool(),
                item.containsKey("status_before") ? SubscriberStatus.fromWire(str(item, "status_before")).orElseThrow() : null,
                listsOf(item.get("lists_before")),
                item.containsKey("suppression_pending") && item.get("suppression_pending").bool(),
                item.containsKey("reversed_at") ? Timestamps.parse(str(item, "reversed_at")) : null);
    }
}
