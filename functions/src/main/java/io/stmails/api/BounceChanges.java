package io.stmails.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.actions.ApiBlocklist;
import io.stmails.domain.Bounce;
import io.stmails.domain.BounceIds;
import io.stmails.domain.Subscriber;
import io.stmails.domain.Uuids;
import io.stmails.http.HttpRequest;
import io.stmails.http.HttpResponse;
import io.stmails.http.Responses;
import io.stmails.store.BounceStore;
import io.stmails.store.SubscriberStore;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The changing routes of the {@code /api/bounces} family: deletes (one, a selection, whatever a filter
 * matches, a subscriber's) and blocklisting the subscribers of bounces. What a filter matches is walked by
 * {@link BudgetedCursorLoop}; past its budget the answer is 202 with how to continue.
 */
final class BounceChanges {
    private static final Set<String> GO_TRUE = Set.of("1", "t", "T", "true", "TRUE", "True");

    private final BounceStore bounces;
    private final SubscriberStore subscribers;
    private final ApiBlocklist blocklister;
    private final BudgetedCursorLoop loop;
    private final Responses responses;
    private final ObjectMapper json;

    BounceChanges(BounceStore bounces, SubscriberStore subscribers, ApiBlocklist blocklister, BudgetedCursorLoop loop,
            Responses responses, ObjectMapper json) {
        this.bounces = bounces;
        this.subscribers = subscribers;
        this.blocklister = blocklister;
        this.loop = loop;
        this.responses = responses;
        this.json = json;
    }

    HttpResponse deleteOne(String id) {
        Optional<Bounce> bounce = BounceIds.isWellFormed(id) ? bounces.findById(id) : Optional.empty();
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
            return deleteAll(filter);
        }
        List<String> ids = request.queryValues("id");
        if (ids.isEmpty() || !ids.stream().allMatch(BounceIds::isWellFormed)) {
            return responses.error(400, "Invalid ID(s)");
        }
        // Unknown ids are ignored, as in listmonk.
        ids.stream().distinct().map(bounces::findById).flatMap(Optional::stream).forEach(bounces::delete);
        return responses.data(true);
    }

    /** Deletes what the filters match (no filter: every bounce); a repeated request continues where this one stopped. */
    private HttpResponse deleteAll(BounceQueryParameters.Parsed filter) {
        AtomicLong deleted = new AtomicLong();
        Optional<String> more = loop.forEachPage(filter.query().withCursor(null), page -> {
            page.forEach(bounces::delete);
            deleted.addAndGet(page.size());
        });
        if (more.isEmpty()) {
            return responses.data(true);
        }
        return responses.accepted("Deleted " + deleted + " bounces; more remain: repeat the request to continue.",
                json.createObjectNode().put("deleted", deleted.get()).put("done", false));
    }

    HttpResponse deleteOfSubscriber(String uuid) {
        if (!Uuids.isWellFormed(uuid)) {
            return responses.error(400, "Invalid UUID.");
        }
        bounces.deleteAllOfSubscriber(uuid.toLowerCase(Locale.ROOT));
        return responses.data(true);
    }

    /**
     * Blocklists the subscribers of the bounces named by {@code id} (a selection), or of every bounce the
     * filters match (no filter: every bounce, as listmonk does), and unsubscribes their lists.
     */
    HttpResponse blocklist(HttpRequest request) {
        List<String> ids = request.queryValues("id");
        if (!ids.isEmpty()) {
            return blocklistSelected(ids);
        }
        BounceQueryParameters.Parsed filter = BounceQueryParameters.parse(request, 500, 500);
        if (filter.error() != null) {
            return responses.error(400, filter.error());
        }
        AtomicLong blocklisted = new AtomicLong();
        Optional<String> next = loop.forEachPage(filter.query(),
                page -> blocklisted.addAndGet(blocklistOwners(BudgetedCursorLoop.owners(page))));
        if (next.isEmpty()) {
            return responses.data(true);
        }
        return responses.accepted("Blocklisted " + blocklisted + " subscribers so far; repeat with cursor to continue.",
                json.createObjectNode().put("blocklisted", blocklisted.get()).put("done", false).put("next_cursor", next.get()));
    }

    private HttpResponse blocklistSelected(List<String> ids) {
        if (ids.size() > BounceQueryParameters.ALL_PAGE_LIMIT || !ids.stream().allMatch(BounceIds::isWellFormed)) {
            return responses.error(400, "Invalid ID(s): up to " + BounceQueryParameters.ALL_PAGE_LIMIT + " bounce ids.");
        }
        List<Bounce> selected = ids.stream().distinct().map(bounces::findById).flatMap(Optional::stream).toList();
        long blocklisted = blocklistOwners(BudgetedCursorLoop.owners(selected));
        return responses.data(json.createObjectNode().put("blocklisted", blocklisted).put("done", true));
    }

    private long blocklistOwners(Collection<String> owners) {
        long blocklisted = 0;
        for (Subscriber subscriber : subscribers.findByUuids(owners).values()) {
            blocklisted += blocklister.blocklist(subscriber) ? 1 : 0;
        }
        return blocklisted;
    }
}
