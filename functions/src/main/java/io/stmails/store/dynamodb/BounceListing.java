package io.stmails.store.dynamodb;

import static io.stmails.store.dynamodb.BounceItems.s;

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
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Keyset pagination over the write-sharded listing indexes: a page is a k-way merge of the
 * {@link Tables#SHARDS} shards of one index by its sort key, each shard read a small page at a time
 * (only the shard whose turn it is reads more), so a page reads little more than it returns. The cursor is the sort
 * key of the last bounce returned, so a page never shifts while bounces are being written.
 */
final class BounceListing {
    /** Greater than any sort key: U+10FFFF encodes to the highest UTF-8 bytes. */
    private static final String MAX = "\uDBFF\uDFFF";
    private static final String CURSOR_VERSION = "v1";

    private final DynamoDbClient dynamo;
    private final String table;

    BounceListing(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    BouncePage page(BounceQuery query) {
        Plan plan = Plan.of(query);
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
        List<String> cursors = page.stream().map(item -> encodeCursor(plan.listing, item.get(plan.listing.sortKey()).s())).toList();
        return new BouncePage(page.stream().map(BounceItems::fromItem).toList(), cursors,
                more ? cursors.get(cursors.size() - 1) : null);
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
        private final Plan plan;
        private final int shard;
        private final int pageSize;
        private final ArrayDeque<Map<String, AttributeValue>> buffer = new ArrayDeque<>();
        private Map<String, AttributeValue> resumeAt;
        private boolean exhausted;

        ShardCursor(Plan plan, int shard, int pageSize) {
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
        Plan plan = Plan.of(query.withCursor(null));
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

    /** Which index answers a query, the key range inside each shard, and the filters left over. */
    private static final class Plan {
        final Tables.Listing listing;
        final String lower;
        final String upper;
        final String cursorKey;
        final boolean ascending;
        final List<String> filters = new ArrayList<>();
        final Map<String, String> names = new HashMap<>();
        final Map<String, AttributeValue> values = new HashMap<>();

        private Plan(Tables.Listing listing, String lower, String upper, String cursorKey, boolean ascending) {
            this.listing = listing;
            this.lower = lower;
            this.upper = upper;
            this.cursorKey = cursorKey;
            this.ascending = ascending;
        }

        static Plan of(BounceQuery query) {
            Tables.Listing listing = listingFor(query);
            String prefix = prefixFor(listing, query);
            String lower = prefix;
            String upper = prefix == null ? null : prefix + MAX;
            boolean timeInKey = prefix != null || listing == Tables.Listing.BY_TIME;
            if (timeInKey) {
                String base = prefix == null ? "" : prefix;
                if (query.from() != null) {
                    lower = base + Timestamps.format(query.from());
                }
                if (query.to() != null) {
                    upper = base + Timestamps.format(query.to());
                }
            }
            String cursorKey = null;
            if (query.cursor() != null) {
                cursorKey = decodeCursor(query.cursor(), listing);
                if (query.ascending()) {
                    lower = lower == null || compareAsDynamoDb(cursorKey, lower) > 0 ? cursorKey : lower;
                } else {
                    upper = upper == null || compareAsDynamoDb(cursorKey, upper) < 0 ? cursorKey : upper;
                }
            }
            Plan plan = new Plan(listing, lower, upper, cursorKey, query.ascending());
            if (listing != Tables.Listing.BY_EMAIL || query.email() == null) {
                plan.equal("email", query.email());
            }
            if (listing != Tables.Listing.BY_CAMPAIGN || query.campaignUuid() == null) {
                plan.equal("campaign_uuid", query.campaignUuid());
            }
            if (listing != Tables.Listing.BY_SOURCE || query.source() == null) {
                plan.equal("source", query.source());
            }
            if (listing != Tables.Listing.BY_TYPE || query.type() == null) {
                plan.equal("type", query.type() == null ? null : query.type().wire());
            }
            if (!timeInKey) {
                if (query.from() != null) {
                    plan.compare("created_at", ">=", Timestamps.format(query.from()));
                }
                if (query.to() != null) {
                    plan.compare("created_at", "<", Timestamps.format(query.to()));
                }
            }
            return plan;
        }

        /** Ordered by created_at, the most selective equality filter picks the index; otherwise the order does. */
        private static Tables.Listing listingFor(BounceQuery query) {
            return switch (query.orderBy()) {
                case EMAIL -> Tables.Listing.BY_EMAIL;
                case SOURCE -> Tables.Listing.BY_SOURCE;
                case TYPE -> Tables.Listing.BY_TYPE;
                case CAMPAIGN -> Tables.Listing.BY_CAMPAIGN;
                case CREATED_AT -> query.email() != null ? Tables.Listing.BY_EMAIL
                        : query.campaignUuid() != null ? Tables.Listing.BY_CAMPAIGN
                        : query.source() != null ? Tables.Listing.BY_SOURCE
                        : query.type() != null ? Tables.Listing.BY_TYPE
                        : Tables.Listing.BY_TIME;
            };
        }

        private static String prefixFor(Tables.Listing listing, BounceQuery query) {
            String value = switch (listing) {
                case BY_EMAIL -> query.email();
                case BY_CAMPAIGN -> query.campaignUuid();
                case BY_SOURCE -> query.source();
                case BY_TYPE -> query.type() == null ? null : query.type().wire();
                case BY_TIME -> null;
            };
            return value == null ? null : value + Tables.SEPARATOR;
        }

        /** A range that cannot hold anything (from after to, or a cursor past the range). */
        boolean isEmpty() {
            return lower != null && upper != null && compareAsDynamoDb(lower, upper) > 0;
        }

        private void equal(String attribute, String value) {
            if (value != null) {
                compare(attribute, "=", value);
            }
        }

        private void compare(String attribute, String operator, String value) {
            String name = "#f" + filters.size();
            String placeholder = ":f" + filters.size();
            filters.add(name + " " + operator + " " + placeholder);
            names.put(name, attribute);
            values.put(placeholder, s(value));
        }

        QueryRequest.Builder request(int shard) {
            Map<String, String> allNames = new HashMap<>(names);
            Map<String, AttributeValue> allValues = new HashMap<>(values);
            allNames.put("#pk", Tables.ALL_SHARD);
            if (lower != null || upper != null) {
                allNames.put("#sk", listing.sortKey());
            }
            allValues.put(":pk", s("ALL#" + shard));
            String condition = "#pk = :pk";
            if (lower != null && upper != null) {
                condition += " AND #sk BETWEEN :lo AND :hi";
            } else if (lower != null) {
                condition += " AND #sk >= :lo";
            } else if (upper != null) {
                condition += " AND #sk <= :hi";
            }
            if (lower != null) {
                allValues.put(":lo", s(lower));
            }
            if (upper != null) {
                allValues.put(":hi", s(upper));
            }
            QueryRequest.Builder request = QueryRequest.builder()
                    .indexName(listing.indexName())
                    .keyConditionExpression(condition)
                    .scanIndexForward(ascending)
                    .expressionAttributeNames(allNames)
                    .expressionAttributeValues(allValues);
            if (!filters.isEmpty()) {
                request.filterExpression(String.join(" AND ", filters));
            }
            return request;
        }
    }
}
