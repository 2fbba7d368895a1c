package io.stmails.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.stmails.actions.Reactivation;
import io.stmails.catalog.ApiEndpoint;
import io.stmails.domain.Uuids;
import io.stmails.http.HttpRequest;
import io.stmails.http.HttpResponse;
import io.stmails.http.Responses;
import io.stmails.store.BounceQuery;
import io.stmails.store.BounceStore;
import io.stmails.store.ReactivationRecord;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code POST /api/subscribers/{uuid}/reactivate} and its bulk form {@code POST
 * /api/subscribers/reactivate?<bounce filters>}, which reactivates the owners of the matching
 * bounces page by page within the bulk time budget.
 */
public final class ReactivationApi {
    /** The optional body: {@code {"force": true}} reactivates a subscriber who complained. */
    record ReactivateRequest(Boolean force) {
        boolean forced() {
            return Boolean.TRUE.equals(force);
        }
    }

    private final Reactivation reactivation;
    private final BudgetedCursorLoop loop;
    private final Responses responses;
    private final ObjectMapper json;
    private final ObjectReader requestReader;

    public ReactivationApi(Reactivation reactivation, BounceStore bounces, Responses responses, ObjectMapper json,
            Supplier<Instant> clock) {
        this.reactivation = reactivation;
        this.loop = new BudgetedCursorLoop(bounces, clock);
        this.responses = responses;
        this.json = json;
        ObjectMapper strict = json.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        strict.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        this.requestReader = strict.readerFor(ReactivateRequest.class);
    }

    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(ApiEndpoint.REACTIVATE_MANY, (r, p) -> reactivateMany(r)),
                new ApiRoute(ApiEndpoint.REACTIVATE, (r, p) -> reactivateOne(r, p.get("uuid"))));
    }

    HttpResponse reactivateOne(HttpRequest request, String uuid) {
        ReactivateRequest body;
        try {
            body = body(request);
        } catch (JsonProcessingException e) {
            return responses.error(400, "Invalid JSON: " + e.getOriginalMessage() + " (expected {\"force\": true|false}).");
        }
        if (!Uuids.isWellFormed(uuid)) {
            return responses.error(404, "Subscriber not found.");
        }
        Reactivation.Result result = reactivation.reactivate(uuid.toLowerCase(Locale.ROOT), body.forced());
        return switch (result.outcome()) {
            case NOT_FOUND -> responses.error(404, "Subscriber not found.");
            case REFUSED_COMPLAINT -> responses.error(409, result.refusal()
                    + " Reactivating a complainer risks the sender's reputation; send {\"force\": true} to do it anyway.");
            case NOTHING_TO_UNDO, REACTIVATED -> responses.data(toJson(result));
        };
    }

    private ObjectNode toJson(Reactivation.Result result) {
        ObjectNode data = json.createObjectNode();
        ReactivationRecord record = result.record();
        data.put("reactivated", record != null);
        data.set("subscriber", SubscriberJson.of(json, result.subscriber(), null));
        if (record != null) {
            data.put("reactivation_id", record.id());
            data.put("forced", record.forced());
            record.reversedActions().forEach(data.putArray("reversed_actions")::add);
            data.put("bounces_cleared", record.bouncesCleared());
            data.put("suppression_removed", record.suppressionPending());
        }
        return data;
    }

    /**
     * Needs at least one filter: reactivating every subscriber that ever bounced is never what is
     * meant. Answers 202 with {@code next_cursor} when the time budget runs out.
     */
    HttpResponse reactivateMany(HttpRequest request) {
        ReactivateRequest body;
        try {
            body = body(request);
        } catch (JsonProcessingException e) {
            return responses.error(400, "Invalid JSON: " + e.getOriginalMessage() + " (expected {\"force\": true|false}).");
        }
        BounceQueryParameters.Parsed parsed = BounceQueryParameters.parse(request, 500, 500);
        if (parsed.error() != null) {
            return responses.error(400, parsed.error());
        }
        BounceQuery query = parsed.query();
        if (query.campaignUuid() == null && query.source() == null && query.type() == null && query.email() == null
                && query.from() == null && query.to() == null) {
            return responses.error(400, "Name at least one filter (campaign_uuid, source, type, email, from, to): "
                    + "bulk reactivation never applies to every subscriber.");
        }
        Map<Reactivation.Outcome, Integer> outcomes = new EnumMap<>(Reactivation.Outcome.class);
        Optional<String> next = loop.forEachPage(query, page -> BudgetedCursorLoop.owners(page).forEach(owner ->
                outcomes.merge(reactivation.reactivate(owner, body.forced()).outcome(), 1, Integer::sum)));
        int reactivated = outcomes.getOrDefault(Reactivation.Outcome.REACTIVATED, 0);
        ObjectNode progress = json.createObjectNode().put("reactivated", reactivated)
                .put("refused_complaints", outcomes.getOrDefault(Reactivation.Outcome.REFUSED_COMPLAINT, 0))
                .put("unchanged", outcomes.getOrDefault(Reactivation.Outcome.NOTHING_TO_UNDO, 0)
                        + outcomes.getOrDefault(Reactivation.Outcome.NOT_FOUND, 0));
        if (next.isEmpty()) {
            return responses.data(progress.put("done", true));
        }
        return responses.accepted("Reactivated " + reactivated + " subscribers so far; repeat with cursor to continue.",
                progress.put("done", false).put("next_cursor", next.get()));
    }

    private ReactivateRequest body(HttpRequest request) throws JsonProcessingException {
        String text = request.bodyText();
        if (text.isBlank()) {
            return new ReactivateRequest(false);
        }
        ReactivateRequest parsed = requestReader.readValue(text);
        return parsed == null ? new ReactivateRequest(false) : parsed;
    }
}
