package io.stmails.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.stmails.actions.ApiBlocklist;
import io.stmails.domain.Bounce;
import io.stmails.domain.InputLimits;
import io.stmails.domain.StatsCounters;
import io.stmails.domain.Subscriber;
import io.stmails.domain.Uuids;
import io.stmails.http.HttpRequest;
import io.stmails.http.HttpResponse;
import io.stmails.http.Responses;
import io.stmails.store.BouncePage;
import io.stmails.store.BounceQuery;
import io.stmails.store.BounceStore;
import io.stmails.store.StatsStore;
import io.stmails.store.SubscriberStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** listmonk's {@code /api/bounces} family, with cursors, filters, export and statistics. */
public final class BounceApi {
    private static final Logger LOG = LoggerFactory.getLogger(BounceApi.class);
    /** Bulk operations stop after this long and say how to continue: API Gateway gives up at 29 s. */
    static final Duration BULK_BUDGET = Duration.ofSeconds(20);
    /** Lambda responses are limited to 6 MB; an export page stops below that. */
    static final int EXPORT_MAX_BYTES = 5 * 1024 * 1024;
    static final int EXPORT_PAGE_ROWS = 1000;
    private static final Pattern BOUNCE_ID = Pattern.compile("^[0-9A-HJKMNP-TV-Z]{26}$");
    private static final Set<String> GO_TRUE = Set.of("1", "t", "T", "true", "TRUE", "True");
    private static final String CSV_HEADER =
            "id,created_at,type,source,email,subscriber_uuid,subscriber_status,campaign_uuid,meta\r\n";

    private final BounceStore bounces;
    private final SubscriberStore subscribers;
    private final StatsStore stats;
    private final ApiBlocklist blocklister;
    private final Responses responses;
    private final ObjectMapper json;
    private final Supplier<Instant> clock;

    public BounceApi(BounceStore bounces, SubscriberStore subscribers, StatsStore stats, ApiBlocklist blocklister,
            Responses responses, ObjectMapper json, Supplier<Instant> clock) {
        this.bounces = bounces;
        this.subscribers = subscribers;
        this.stats = stats;
        this.blocklister = blocklister;
        this.responses = responses;
        this.json = json;
        this.clock = clock;
    }

    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(ApiEndpoint.BOUNCE_STATS, (r, p) -> stats(r)),
                new ApiRoute(ApiEndpoint.BOUNCE_EXPORT, (r, p) -> export(r)),
                new ApiRoute(ApiEndpoint.BOUNCE_BLOCKLIST, (r, p) -> blocklistAll(r)),
                new ApiRoute(ApiEndpoint.BOUNCE_LIST, (r, p) -> list(r)),
                new ApiRoute(ApiEndpoint.BOUNCE_DELETE_MANY, (r, p) -> deleteMany(r)),
                new ApiRoute(ApiEndpoint.BOUNCE_GET, (r, p) -> get(p.get("id"))),
                new ApiRoute(ApiEndpoint.BOUNCE_DELETE, (r, p) -> deleteOne(p.get("id"))),
                new ApiRoute(ApiEndpoint.SUBSCRIBER_BOUNCES, (r, p) -> ofSubscriber(p.get("uuid"))),
                new ApiRoute(ApiEndpoint.SUBSCRIBER_BOUNCES_DELETE, (r, p) -> deleteOfSubscriber(p.get("uuid"))));
    }

    HttpResponse list(HttpRequest request) {
        BounceQueryParameters.Parsed parsed = BounceQueryParameters.parse(request,
                BounceQueryParameters.DEFAULT_PER_PAGE, BounceQueryParameters.MAX_PER_PAGE);
        if (parsed.error() != null) {
            return responses.error(400, parsed.error());
        }
        BounceQuery query = parsed.query();
        long skip = (long) (parsed.page() - 1) * query.limit();
        if (skip > 10_000) {
            return responses.error(400, "page is too deep for page numbers: follow next_cursor instead.");
        }
        BouncePage page;
        try {
            page = skip == 0 ? bounces.query(query) : skipThenQuery(query, skip);
        } catch (IllegalArgumentException invalidCursor) {
            return responses.error(400, invalidCursor.getMessage());
        }
        ObjectNode data = json.createObjectNode();
        ArrayNode results = data.putArray("results");
        Map<String, Subscriber> owners = subscribers.findByUuids(page.bounces().stream().map(Bounce::subscriberUuid).toList());
        page.bounces().forEach(b -> results.add(toJson(b, owners.get(b.subscriberUuid()))));
        data.put("search", "");
        data.put("query", "");
        boolean empty = page.bounces().isEmpty();
        data.put("total", empty ? 0 : total(query));
        // listmonk reports per_page 0 for "all", and 0/0 when nothing matched.
        data.put("per_page", empty || parsed.all() ? 0 : query.limit());
        data.put("page", empty ? 0 : parsed.page());
        data.put("next_cursor", page.nextCursor());
        return responses.data(data);
    }

    private BouncePage skipThenQuery(BounceQuery query, long skip) {
        BounceQuery current = query;
        long skipped = 0;
        while (skipped < skip) {
            BouncePage page = bounces.query(current.withLimit((int) Math.min(1000, skip - skipped)));
            if (page.nextCursor() == null) {
                return BouncePage.EMPTY;
            }
            skipped += page.bounces().size();
            current = query.withCursor(page.nextCursor());
        }
        return bounces.query(current);
    }

    /**
     * {@code total} without scanning: the counters kept from the stream answer no filter, one of
     * campaign / source / type, campaign with source or type, and whole-day ranges; other
     * combinations are counted on the index they are listed from.
     */
    long total(BounceQuery query) {
        boolean sourceAndType = query.source() != null && query.type() != null;
        if (query.email() != null || sourceAndType || !isWholeDays(query.from()) || !isWholeDays(query.to())) {
            return bounces.count(query);
        }
        Map<String, Long> counters = stats.read(query.campaignUuid() == null
                ? StatsCounters.ALL : StatsCounters.campaignScope(query.campaignUuid()));
        if (query.from() != null || query.to() != null) {
            if (query.source() != null || query.type() != null) {
                return bounces.count(query);
            }
            return days(counters, query.from(), query.to()).values().stream().mapToLong(Long::longValue).sum();
        }
        String dimension = query.source() != null ? "source#" + query.source()
                : query.type() != null ? "type#" + query.type().wire() : StatsCounters.TOTAL;
        return counters.getOrDefault(dimension, 0L);
    }

    private static boolean isWholeDays(Instant time) {
        return time == null || time.atZone(ZoneOffset.UTC).toLocalTime().toSecondOfDay() == 0 && time.getNano() == 0;
    }

    private static Map<String, Long> days(Map<String, Long> counters, Instant from, Instant to) {
        Map<String, Long> days = new TreeMap<>();
        counters.forEach((dimension, count) -> {
            if (dimension.startsWith("day#") && count != 0) {
                LocalDate day = LocalDate.parse(dimension.substring(4));
                if (StatsBreakdown.inRange(day, from, to)) {
                    days.put(day.toString(), count);
                }
            }
        });
        return days;
    }

    HttpResponse get(String id) {
        Optional<Bounce> bounce = validId(id) ? bounces.findById(id) : Optional.empty();
        if (bounce.isEmpty()) {
            return responses.error(404, "Bounce not found.");
        }
        ObjectNode found = toJson(bounce.get(), subscribers.findByUuid(bounce.get().subscriberUuid()).orElse(null));
        found.set("evidence", storedJson(bounce.get().evidence(), bounce.get().id()));
        return responses.data(found);
    }

    HttpResponse deleteOne(String id) {
        Optional<Bounce> bounce = validId(id) ? bounces.findById(id) : Optional.empty();
        if (bounce.isEmpty()) {
            return responses.error(404, "Bounce not found.");
        }
        bounces.delete(bounce.get());
        return responses.data(true);
    }

    HttpResponse deleteMany(HttpRequest request) {
        if (request.query("all").map(GO_TRUE::contains).orElse(false)) {
            BounceQueryParameters.Parsed filter = BounceQueryParameters.parse(request, 1000, 1000);
            if (filter.error() != null) {
                return responses.error(400, filter.error());
            }
            return deleteAll(filter.query().withCursor(null));
        }
        List<String> ids = request.queryValues("id");
        if (ids.isEmpty() || !ids.stream().allMatch(BounceApi::validId)) {
            return responses.error(400, "Invalid ID(s)");
        }
        // Unknown ids are ignored, as in listmonk.
        ids.stream().distinct().map(bounces::findById).flatMap(Optional::stream).forEach(bounces::delete);
        return responses.data(true);
    }

    /**
     * Deletes what the filters match (no filter: every bounce) page by page; past the time budget it
     * answers 202 and the caller repeats the request.
     */
    private HttpResponse deleteAll(BounceQuery matching) {
        Instant deadline = clock.get().plus(BULK_BUDGET);
        long deleted = 0;
        while (true) {
            BouncePage page = bounces.query(matching);
            page.bounces().forEach(bounces::delete);
            deleted += page.bounces().size();
            if (page.nextCursor() == null) {
                return responses.data(true);
            }
            if (clock.get().isAfter(deadline)) {
                return accepted("Deleted " + deleted + " bounces; more remain: repeat the request to continue.",
                        json.createObjectNode().put("deleted", deleted).put("done", false));
            }
        }
    }

    /**
     * Blocklists the subscribers of the bounces named by {@code id} (a selection), or of every bounce the
     * filters match (no filter: every bounce, as listmonk does), and unsubscribes their lists.
     */
    HttpResponse blocklistAll(HttpRequest request) {
        List<String> ids = request.queryValues("id");
        if (!ids.isEmpty()) {
            return blocklistSelected(ids);
        }
        BounceQueryParameters.Parsed filter = BounceQueryParameters.parse(request, 500, 500);
        if (filter.error() != null) {
            return responses.error(400, filter.error());
        }
        Instant deadline = clock.get().plus(BULK_BUDGET);
        BounceQuery query = filter.query();
        long blocklisted = 0;
        try {
            while (true) {
                BouncePage page = bounces.query(query);
                Set<String> owners = new LinkedHashSet<>();
                page.bounces().forEach(b -> owners.add(b.subscriberUuid()));
                for (Subscriber subscriber : subscribers.findByUuids(owners).values()) {
                    blocklisted += blocklister.blocklist(subscriber) ? 1 : 0;
                }
                if (page.nextCursor() == null) {
                    return responses.data(true);
                }
                query = query.withCursor(page.nextCursor());
                if (clock.get().isAfter(deadline)) {
                    return accepted("Blocklisted " + blocklisted + " subscribers so far; repeat with cursor to continue.",
                            json.createObjectNode().put("blocklisted", blocklisted).put("done", false)
                                    .put("next_cursor", page.nextCursor()));
                }
            }
        } catch (IllegalArgumentException invalidCursor) {
            return responses.error(400, invalidCursor.getMessage());
        }
    }

    private HttpResponse blocklistSelected(List<String> ids) {
        if (ids.size() > BounceQueryParameters.ALL_PAGE_LIMIT || !ids.stream().allMatch(BounceApi::validId)) {
            return responses.error(400, "Invalid ID(s): up to " + BounceQueryParameters.ALL_PAGE_LIMIT + " bounce ids.");
        }
        Set<String> owners = new LinkedHashSet<>();
        ids.stream().distinct().map(bounces::findById).flatMap(Optional::stream).forEach(b -> owners.add(b.subscriberUuid()));
        long blocklisted = 0;
        for (Subscriber subscriber : subscribers.findByUuids(owners).values()) {
            blocklisted += blocklister.blocklist(subscriber) ? 1 : 0;
        }
        return responses.data(json.createObjectNode().put("blocklisted", blocklisted).put("done", true));
    }

    HttpResponse ofSubscriber(String uuid) {
        if (!Uuids.isWellFormed(uuid)) {
            return responses.error(400, "Invalid UUID.");
        }
        String normalised = uuid.toLowerCase(Locale.ROOT);
        List<Bounce> latest = bounces.listBySubscriber(normalised);
        Subscriber owner = subscribers.findByUuid(normalised).orElse(null);
        ArrayNode results = json.createArrayNode();
        // listmonk returns the newest 1000 as a plain array (an unknown subscriber has none).
        latest.stream().limit(1000).forEach(b -> results.add(toJson(b, owner)));
        return responses.data(results);
    }

    HttpResponse deleteOfSubscriber(String uuid) {
        if (!Uuids.isWellFormed(uuid)) {
            return responses.error(400, "Invalid UUID.");
        }
        bounces.deleteAllOfSubscriber(uuid.toLowerCase(Locale.ROOT));
        return responses.data(true);
    }

    HttpResponse stats(HttpRequest request) {
        String campaign = request.query("campaign_uuid").filter(v -> !v.isBlank()).orElse(null);
        if (campaign != null && !Uuids.isWellFormed(campaign)) {
            return responses.error(400, "Invalid campaign_uuid: expected a UUID.");
        }
        BounceQueryParameters.Parsed range = BounceQueryParameters.parse(request, 1, 1);
        if (range.error() != null) {
            return responses.error(400, range.error());
        }
        Map<String, Long> counters = stats.read(campaign == null ? StatsCounters.ALL
                : StatsCounters.campaignScope(campaign.toLowerCase(Locale.ROOT)));
        ObjectNode data = json.createObjectNode();
        if (campaign != null) {
            data.put("campaign_uuid", campaign.toLowerCase(Locale.ROOT));
        }
        data.put("total", counters.getOrDefault(StatsCounters.TOTAL, 0L));
        ObjectNode byType = data.putObject("by_type");
        for (String type : List.of("hard", "soft", "complaint")) {
            byType.put(type, counters.getOrDefault("type#" + type, 0L));
        }
        ObjectNode bySource = data.putObject("by_source");
        new TreeMap<>(counters).forEach((dimension, count) -> {
            if (dimension.startsWith("source#") && count != 0) {
                bySource.put(dimension.substring("source#".length()), count);
            }
        });
        ArrayNode byDay = data.putArray("by_day");
        days(counters, range.query().from(), range.query().to())
                .forEach((day, count) -> StatsBreakdown.addTypes(byDay.addObject().put("date", day).put("count", count),
                        counters, day));
        StatsBreakdown.addTopReasons(data, counters);
        if (campaign == null) {
            StatsBreakdown.addActions(data, counters, range.query().from(), range.query().to());
        }
        return responses.data(data);
    }

    /**
     * One page of an export: up to {@link #EXPORT_PAGE_ROWS} rows and below {@link #EXPORT_MAX_BYTES};
     * {@code X-Next-Cursor} names the next page. The CSV header comes with the first page only.
     */
    HttpResponse export(HttpRequest request) {
        String format = request.query("format").orElse("csv");
        if (!format.equals("csv") && !format.equals("jsonl")) {
            return responses.error(400, "Invalid format: use csv or jsonl.");
        }
        BounceQueryParameters.Parsed parsed = BounceQueryParameters.parse(request, EXPORT_PAGE_ROWS, EXPORT_PAGE_ROWS);
        if (parsed.error() != null) {
            return responses.error(400, parsed.error());
        }
        BouncePage page;
        try {
            page = bounces.query(parsed.query());
        } catch (IllegalArgumentException invalidCursor) {
            return responses.error(400, invalidCursor.getMessage());
        }
        Map<String, Subscriber> owners = subscribers.findByUuids(page.bounces().stream().map(Bounce::subscriberUuid).toList());
        StringBuilder body = new StringBuilder();
        boolean csv = format.equals("csv");
        if (csv && parsed.query().cursor() == null) {
            body.append(CSV_HEADER);
        }
        String next = page.nextCursor();
        for (int i = 0; i < page.bounces().size(); i++) {
            Bounce bounce = page.bounces().get(i);
            String row = csv ? csvRow(bounce, owners.get(bounce.subscriberUuid())) : jsonRow(bounce, owners.get(bounce.subscriberUuid()));
            if (i > 0 && body.length() + row.length() > EXPORT_MAX_BYTES / 2) {
                // Characters, not bytes: half the byte limit leaves room for any UTF-8 expansion.
                next = page.cursors().get(i - 1);
                break;
            }
            body.append(row);
        }
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8");
        if (next != null) {
            headers.put("x-next-cursor", next);
        }
        if (parsed.query().cursor() == null) {
            headers.put("x-total-count", Long.toString(total(parsed.query())));
        }
        return new HttpResponse(200, headers, body.toString());
    }

    private String csvRow(Bounce bounce, Subscriber owner) {
        List<String> fields = new ArrayList<>(List.of(bounce.id(), bounce.createdAt().toString(), bounce.type().wire(),
                nullToEmpty(bounce.source()), nullToEmpty(bounce.email()), bounce.subscriberUuid(),
                owner == null ? "" : owner.status().wire(), nullToEmpty(bounce.campaignUuid()), bounce.metaJson()));
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                row.append(',');
            }
            row.append(csvField(fields.get(i)));
        }
        return row.append("\r\n").toString();
    }

    /**
     * RFC 4180: quote a field holding a comma, quote or line break; double its quotes. A field that a
     * spreadsheet would take for a formula (starting with {@code = + - @}, tab or carriage return) gets a
     * leading single quote first, as OWASP recommends against CSV injection.
     */
    static String csvField(String raw) {
        String value = !raw.isEmpty() && "=+-@\t\r".indexOf(raw.charAt(0)) >= 0 ? "'" + raw : raw;
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    private String jsonRow(Bounce bounce, Subscriber owner) {
        return toJson(bounce, owner).toString() + "\n";
    }

    /** listmonk's bounce object; ids are strings and {@code campaign} carries the UUID (stmails has no campaign names). */
    ObjectNode toJson(Bounce bounce, Subscriber owner) {
        ObjectNode node = json.createObjectNode();
        node.put("id", bounce.id());
        node.put("type", bounce.type().wire());
        node.put("source", nullToEmpty(bounce.source()));
        node.set("meta", storedJson(bounce.metaJson() == null ? "{}" : bounce.metaJson(), bounce.id()));
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

    /**
     * Stored JSON as it can be rendered: text stored before the meta limits (deeper than a response may
     * nest) or not JSON at all is listed as a JSON string of the stored text, so one item never breaks a listing.
     */
    private JsonNode storedJson(String stored, String bounceId) {
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

    private HttpResponse accepted(String message, ObjectNode data) {
        ObjectNode envelope = json.createObjectNode();
        envelope.set("data", data);
        envelope.put("message", message);
        return new HttpResponse(202, Map.of("content-type", "application/json; charset=utf-8"), envelope.toString());
    }

    private static boolean validId(String id) {
        return id != null && BOUNCE_ID.matcher(id).matches();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
