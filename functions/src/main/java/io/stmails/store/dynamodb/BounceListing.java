package io.stmails.store.dynamodb;

import io.stmails.domain.Bounce;
import io.stmails.domain.InputLimits;
import io.stmails.domain.StrictUtf8;
import io.stmails.store.BounceQuery;
import io.stmails.store.BouncePage;
import io.stmails.store.InvalidCursorException;
import io.stmails.store.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Keyset pagination over the write-sharded listing indexes: a page is a k-way merge of the
 * {@link Tables#SHARDS} shards of one index by its sort key, each shard read a small page at a time
 * (only the shard whose turn it is reads more), so a page reads little more than it returns. The cursor is the sort
 * key of the last bounce returned, so a page never shifts while bounces are being written. The indexes
 * carry only their keys and the attributes a listing filters on ({@link Tables#LISTING_PROJECTION}): an
 * index write then costs one unit whatever the bounce weighs, and a page reads its bounces from the table
 * with one {@code BatchGetItem}. The plan of a query (index, key range, filters) is {@link ListingPlan}.
 */
final class BounceListing {
    /** Greater than any sort key: U+10FFFF encodes to the highest UTF-8 bytes. */
    static final String MAX = "\uDBFF\uDFFF";
    private static final String CURSOR_VERSION = "v1";
    private static final int BATCH_GET_LIMIT = 100;

    private final DynamoDbClient dynamo;
    private final String table;

    BounceListing(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    /** @param withoutCampaign only bounces without a campaign (a segment of the campaign order, {@link SegmentedListing}) */
    BouncePage page(BounceQuery query, boolean withoutCampaign) {
        ListingPlan plan = ListingPlan.of(query, withoutCampaign);
        if (plan.isEmpty()) {
            return BouncePage.EMPTY;
        }
        Comparator<String> order = query.ascending()
                ? BounceListing::compareAsDynamoDb : (a, b) -> compareAsDynamoDb(b, a);
        int pageSize = query.limit() / Tables.SHARDS + 8;
        List<ShardCursor> shards = new ArrayList<>();
        for (int shard = 0; shard < Tables.SHARDS; shard++) {
            shards.add(new ShardCursor(plan, shard, pageSize));
        }
        fetchInParallel(shards);
        PriorityQueue<ShardCursor> heads = new PriorityQueue<>((a, b) -> order.compare(a.headKey(), b.headKey()));
        shards.stream().filter(ShardCursor::hasHead).forEach(heads::add);
        List<Map<String, AttributeValue>> page = new ArrayList<>();
        while (!heads.isEmpty() && page.size() <= query.limit()) {
            ShardCursor next = heads.poll();
            page.add(next.take());
            if (next.hasHead()) {
                heads.add(next);
            }
        }
        boolean more = page.size() > query.limit();
        if (more) {
            page = page.subList(0, query.limit());
        }
        List<String> cursors = new ArrayList<>();
        List<Bounce> bounces = new ArrayList<>();
        Map<List<AttributeValue>, Map<String, AttributeValue>> items = fetch(page);
        for (Map<String, AttributeValue> entry : page) {
            Map<String, AttributeValue> item = items.get(List.of(entry.get(Tables.PK), entry.get(Tables.SK)));
            // Gone between the index read and the fetch (deleted, or expired): nothing to show.
            if (item != null) {
                bounces.add(BounceItems.fromItem(item));
                cursors.add(encodeCursor(plan.listing, entry.get(plan.listing.sortKey()).s()));
            }
        }
        String next = more ? encodeCursor(plan.listing, page.get(page.size() - 1).get(plan.listing.sortKey()).s()) : null;
        return new BouncePage(bounces, cursors, next);
    }

    /** The indexes hold what a listing filters on; the page's bounces themselves come from the table, by key. */
    private Map<List<AttributeValue>, Map<String, AttributeValue>> fetch(List<Map<String, AttributeValue>> entries) {
        Map<List<AttributeValue>, Map<String, AttributeValue>> items = new HashMap<>();
        List<Map<String, AttributeValue>> keys = entries.stream()
                .map(entry -> Map.of(Tables.PK, entry.get(Tables.PK), Tables.SK, entry.get(Tables.SK))).distinct().toList();
        try {
            for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
                Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                        .keys(keys.subList(from, Math.min(from + BATCH_GET_LIMIT, keys.size()))).build());
                while (!request.isEmpty()) {
                    Map<String, KeysAndAttributes> pending = request;
                    BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(pending));
                    response.responses().getOrDefault(table, List.of())
                            .forEach(item -> items.put(List.of(item.get(Tables.PK), item.get(Tables.SK)), item));
                    request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                }
            }
        } catch (SdkException e) {
            throw new StorageException("reading listed bounces failed", e);
        }
        return items;
    }

    /** The first page of every shard at once: sixteen round trips cost one in latency. */
    private static void fetchInParallel(List<ShardCursor> shards) {
        List<Future<?>> pending = shards.stream().map(shard -> Fetchers.POOL.submit(shard::fill)).collect(Collectors.toList());
        for (Future<?> fetch : pending) {
            try {
                fetch.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("interrupted while listing bounces", e);
            }
        }
    }

    /** Created on first use, never during a SnapStart snapshot's init. */
    private static final class Fetchers {
        static final ExecutorService POOL = Executors.newFixedThreadPool(Tables.SHARDS, runnable -> {
            Thread thread = new Thread(runnable, "bounce-listing");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** One shard of one listing: a buffer of items in index order, refilled a page at a time. */
    private final class ShardCursor {
        private final ListingPlan plan;
        private final int shard;
        private final int pageSize;
        private final ArrayDeque<Map<String, AttributeValue>> buffer = new ArrayDeque<>();
        private Map<String, AttributeValue> resumeAt;
        private boolean exhausted;

        ShardCursor(ListingPlan plan, int shard, int pageSize) {
            this.plan = plan;
            this.shard = shard;
            this.pageSize = pageSize;
        }

        /** Reads pages until the buffer holds something or the shard has nothing more. */
        void fill() {
            while (buffer.isEmpty() && !exhausted) {
                QueryResponse response = query(plan.request(shard).tableName(table).limit(pageSize)
                        .exclusiveStartKey(resumeAt).build());
                for (Map<String, AttributeValue> item : response.items()) {
                    if (!item.get(plan.listing.sortKey()).s().equals(plan.cursorKey)) {
                        buffer.add(item);
                    }
                }
                resumeAt = lastKey(response);
                exhausted = resumeAt == null;
            }
        }

        boolean hasHead() {
            fill();
            return !buffer.isEmpty();
        }

        String headKey() {
            return buffer.peek().get(plan.listing.sortKey()).s();
        }

        Map<String, AttributeValue> take() {
            return buffer.poll();
        }
    }

    /** Counts what the query matches (cursor and limit ignored); costs a read of every matching index entry. */
    long count(BounceQuery query) {
        // The order changes nothing in what is counted; the time listing (or a filter's) holds every bounce.
        ListingPlan plan = ListingPlan.of(new BounceQuery(query.campaignUuid(), query.source(), query.type(), query.email(),
                query.from(), query.to(), BounceQuery.Order.CREATED_AT, query.ascending(), query.limit(), null), false);
        if (plan.isEmpty()) {
            return 0;
        }
        long total = 0;
        for (int shard = 0; shard < Tables.SHARDS; shard++) {
            Map<String, AttributeValue> start = null;
            do {
                QueryResponse response = query(plan.request(shard).tableName(table).select(Select.COUNT).exclusiveStartKey(start).build());
                total += response.count();
                start = lastKey(response);
            } while (start != null);
        }
        return total;
    }

    private QueryResponse query(QueryRequest request) {
        try {
            return dynamo.query(request);
        } catch (SdkException e) {
            throw new StorageException("bounce listing failed", e);
        }
    }

    private static Map<String, AttributeValue> lastKey(QueryResponse response) {
        return response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() ? response.lastEvaluatedKey() : null;
    }

    /** DynamoDB orders strings by their UTF-8 bytes, which is code point order (not Java's UTF-16 order). */
    static int compareAsDynamoDb(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    static String encodeCursor(Tables.Listing listing, String sortKey) {
        String raw = CURSOR_VERSION + "\n" + listing.name() + "\n" + sortKey;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws InvalidCursorException when the cursor was not made by this listing for this order, or
     *                                names a key DynamoDB could not take (over {@link InputLimits#DYNAMODB_SORT_KEY_BYTES})
     */
    static String decodeCursor(String cursor, Tables.Listing listing) {
        String raw;
        try {
            raw = StrictUtf8.decode(Base64.getUrlDecoder().decode(cursor))
                    .orElseThrow(() -> new InvalidCursorException("Invalid cursor."));
        } catch (IllegalArgumentException notBase64) {
            throw new InvalidCursorException("Invalid cursor.");
        }
        String[] parts = raw.split("\n", 3);
        if (parts.length != 3 || !parts[0].equals(CURSOR_VERSION) || !parts[1].equals(listing.name()) || parts[2].isEmpty()) {
            throw new InvalidCursorException("Invalid cursor: it belongs to another query or order.");
        }
        if (parts[2].getBytes(StandardCharsets.UTF_8).length > InputLimits.DYNAMODB_SORT_KEY_BYTES) {
            throw new InvalidCursorException("Invalid cursor: its position is longer than "
                    + InputLimits.DYNAMODB_SORT_KEY_BYTES + " bytes, so no listing made it.");
        }
        return parts[2];
    }
}
