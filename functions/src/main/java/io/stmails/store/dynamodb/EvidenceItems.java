package io.stmails.store.dynamodb;

import static io.stmails.store.dynamodb.BounceItems.s;

import io.stmails.domain.Bounce;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Evidence too large to travel on its bounce item ({@link BounceItems#INLINE_EVIDENCE_BYTES}) even compressed, in an
 * item of its own beside it ({@code pk = S#<subscriber uuid>}, {@code sk = E#<the bounce's key hash>},
 * same expiry, compressed): kept on the bounce it would make every read of the bounce (listings, the threshold
 * count) cost more. It has no
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
        item.put(ATTRIBUTE, compressed(bounce.evidence()));
        if (bounce.expiresAt() != null) {
            item.put(Tables.TTL, AttributeValue.fromN(Long.toString(bounce.expiresAt().getEpochSecond())));
        }
        return item;
    }

    /** The evidence JSON deflated, as a binary attribute. */
    static AttributeValue compressed(String evidence) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(evidence.getBytes(StandardCharsets.UTF_8));
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return AttributeValue.fromB(SdkBytes.fromByteArray(out.toByteArray()));
        } finally {
            deflater.end();
        }
    }

    /** The evidence JSON of a stored attribute: text as it is, or binary as {@link #compressed} made it. */
    static String text(AttributeValue stored) {
        if (stored.s() != null) {
            return stored.s();
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(stored.b().asByteArray());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!inflater.finished()) {
                int inflated = inflater.inflate(buffer);
                if (inflated == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new IllegalStateException("stored evidence is truncated");
                }
                out.write(buffer, 0, inflated);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new IllegalStateException("stored evidence is not what this store compressed", e);
        } finally {
            inflater.end();
        }
    }
}
