package io.stmails.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.domain.BounceType;
import io.stmails.domain.Subscriber;
import java.util.Map;

/** listmonk's subscriber object, with string ids (the UUID). */
final class SubscriberJson {
    private SubscriberJson() {
    }

    /** @param bounceCounts null leaves out {@code bounces} */
    static ObjectNode of(ObjectMapper json, Subscriber subscriber, Map<BounceType, Long> bounceCounts) {
        ObjectNode node = json.createObjectNode();
        node.put("id", subscriber.uuid());
        node.put("uuid", subscriber.uuid());
        node.put("email", subscriber.email());
        node.put("name", subscriber.name());
        node.put("status", subscriber.status().wire());
        ArrayNode lists = node.putArray("lists");
        subscriber.lists().forEach((id, status) ->
                lists.addObject().put("id", id).put("subscription_status", status.wire()));
        node.put("created_at", subscriber.createdAt().toString());
        node.put("updated_at", subscriber.updatedAt().toString());
        if (bounceCounts != null) {
            ObjectNode counts = node.putObject("bounces");
            bounceCounts.forEach((type, count) -> counts.put(type.wire(), count));
        }
        return node;
    }
}
