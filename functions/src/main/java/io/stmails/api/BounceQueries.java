package io.stmails.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.domain.Bounce;
import io.stmails.domain.BounceIds;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The reading routes of listmonk's {@code /api/bounces} family: the listing with cursors and filters, one bounce, a subscriber's bounces, statistics. */
final class BounceQueries {
    private final BounceStore bounces;
    private final SubscriberStore subscribers;
    private final StatsStore stats;
    private final BounceTotals totals;
    private final BounceJson bounceJson;
    private final Responses responses;
    private final ObjectMapper json;

    BounceQueries(BounceStore bounces, SubscriberStore subscribers, StatsStore stats, BounceTotals totals,
            BounceJson bounceJson, Responses responses, ObjectMapper json) {
        this.bounces = bounces;
        this.subscribers = subscribers;
        this.stats = stats;
        this.totals = totals;
        this.bounceJson = bounceJson;
        this.responses = responses;
        this.json = json;
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
        BouncePage page = skip == 0 ? bounces.query(query) : skipThenQuery(query, skip);
        ObjectNode data = json.createObjectNode();
        ArrayNode results = data.putArray("results");
        Map<String, Subscriber> owners = subscribers.findByUuids(page.bounces().stream().map(Bounce::subscriberUuid).toList());
        page.bounces().forEach(b -> results.add(bounceJson.of(b, owners.get(b.subscriberUuid()))));
        data.put("search", "");
        data.put("query", "");
        boolean empty = page.bounces().isEmpty();
        data.put("total", empty ? 0 : totals.of(query));
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

    HttpResponse get(String id) {
        Optional<Bounce> bounce = BounceIds.isWellFormed(id) ? bounces.findById(id) : Optional.empty();
        if (bounce.isEmpty()) {
            return responses.error(404, "Bounce not found.");
        }
        return responses.data(bounceJson.withEvidence(bounce.get(),
                subscribers.findByUuid(bounce.get().subscriberUuid()).orElse(null)));
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
        latest.stream().limit(1000).forEach(b -> results.add(bounceJson.of(b, owner)));
        return responses.data(results);
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
        BounceTotals.days(counters, range.query().from(), range.query().to())
                .forEach((day, count) -> StatsBreakdown.addTypes(byDay.addObject().put("date", day).put("count", count),
                        counters, day));
        StatsBreakdown.addTopReasons(data, counters);
        if (campaign == null) {
            StatsBreakdown.addActions(data, counters, range.query().from(), range.query().to());
        }
        return responses.data(data);
    }
}
