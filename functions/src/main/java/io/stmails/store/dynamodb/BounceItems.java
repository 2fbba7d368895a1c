package io.stmails.store.dynamodb;

import io.stmails.domain.Bounce;
import io.stmails.domain.BounceType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Maps bounces to items and back (also used on stream images). A bounce item is keyed by its dedupe
 * key ({@code sk = B#<first 128 bits of its SHA-256, hex>}), so one conditional put both writes it and
 * refuses a redelivery; its evidence travels on it while the item stays within
 * {@link #INLINE_EVIDENCE_BYTES}, as text or else compressed, and in an item of its own
 * ({@link EvidenceItems}) only beyond.
 */
public final class BounceItems {
    static final String KIND = "kind";
    static final String KIND_BOUNCE = "bounce";
    /** Set by a reactivation; a cleared bounce stays listed but no longer counts. */
    static final String CLEARED_AT = "cleared_at";
    /** Present (true) on a bounce the provider reported for an address already on its suppression list. */
    static final String SUPPRESSED = "suppressed";
    static final String EVIDENCE = "evidence";
    /** Present (true) when the evidence was too large to travel on the bounce: it is in its own item. */
    static final String EVIDENCE_APART = "evidence_apart";
    /**
     * What a bounce item may weigh with its evidence (2 KB, some room kept): up to there, evidence on the bounce costs
     * fewer write units than an item of its own (one unit per KB, rounded up, per item), and a read of the bounce
     * (4 KB per read unit) no more.
     */
    static final int INLINE_EVIDENCE_BYTES = 2000;

    private BounceItems() {
    }

    static String partitionKey(String subscriberUuid) {
        return "S#" + subscriberUuid;
    }

    static final String BOUNCE_PREFIX = "B#";

    static String sortKey(Bounce bounce) {
        return BOUNCE_PREFIX + dedupeHash(bounce.dedupeKey()).substring(0, 32);
    }

    /** The key of the marker a deleted bounce leaves behind, so that redeliveries of it stay ignored. */
    static String dedupePartitionKey(String dedupeKey) {
        return "D#" + dedupeHash(dedupeKey);
    }

    private static String dedupeHash(String dedupeKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(dedupeKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static int shardOf(String id) {
        return Math.floorMod(id.hashCode(), Tables.SHARDS);
    }

    /** The listing indexes' partition key of the bounce with this id. */
    static String shardKey(String id) {
        return "ALL#" + shardOf(id);
    }

    static Map<String, AttributeValue> toItem(Bounce bounce) {
        Map<String, AttributeValue> item = new HashMap<>();
        String timeId = timeId(bounce.createdAt(), bounce.id());
        item.put(Tables.PK, s(partitionKey(bounce.subscriberUuid())));
        item.put(Tables.SK, s(sortKey(bounce)));
        item.put(KIND, s(KIND_BOUNCE));
        item.put(Tables.ID, s(bounce.id()));
        item.put("subscriber_uuid", s(bounce.subscriberUuid()));
        putIfPresent(item, "email", bounce.email());
        putIfPresent(item, "campaign_uuid", bounce.campaignUuid());
        item.put("type", s(bounce.type().wire()));
        item.put("source", s(bounce.source() == null ? "" : bounce.source()));
        item.put("meta", s(bounce.metaJson()));
        item.put("created_at", s(Timestamps.format(bounce.createdAt())));
        item.put("dedupe_key", s(bounce.dedupeKey()));
        putIfPresent(item, "reason", bounce.reason());
        if (bounce.expiresAt() != null) {
            item.put(Tables.TTL, AttributeValue.fromN(Long.toString(bounce.expiresAt().getEpochSecond())));
        }
        if (bounce.suppressed()) {
            item.put(SUPPRESSED, AttributeValue.fromBool(true));
        }
        if (bounce.clearedAt() != null) {
            item.put(CLEARED_AT, s(Timestamps.format(bounce.clearedAt())));
        }
        item.put(Tables.ALL_SHARD, s(shardKey(bounce.id())));
        item.put(Tables.Listing.BY_TIME.sortKey(), s(timeId));
        item.put(Tables.Listing.BY_EMAIL.sortKey(), s(listingKey(bounce.email(), timeId)));
        item.put(Tables.Listing.BY_SOURCE.sortKey(), s(listingKey(bounce.source(), timeId)));
        if (bounce.campaignUuid() != null && !bounce.campaignUuid().isEmpty()) {
            // Sparse: a bounce without a campaign costs by-campaign no write (the campaign order lists those apart).
            item.put(Tables.Listing.BY_CAMPAIGN.sortKey(), s(listingKey(bounce.campaignUuid(), timeId)));
        }
        if (bounce.evidence() != null) {
            item.put(EVIDENCE, s(bounce.evidence()));
            if (size(item) > INLINE_EVIDENCE_BYTES) {
                // A report's JSON shrinks to a quarter or so: often enough to keep the bounce one write unit.
                item.put(EVIDENCE, EvidenceItems.compressed(bounce.evidence()));
            }
            if (size(item) > INLINE_EVIDENCE_BYTES) {
                item.remove(EVIDENCE);
                item.put(EVIDENCE_APART, AttributeValue.fromBool(true));
            }
        }
        return item;
    }

    static boolean evidenceApart(Map<String, AttributeValue> item) {
        AttributeValue apart = item.get(EVIDENCE_APART);
        return apart != null && Boolean.TRUE.equals(apart.bool());
    }

    /** An item's size as DynamoDB bills it (names and values), for the string, binary and flag attributes a bounce has. */
    static int size(Map<String, AttributeValue> item) {
        int bytes = 0;
        for (Map.Entry<String, AttributeValue> attribute : item.entrySet()) {
            AttributeValue value = attribute.getValue();
            bytes += attribute.getKey().getBytes(StandardCharsets.UTF_8).length
                    + (value.s() != null ? value.s().getBytes(StandardCharsets.UTF_8).length
                    : value.b() != null ? value.b().asByteArray().length
                    : value.n() != null ? value.n().length() : 1);
        }
        return bytes;
    }

    static String listingKey(String value, String timeId) {
        return (value == null ? "" : value) + Tables.SEPARATOR + timeId;
    }

    static String timeId(Instant createdAt, String id) {
        return Timestamps.format(createdAt) + "#" + id;
    }

    public static boolean isBounce(Map<String, AttributeValue> item) {
        AttributeValue kind = item.get(KIND);
        return kind != null && KIND_BOUNCE.equals(kind.s());
    }

    public static Bounce fromItem(Map<String, AttributeValue> item) {
        return new Bounce(
                str(item, Tables.ID),
                str(item, "subscriber_uuid"),
                str(item, "email"),
                str(item, "campaign_uuid"),
                BounceType.fromWire(str(item, "type"))
                        .orElseThrow(() -> new IllegalArgumentException("unknown bounce type in item " + item.get(Tables.ID))),
                str(item, "source"),
                str(item, "meta"),
                Timestamps.parse(str(item, "created_at")),
                str(item, "dedupe_key"),
                item.containsKey(CLEARED_AT) ? Timestamps.parse(str(item, CLEARED_AT)) : null,
                item.containsKey(SUPPRESSED) && Boolean.TRUE.equals(item.get(SUPPRESSED).bool()),
                str(item, "reason"),
                null,
                item.containsKey(Tables.TTL) ? Instant.ofEpochSecond(Long.parseLong(item.get(Tables.TTL).n())) : null);
    }

    static Map<String, AttributeValue> keyOf(Bounce bounce) {
        return Map.of(Tables.PK, s(partitionKey(bounce.subscriberUuid())), Tables.SK, s(sortKey(bounce)));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    private static void putIfPresent(Map<String, AttributeValue> item, String name, String value) {
        if (value != null && !value.isEmpty()) {
            item.put(name, s(value));
        }
    }
}
