package io.stmails.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.actions.SuppressionImport;
import io.stmails.catalog.ApiEndpoint;
import io.stmails.http.HttpRequest;
import io.stmails.http.HttpResponse;
import io.stmails.http.Responses;
import io.stmails.suppression.InvalidNextTokenException;
import io.stmails.suppression.SuppressionList;
import io.stmails.suppression.SuppressionPage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The account's suppression list as stmails sees it: {@code GET /api/suppressions} (a page of it) and
 * {@code POST /api/suppressions/import} (records its addresses as blocklisted subscribers, resumable
 * with {@code next_token}). Both need {@code ses.suppression_sync}.
 */
public final class SuppressionApi {
    static final int DEFAULT_PER_PAGE = 100;

    private final SuppressionList list;
    private final SuppressionImport importer;
    private final Responses responses;
    private final ObjectMapper json;
    private final Supplier<Instant> clock;

    public SuppressionApi(SuppressionList list, SuppressionImport importer, Responses responses, ObjectMapper json,
            Supplier<Instant> clock) {
        this.list = list;
        this.importer = importer;
        this.responses = responses;
        this.json = json;
        this.clock = clock;
    }

    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(ApiEndpoint.SUPPRESSIONS, (r, p) -> page(r)),
                new ApiRoute(ApiEndpoint.SUPPRESSIONS_IMPORT, (r, p) -> importPage(r)));
    }

    HttpResponse page(HttpRequest request) {
        if (!list.isEnabled()) {
            return disabled();
        }
        int perPage;
        try {
            perPage = Integer.parseInt(request.query("per_page").orElse(Integer.toString(DEFAULT_PER_PAGE)));
        } catch (NumberFormatException e) {
            perPage = -1;
        }
        if (perPage < 1 || perPage > SuppressionList.MAX_PAGE_SIZE) {
            return responses.error(400, "Invalid per_page: a number from 1 to " + SuppressionList.MAX_PAGE_SIZE + ".");
        }
        SuppressionPage page;
        try {
            page = list.list(nextToken(request).orElse(null), perPage);
        } catch (InvalidNextTokenException e) {
            return responses.error(400, "Invalid next_token: " + e.getMessage());
        }
        ObjectNode data = json.createObjectNode();
        ArrayNode results = data.putArray("results");
        page.addresses().forEach(a -> results.addObject().put("email", a.email()).put("reason", a.reason().name())
                .put("last_update", a.lastUpdated() == null ? null : a.lastUpdated().toString()));
        data.put("next_token", page.nextToken());
        return responses.data(data);
    }

    /** Imports from {@code next_token} (or the start) until the list ends or the bulk time budget runs out. */
    HttpResponse importPage(HttpRequest request) {
        if (!list.isEnabled()) {
            return disabled();
        }
        SuppressionImport.Progress progress;
        try {
            progress = importer.run(nextToken(request).orElse(null), clock.get().plus(BudgetedCursorLoop.BUDGET));
        } catch (InvalidNextTokenException e) {
            return responses.error(400, "Invalid next_token: " + e.getMessage());
        }
        ObjectNode data = json.createObjectNode()
                .put("read", progress.read())
                .put("created", progress.created())
                .put("blocklisted", progress.blocklisted())
                .put("unchanged", progress.unchanged())
                .put("invalid", progress.invalid())
                .put("done", progress.done())
                .put("next_token", progress.nextToken());
        if (!progress.done()) {
            return responses.accepted("Imported " + progress.read() + " addresses so far; repeat with next_token to "
                    + "continue.", data);
        }
        return responses.data(data);
    }

    private static Optional<String> nextToken(HttpRequest request) {
        return request.query("next_token").filter(t -> !t.isEmpty());
    }

    private HttpResponse disabled() {
        return responses.error(409, "The suppression list is not synchronised: set ses.suppression_sync to true.");
    }
}
