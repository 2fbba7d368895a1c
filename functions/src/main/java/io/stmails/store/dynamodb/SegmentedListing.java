package io.stmails.store.dynamodb;

import io.stmails.domain.Bounce;
import io.stmails.domain.BounceType;
import io.stmails.domain.StrictUtf8;
import io.stmails.store.BouncePage;
import io.stmails.store.BounceQuery;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;

/**
 * The listing orders that need no index of their own, made of listings that exist, one segment after
 * the other:
 * <ul>
 * <li>by type: the time listing of each of the three types in turn (the type is a filter on the time
 * listing, whose index carries it), {@code complaint}, {@code hard}, {@code soft} (reversed when
 * descending), by time within each: the order a {@code <type> U+0001 <time>} index would give,
 * without a write to such an index for every bounce;</li>
 * <li>by campaign: the bounces without a campaign (the time listing, filtered to them) before those
 * with one (the {@code by-campaign} index, which is sparse: a bounce without a campaign costs it no
 * write); reversed when descending.</li>
 * </ul>
 * A cursor names its segment and carries the cursor of that segment's listing.
 */
final class SegmentedListing {
    private static final String CURSOR_VERSION = "v1";
    private static final String NO_CAMPAIGN = "none";
    private static final String CAMPAIGNS = "campaigns";

    private final BounceListing listing;

    SegmentedListing(BounceListing listing) {
        this.listing = listing;
    }

    /** Whether an order is made of segments here. */
    static boolean handles(BounceQuery.Order order) {
        return order == BounceQuery.Order.TYPE || order == BounceQuery.Order.CAMPAIGN;
    }

    private interface Pages {
        BouncePage page(String innerCursor, int limit);
    }

    private record Segment(String name, Pages pages) {
    }

    BouncePage page(BounceQuery query) {
        List<Segment> segments = query.orderBy() == BounceQuery.Order.TYPE ? byType(query) : byCampaign(query);
        String tag = "BY_" + query.orderBy().name() + "_SEGMENTS";
        int first = 0;
        String innerCursor = null;
        if (query.cursor() != null) {
            String[] position = decode(query.cursor(), tag);
            first = segments.stream().map(Segment::name).toList().indexOf(position[0]);
            if (first < 0) {
                throw new IllegalArgumentException("Invalid cursor: it belongs to another query or order.");
            }
            innerCursor = position[1];
        }
        List<Bounce> bounces = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        for (int i = first; i < segments.size(); i++) {
            Segment segment = segments.get(i);
            int room = query.limit() - bounces.size();
            if (room == 0) {
                boolean more = segments.subList(i, segments.size()).stream()
                        .anyMatch(next -> !next.pages().page(null, 1).bounces().isEmpty());
                return new BouncePage(bounces, cursors, more ? cursors.get(cursors.size() - 1) : null);
            }
            BouncePage part = segment.pages().page(i == first ? innerCursor : null, room);
            bounces.addAll(part.bounces());
            part.cursors().forEach(cursor -> cursors.add(encode(tag, segment.name(), cursor)));
            if (part.nextCursor() != null) {
                return new BouncePage(bounces, cursors, encode(tag, segment.name(), part.nextCursor()));
            }
        }
        return new BouncePage(bounces, cursors, null);
    }

    private List<Segment> byType(BounceQuery query) {
        Comparator<BounceType> byName = Comparator.comparing(BounceType::wire);
        return List.of(BounceType.values()).stream()
                .filter(type -> query.type() == null || query.type() == type)
                .sorted(query.ascending() ? byName : byName.reversed())
                .map(type -> new Segment(type.wire(), (cursor, limit) -> listing.page(new BounceQuery(query.campaignUuid(),
                        query.source(), type, query.email(), query.from(), query.to(), BounceQuery.Order.CREATED_AT,
                        query.ascending(), limit, cursor), false)))
                .toList();
    }

    private List<Segment> byCampaign(BounceQuery query) {
        Segment withCampaign = new Segment(CAMPAIGNS, (cursor, limit) -> listing.page(query.withLimit(limit).withCursor(cursor), false));
        if (query.campaignUuid() != null) {
            return List.of(withCampaign);
        }
        Segment without = new Segment(NO_CAMPAIGN, (cursor, limit) -> listing.page(new BounceQuery(null, query.source(),
                query.type(), query.email(), query.from(), query.to(), BounceQuery.Order.CREATED_AT, query.ascending(), limit,
                cursor), true));
        return query.ascending() ? List.of(without, withCampaign) : List.of(withCampaign, without);
    }

    private static String encode(String tag, String segment, String innerCursor) {
        String raw = CURSOR_VERSION + "\n" + tag + "\n" + segment + "\n" + innerCursor;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The segment's name and the segment listing's cursor; @throws IllegalArgumentException when not made by this order */
    private static String[] decode(String cursor, String tag) {
        String raw;
        try {
            raw = StrictUtf8.decode(Base64.getUrlDecoder().decode(cursor)).orElseThrow(() -> new IllegalArgumentException("Invalid cursor."));
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("Invalid cursor.");
        }
        String[] parts = raw.split("\n", 4);
        if (parts.length != 4 || !parts[0].equals(CURSOR_VERSION) || !parts[1].equals(tag)) {
            throw new IllegalArgumentException("Invalid cursor: it belongs to another query or order.");
        }
        if (parts[3].isEmpty()) {
            throw new IllegalArgumentException("Invalid cursor.");
        }
        return new String[] {parts[2], parts[3]};
    }
}
