package io.stmails.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.actions.ApiBlocklist;
import io.stmails.catalog.ApiEndpoint;
import io.stmails.http.Responses;
import io.stmails.store.BounceStore;
import io.stmails.store.StatsStore;
import io.stmails.store.SubscriberStore;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * listmonk's {@code /api/bounces} family, with cursors, filters, export and statistics: reads in
 * {@link BounceQueries}, the export in {@link BounceExport}, deletes and blocklisting in {@link BounceChanges}.
 */
public final class BounceApi {
    private final BounceQueries queries;
    private final BounceExport export;
    private final BounceChanges changes;

    public BounceApi(BounceStore bounces, SubscriberStore subscribers, StatsStore stats, ApiBlocklist blocklister,
            Responses responses, ObjectMapper json, Supplier<Instant> clock) {
        BounceJson bounceJson = new BounceJson(json);
        BounceTotals totals = new BounceTotals(bounces, stats);
        this.queries = new BounceQueries(bounces, subscribers, stats, totals, bounceJson, responses, json);
        this.export = new BounceExport(bounces, subscribers, totals, bounceJson, responses);
        this.changes = new BounceChanges(bounces, subscribers, blocklister, new BudgetedCursorLoop(bounces, clock),
                responses, json);
    }

    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(ApiEndpoint.BOUNCE_STATS, (r, p) -> queries.stats(r)),
                new ApiRoute(ApiEndpoint.BOUNCE_EXPORT, (r, p) -> export.export(r)),
                new ApiRoute(ApiEndpoint.BOUNCE_BLOCKLIST, (r, p) -> changes.blocklist(r)),
                new ApiRoute(ApiEndpoint.BOUNCE_LIST, (r, p) -> queries.list(r)),
                new ApiRoute(ApiEndpoint.BOUNCE_DELETE_MANY, (r, p) -> changes.deleteMany(r)),
                new ApiRoute(ApiEndpoint.BOUNCE_GET, (r, p) -> queries.get(p.get("id"))),
                new ApiRoute(ApiEndpoint.BOUNCE_DELETE, (r, p) -> changes.deleteOne(p.get("id"))),
                new ApiRoute(ApiEndpoint.SUBSCRIBER_BOUNCES, (r, p) -> queries.ofSubscriber(p.get("uuid"))),
                new ApiRoute(ApiEndpoint.SUBSCRIBER_BOUNCES_DELETE, (r, p) -> changes.deleteOfSubscriber(p.get("uuid"))));
    }
}
