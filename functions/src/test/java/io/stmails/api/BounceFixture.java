package io.stmails.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.ApiUser;
import io.stmails.config.Secrets;
import io.stmails.config.Settings;
import io.stmails.domain.Bounce;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.handler.BounceActionsHandler;
import io.stmails.wiring.ApiWiring;
import io.stmails.wiring.Components;
import io.stmails.http.HttpRequest;
import io.stmails.http.HttpResponse;
import io.stmails.testing.Routing;
import io.stmails.store.dynamodb.Tables;
import io.stmails.testing.DynamoDbLocal;
import io.stmails.testing.TableStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A bounces table seeded through the real recorder, the real stream and the api function's router. */
final class BounceFixture {
    static final String CAMPAIGN_A = "6f2b7c1e-2d3a-4b5c-9d8e-7f6a5b4c3d2e";
    static final String CAMPAIGN_B = "0d9e8f7a-6b5c-4d3e-8f2a-1b0c9d8e7f6a";
    static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    final ObjectMapper json = new ObjectMapper();
    final Tables tables;
    final Components services;
    final ApiRouter api;
    final BounceActionsHandler streamHandler;
    final TableStream stream;
    final List<Bounce> seeded = new ArrayList<>();

    /** {@code count} bounces over six subscribers, two campaigns (and none), three sources and all types, 7 hours apart. */
    BounceFixture(int count) {
        tables = DynamoDbLocal.freshTables();
        Secrets secrets = new Secrets(List.of(
                new ApiUser("admin", "a", Set.of(ApiUser.ALL)),
                new ApiUser("viewer", "v", Set.of("bounces:get")),
                new ApiUser("manager", "m", Set.of("bounces:manage")),
                new ApiUser("hook", "h", Set.of("webhooks:post_bounce"))), json.createObjectNode());
        services = Components.builder().dynamo(DynamoDbLocal.client()).tables(tables).secrets(() -> secrets)
                .settings(Settings.parse("{\"actions\": {\"hard\": {\"action\": \"none\"}, \"complaint\": {\"action\": \"none\"}}}", json))
                .build();
        api = ApiWiring.router(services);
        streamHandler = new BounceActionsHandler(services);
        stream = new TableStream(tables.bounces());
        String[] sources = {"ses", "postfix", "sendgrid"};
        BounceType[] types = BounceType.values();
        for (int i = 0; i < count; i++) {
            String email = "user" + (i % 6) + "@example.com";
            String campaign = i % 3 == 0 ? null : i % 3 == 1 ? CAMPAIGN_A : CAMPAIGN_B;
            record(email, campaign, types[i % 3 == 2 ? 2 : i % 2], sources[i % 3], START.plusSeconds(3600L * 7 * i), "seed-" + i);
        }
        seeded.addAll(all());
        deliverStream();
    }

    List<String> walk(String query) throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode data = data(call("GET", "/api/bounces", query + (cursor == null ? "" : "&cursor=" + cursor)));
            data.path("results").forEach(r -> ids.add(r.path("id").asText()));
            cursor = data.path("next_cursor").textValue();
        } while (cursor != null);
        return ids;
    }

    Predicate<Bounce> matcher(String filter) {
        Predicate<Bounce> matcher = b -> true;
        for (String pair : filter.split("&")) {
            String[] kv = pair.split("=", 2);
            String value = kv[1];
            matcher = matcher.and(switch (kv[0]) {
                case "campaign_uuid", "campaign_id" -> b -> value.equals(b.campaignUuid());
                case "source" -> b -> value.equals(b.source());
                case "type" -> b -> value.equals(b.type().wire());
                case "email" -> b -> value.equalsIgnoreCase(b.email());
                case "from" -> b -> !b.createdAt().isBefore(instant(value));
                case "to" -> b -> b.createdAt().isBefore(instant(value));
                default -> b -> true;
            });
        }
        return matcher;
    }

    static Instant instant(String value) {
        return value.length() == 10 ? Instant.parse(value + "T00:00:00Z") : Instant.parse(value);
    }

    long count(Predicate<Bounce> predicate) {
        return seeded.stream().filter(predicate).count();
    }

    List<Bounce> sorted(Comparator<Bounce> order) {
        return seeded.stream().sorted(order).toList();
    }

    List<Bounce> all() {
        List<Bounce> bounces = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            services.subscribers().findByEmail("user" + i + "@example.com")
                    .ifPresent(s -> bounces.addAll(services.bounces().listBySubscriber(s.uuid())));
        }
        return bounces;
    }

    void record(String email, String campaign, BounceType type, String source, Instant at, String key) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("key", key);
        String metaJson;
        try {
            metaJson = json.writeValueAsString(meta);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        services.recorder().record(new BounceEvent(email, null, campaign, type, source, at, metaJson, key));
    }

    void deliverStream() {
        var response = streamHandler.handleRequest(stream.drain(), null);
        assertEquals(List.of(), response.getBatchItemFailures());
    }

    HttpResponse call(String method, String path, String query) {
        return api.handle(Routing.request(method, path, Map.of("authorization", "token admin:a"), query, new byte[0]));
    }

    JsonNode data(HttpResponse response) throws Exception {
        assertEquals(200, response.status(), response.body());
        return json.readTree(response.body()).path("data");
    }
}
