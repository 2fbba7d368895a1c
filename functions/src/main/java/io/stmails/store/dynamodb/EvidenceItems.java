package io.stmails.store.dynamodb;

import static io.stmails.store.dynamodb.BounceItems.s;

import io.stmails.domain.Bounce;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Evidence too large to travel on its bounce item ({@link BounceItems#INLINE_EVIDENCE_BYTES}), in an
 * item of its own beside it ({@code pk = S#<subscriber uuid>}, {@code sk = E#<the bounce's key hash>},
 * same expiry): kept on the bounce it would make every write of it cost 2 to 17 units. It has no
 * {@code kind}, so the stream's bounce handling ignores it, and no index key.
 */
final class EvidenceItems {
    static final String ATTRIBUTE = BounceItems.EVIDENCE;

    private EvidenceItems() {
    }

    static Map<String, AttributeValue> keyOf(Bounce bounce) {
        return Map.of(Tables.PK, s(BounceItems.partitionKey(bounce.subscriberUuid())), Tables.SK, s("E#" + BounceItems.sortKey(bounce).substring(BounceItems.BOUNCE_PREFIX.length())));
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
