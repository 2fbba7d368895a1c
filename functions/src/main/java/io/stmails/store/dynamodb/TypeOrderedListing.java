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
import java.util.Optional;

/**
 * The listing ordered by type without an index of its own: there are three types, so the order is the
 * time listing of each type in turn (the type a filter on the time listing, whose index carries it), in
 * the order of their names ({@code complaint}, {@code hard}, {@code soft}; reversed when descending) and
 * by time within each, as a {@code <type> U+0001 <time>} index sorted. That saves every bounce a write to
 * a sixth index. The cursor names the type and carries the cursor of that type's time listing.
 */
final class TypeOrderedListing {
    private static final String CURSOR_PREFIX = "v1\nBY_TYPE\n";

    private final BounceListing listing;

    TypeOrderedListing(BounceListing listing) {
        this.listing = listing;
    }

    BouncePage page(BounceQuery query) {
        List<BounceType> types = typesInOrder(query);
        int first = 0;
        String innerCursor = null;
        if (query.cursor() != null) {
            Position at = decode(query.cursor());
            first = types.indexOf(at.type());
            if (first < 0) {
                // A position in a type this query does not list: nothing follows it.
                return BouncePage.EMPTY;
            }
            innerCursor = at.innerCursor();
        }
        List<Bounce> bounces = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        for (int i = first; i < types.size(); i++) {
            BounceType type = types.get(i);
            int room = query.limit() - bounces.size();
            if (room == 0) {
                boolean more = types.subList(i, types.size()).stream()
                        .anyMatch(next -> !listing.page(segment(query, next, null, 1)).bounces().isEmpty());
                return new BouncePage(bounces, cursors, more ? cursors.get(cursors.size() - 1) : null);
            }
            BouncePage segment = listing.page(segment(query, type, i == first ? innerCursor : null, room));
            bounces.addAll(segment.bounces());
            segment.cursors().forEach(cursor -> cursors.add(encode(type, cursor)));
            if (segment.nextCursor() != null) {
                return new BouncePage(bounces, cursors, encode(type, segment.nextCursor()));
            }
        }
        return new BouncePage(bounces, cursors, null);
    }

    private static List<BounceType> typesInOrder(BounceQuery query) {
        Comparator<BounceType> byName = Comparator.comparing(BounceType::wire);
        return List.of(BounceType.values()).stream()
                .filter(type -> query.type() == null || query.type() == type)
                .sorted(query.ascending() ? byName : byName.reversed())
                .toList();
    }

    private static BounceQuery segment(BounceQuery query, BounceType type, String cursor, int limit) {
        return new BounceQuery(query.campaignUuid(), query.source(), type, query.email(), query.from(), query.to(),
                BounceQuery.Order.CREATED_AT, query.ascending(), limit, cursor);
    }

    private record Position(BounceType type, String innerCursor) {
    }

    private static String encode(BounceType type, String innerCursor) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CURSOR_PREFIX + type.wire() + "\n" + innerCursor).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the cursor was not made by this listing */
    private static Position decode(String cursor) {
        String raw;
        try {
            raw = StrictUtf8.decode(Base64.getUrlDecoder().decode(cursor)).orElseThrow(() -> new IllegalArgumentException("Invalid cursor."));
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("Invalid cursor.");
        }
        if (!raw.startsWith(CURSOR_PREFIX)) {
            throw new IllegalArgumentException("Invalid cursor: it belongs to another query or order.");
        }
        String[] parts = raw.substring(CURSOR_PREFIX.length()).split("\n", 2);
        Optional<BounceType> type = BounceType.fromWire(parts[0]);
        if (parts.length != 2 || type.isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("Invalid cursor.");
        }
        return new Position(type.get(), parts[1]);
    }
}
