package io.stmails.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stmails.domain.Bounce;
import io.stmails.domain.InputLimits;
import io.stmails.domain.Subscriber;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** listmonk's bounce object, as listings, exports and the single-bounce view render it. */
final class BounceJson {
    private static final Logger LOG = LoggerFactory.getLogger(BounceJson.class);

    private final ObjectMapper json;

    BounceJson(ObjectMapper json) {
        this.json = json;
    }

    /** Ids are strings and {@code campaign} carries the UUID (stmails has no campaign names). */
    ObjectNode of(Bounce bounce, Subscriber owner) {
        ObjectNode node = json.createObjectNode();
        node.put("id", bounce.id());
        node.put("type", bounce.type().wire());
        node.put("source", nullToEmpty(bounce.source()));
        node.set("meta", stored(bounce.metaJson() == null ? "{}" : bounce.metaJson(), bounce.id()));
        node.put("reason", bounce.reason());
        node.put("created_at", bounce.createdAt().toString());
        node.put("cleared_at", bounce.clearedAt() == null ? null : bounce.clearedAt().toString());
        node.put("email", nullToEmpty(bounce.email()));
        node.put("subscriber_uuid", bounce.subscriberUuid());
        node.put("subscriber_id", bounce.subscriberUuid());
        node.put("subscriber_status", owner == null ? "" : owner.status().wire());
        node.put("campaign_uuid", bounce.campaignUuid());
        if (bounce.campaignUuid() == null) {
            node.putNull("campaign");
        } else {
            node.putObject("campaign").put("id", bounce.campaignUuid()).put("uuid", bounce.campaignUuid()).put("name", "");
        }
        return node;
    }

    /** {@link #of} with the stored {@code evidence}: the single-bounce view. */
    ObjectNode withEvidence(Bounce bounce, Subscriber owner) {
        ObjectNode node = of(bounce, owner);
        node.set("evidence", stored(bounce.evidence(), bounce.id()));
        return node;
    }

    /**
     * Stored JSON as it can be rendered: text stored before the meta limits (deeper than a response may
     * nest) or not JSON at all is listed as a JSON string of the stored text, so one item never breaks a listing.
     */
    private JsonNode stored(String stored, String bounceId) {
        if (stored == null) {
            return NullNode.getInstance();
        }
        if (InputLimits.isRenderableMeta(stored)) {
            try {
                return json.readTree(stored);
            } catch (IOException e) {
                LOG.warn("stored JSON of bounce {} does not parse; listed as text", bounceId);
            }
        }
        return TextNode.valueOf(stored);
    }

    static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
