package io.stmails.store.dynamodb;

import static io.stmails.store.dynamodb.BounceItems.s;

import io.stmails.domain.Bounce;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A bounce's evidence, in an item of its own beside the bounce ({@code pk = S#<subscriber uuid>},
 * {@code sk = E#<bounce id>}, same expiry): the listing indexes project every attribute of a bounce
 * item, so evidence kept on it would be copied into six indexes and read by every listing. It has no
 * {@code kind}, so the stream's bounce handling ignores it.
 */
final class EvidenceItems {
    static final String ATTRIBUTE = "evidence";

    private EvidenceItems() {
    }

    static Map<String, AttributeValue> keyOf(Bounce bounce) {
        return Map.of(Tables.PK, s(BounceItems.partitionKey(bounce.subscriberUuid())), Tables.SK, s("E#" + bounce.id()));
    }

    static Map<String, AttributeValue> toItem(Bounce bounce) {
        Map<String, AttributeValue> item = new HashMap<>(keyOf(bounce));
        item.put(ATTRIBUTE, s(bounce.evidence()));
        if (bounce.expiresAt() != null) {
            item.put(Tables.TTL, AttributeValue.fromN(Long.toString(bounce.expiresAt().getEpochSecond())));
        }
        return item;
    }
}
