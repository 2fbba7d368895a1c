package io.stmails.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.actions.ApiDeletion;
import io.stmails.actions.Erasure;
import io.stmails.address.Emails;
import io.stmails.catalog.ApiEndpoint;
import io.stmails.domain.BounceType;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.domain.Uuids;
import io.stmails.http.BadRequestException;
import io.stmails.http.HttpRequest;
import io.stmails.http.HttpResponse;
import io.stmails.http.Responses;
import io.stmails.http.StrictJson;
import io.stmails.store.BounceStore;
import io.stmails.store.EmailTakenException;
import io.stmails.store.SubscriberStore;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/** The minimal subscriber API, in listmonk's shapes, with string ids (the subscriber UUID). */
public final class SubscriberApi {
    private final SubscriberStore subscribers;
    private final BounceStore bounces;
    private final ApiDeletion deletion;
    private final Erasure erasure;
    private final Responses responses;
    private final ObjectMapper json;
    private final Supplier<Instant> clock;

    public SubscriberApi(SubscriberStore subscribers, BounceStore bounces, ApiDeletion deletion, Erasure erasure,
            Responses responses, ObjectMapper json, Supplier<Instant> clock) {
        this.subscribers = subscribers;
        this.bounces = bounces;
        this.deletion = deletion;
        this.erasure = erasure;
        this.responses = responses;
        this.json = json;
        this.clock = clock;
    }

    public List<ApiRoute> routes() {
        return List.of(
                new ApiRoute(ApiEndpoint.SUBSCRIBER_CREATE, (r, p) -> create(r)),
                new ApiRoute(ApiEndpoint.SUBSCRIBER_FIND, (r, p) -> findByEmail(r)),
                new ApiRoute(ApiEndpoint.SUBSCRIBER_GET, (r, p) -> get(p.get("uuid"))),
                new ApiRoute(ApiEndpoint.SUBSCRIBER_DELETE, (r, p) -> delete(r, p.get("uuid"))));
    }

    HttpResponse create(HttpRequest request) {
        JsonNode body;
        try {
            body = new StrictJson(json).read(request);
        } catch (BadRequestException e) {
            return responses.error(400, "Invalid JSON: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            return responses.error(400, "Invalid JSON: the body must be an object.");
        }
        Optional<String> email = Emails.normalise(body.path("email").asText(null));
        if (email.isEmpty()) {
            return responses.error(400, "Invalid email.");
        }
        String name = body.path("name").asText("").trim();
        if (name.isEmpty()) {
            name = Emails.localPartOf(email.get());
        }
        if (name.length() > 256) {
            return responses.error(400, "Invalid name: at most 256 characters.");
        }
        Optional<SubscriberStatus> status = body.hasNonNull("status")
                ? SubscriberStatus.fromWire(body.get("status").asText())
                : Optional.of(SubscriberStatus.ENABLED);
        if (status.isEmpty()) {
            return responses.error(400, "Invalid status: use enabled, disabled or blocklisted.");
        }
        JsonNode listIds = body.path("lists");
        if (!listIds.isMissingNode() && !listIds.isNull() && !listIds.isArray()) {
            return responses.error(400, "Invalid lists: expected an array of list ids.");
        }
        SubscriptionStatus subscription = status.get() == SubscriberStatus.BLOCKLISTED
                ? SubscriptionStatus.UNSUBSCRIBED
                : body.path("preconfirm_subscriptions").asBoolean(false)
                        ? SubscriptionStatus.CONFIRMED : SubscriptionStatus.UNCONFIRMED;
        Map<String, SubscriptionStatus> lists = new LinkedHashMap<>();
        for (JsonNode id : listIds) {
            if (!(id.isIntegralNumber() || id.isTextual()) || id.asText().isBlank()) {
                return responses.error(400, "Invalid lists: list ids must be numbers or non-empty strings.");
            }
            lists.put(id.asText().trim(), subscription);
        }
        Instant now = clock.get();
        Subscriber subscriber = new Subscriber(UUID.randomUUID().toString(), email.get(), name, status.get(), lists,
                now, now, 1);
        try {
            subscribers.create(subscriber);
        } catch (EmailTakenException e) {
            return responses.error(409, "E-mail already exists.");
        }
        return responses.data(toJson(subscriber, null));
    }

    HttpResponse get(String uuid) {
        Optional<Subscriber> subscriber = lookup(uuid);
        if (subscriber.isEmpty()) {
            return responses.error(404, "Subscriber not found.");
        }
        return responses.data(toJson(subscriber.get(), bounces.countsByType(subscriber.get().uuid())));
    }

    HttpResponse findByEmail(HttpRequest request) {
        Optional<String> query = request.query("email");
        if (query.isEmpty()) {
            return responses.error(400, "Query parameter email is required (GET /api/subscribers?email=...).");
        }
        Optional<String> email = Emails.normalise(query.get());
        if (email.isEmpty()) {
            return responses.error(400, "Invalid email.");
        }
        ArrayNode results = json.createArrayNode();
        subscribers.findByEmail(email.get()).ifPresent(s -> results.add(toJson(s, bounces.countsByType(s.uuid()))));
        ObjectNode page = json.createObjectNode();
        page.set("results", results);
        page.put("query", "");
        page.put("total", results.size());
        page.put("per_page", 20);
        page.put("page", 1);
        return responses.data(page);
    }

    HttpResponse delete(HttpRequest request, String uuid) {
        Optional<String> erase = request.query("erase");
        if (erase.isPresent() && !erase.get().equals("true") && !erase.get().equals("false")) {
            return responses.error(400, "Invalid erase: use true or false.");
        }
        if (erase.map("true"::equals).orElse(false)) {
            return erase(uuid);
        }
        if (!Uuids.isWellFormed(uuid) || !deletion.delete(uuid.toLowerCase(Locale.ROOT))) {
            return responses.error(404, "Subscriber not found.");
        }
        return responses.data(true);
    }

    /** GDPR erasure: everything stmails holds about the subscriber, and her suppression-list entry. */
    private HttpResponse erase(String uuid) {
        if (!Uuids.isWellFormed(uuid)) {
            return responses.error(404, "Subscriber not found.");
        }
        Erasure.Erased erased = erasure.erase(uuid.toLowerCase(Locale.ROOT));
        if (erased.nothing()) {
            return responses.error(404, "Subscriber not found.");
        }
        ObjectNode data = json.createObjectNode();
        data.put("erased", true);
        data.put("email", erased.email());
        data.putObject("removed")
                .put("subscriber", erased.subscribers())
                .put("bounces", erased.bounces())
                .put("action_records", erased.historyRecords())
                .put("suppression_entries", erased.suppressionEntries());
        return responses.data(data);
    }

    private Optional<Subscriber> lookup(String uuid) {
        if (!Uuids.isWellFormed(uuid)) {
            return Optional.empty();
        }
        return subscribers.findByUuid(uuid.toLowerCase(Locale.ROOT));
    }

    private ObjectNode toJson(Subscriber subscriber, Map<BounceType, Long> bounceCounts) {
        return SubscriberJson.of(json, subscriber, bounceCounts);
    }
}
