package io.stmails.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.catalog.ApiEndpoint;
import io.stmails.domain.Uuids;
import io.stmails.http.HttpResponse;
import io.stmails.http.Responses;
import io.stmails.store.ActionRecord;
import io.stmails.store.ReactivationRecord;
import io.stmails.store.SubscriberHistory;
import io.stmails.suppression.SuppressionList;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * {@code GET /api/subscribers/{uuid}/actions}: the actions applied to a subscriber (by threshold,
 * API or import), the reactivations that undid them, and what that means for the suppression list.
 */
public final class SubscriberActionsApi {
    private final SubscriberHistory history;
    private final SuppressionList suppressionList;
    private final Responses responses;
    private final ObjectMapper json;

    public SubscriberActionsApi(SubscriberHistory history, SuppressionList suppressionList, Responses responses,
            ObjectMapper json) {
        this.history = history;
        this.suppressionList = suppressionList;
        this.responses = responses;
        this.json = json;
    }

    public List<ApiRoute> routes() {
        return List.of(new ApiRoute(ApiEndpoint.SUBSCRIBER_ACTIONS, (r, p) -> actions(p.get("uuid"))));
    }

    HttpResponse actions(String uuid) {
        if (!Uuids.isWellFormed(uuid)) {
            return responses.error(400, "Invalid UUID.");
        }
        String subscriber = uuid.toLowerCase(Locale.ROOT);
        List<ActionRecord> actions = history.actionsOf(subscriber);
        ObjectNode data = json.createObjectNode();
        ArrayNode applied = data.putArray("actions");
        for (ActionRecord action : actions) {
            ObjectNode node = applied.addObject()
                    .put("id", action.bounceId())
                    .put("action", action.action().wire())
                    .put("bounce_type", action.bounceType() == null ? null : action.bounceType().wire())
                    .put("count", action.count())
                    .put("threshold", action.threshold())
                    .put("campaign_uuid", action.campaignUuid())
                    .put("source", action.source())
                    .put("applied_at", text(action.appliedAt()))
                    .put("status_before", action.statusBefore() == null ? null : action.statusBefore().wire())
                    .put("suppression_pending", action.suppressionPending())
                    .put("reversed_at", text(action.reversedAt()));
            node.put("in_force", action.inForce());
        }
        ArrayNode reactivations = data.putArray("reactivations");
        for (ReactivationRecord record : history.reactivationsOf(subscriber)) {
            ArrayNode reversed = reactivations.addObject()
                    .put("id", record.id())
                    .put("reactivated_at", text(record.reactivatedAt()))
                    .put("forced", record.forced())
                    .put("bounces_cleared", record.bouncesCleared())
                    .putArray("reversed_actions");
            record.reversedActions().forEach(reversed::add);
        }
        data.put("suppression", suppression(actions));
        return responses.data(data);
    }

    /**
     * The subscriber's place on the suppression list as far as stmails' own decisions go: an address
     * someone put there by hand in SES is not known here.
     */
    private String suppression(List<ActionRecord> actions) {
        if (!suppressionList.isEnabled()) {
            return "not_synchronised";
        }
        boolean decided = actions.stream().anyMatch(a -> a.reversedAt() == null && isSuppressing(a));
        if (!decided) {
            return "not_suppressed";
        }
        return actions.stream().anyMatch(a -> a.reversedAt() == null && isSuppressing(a) && a.suppressionPending())
                ? "pending" : "suppressed";
    }

    private static boolean isSuppressing(ActionRecord action) {
        return switch (action.action()) {
            case BLOCKLIST, DELETE -> true;
            default -> false;
        };
    }

    private static String text(Instant time) {
        return time == null ? null : time.toString();
    }
}
