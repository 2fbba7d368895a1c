package io.stmails.reliability;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.Secrets;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.handler.ApiHandler;
import io.stmails.store.dynamodb.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.BeforeTry;

/**
 * Every {@code /api} route, method and query parameter with ordinary, hostile and forged values,
 * including cursors (real ones, truncated, re-encoded with another listing or an oversized key),
 * against a table seeded through the recorder. After any 2xx that could change something, the
 * stored bounces must still be countable, listable and exportable.
 */
class ApiFuzzIT extends FuzzProperties {
    private static final String ENTRY = "api (/api routes)";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The route table (BounceApi, SubscriberApi), GETs several times: they take the most parameters. */
    private static final List<String> ROUTES = List.of("GET /api/bounces", "GET /api/bounces", "GET /api/bounces",
            "GET /api/bounces/stats", "GET /api/bounces/export", "GET /api/bounces/export", "PUT /api/bounces/blocklist",
            "DELETE /api/bounces", "GET /api/bounces/{id}", "DELETE /api/bounces/{id}", "POST /api/subscribers",
            "GET /api/subscribers", "GET /api/subscribers/{uuid}", "DELETE /api/subscribers/{uuid}",
            "GET /api/subscribers/{uuid}/bounces", "DELETE /api/subscribers/{uuid}/bounces");
    private static final List<String> PARAMETERS = List.of("campaign_uuid", "campaign_id", "source", "type", "email", "from",
            "to", "per_page", "page", "cursor", "order_by", "order", "format", "all", "id", "query", "search");
    private List<String> bounceIds;
    private List<String> subscriberUuids;
    private List<String> cursors;

    @Override
    protected FuzzWorld createWorld() {
        return FuzzWorld.create("{}", Secrets.empty(), null);
    }

    /** After the tables were emptied: five bounces of three subscribers, counted, and real cursors of every listing order. */
    @BeforeTry
    void seed() {
        Instant start = Instant.parse("2026-11-01T00:00:00Z");
        String[] sources = {"ses", "postfix", "sendgrid"};
        for (int i = 0; i < 5; i++) {
            world.services.recorder().record(new BounceEvent("seed" + (i % 3) + "@example.com", null,
                    i % 2 == 0 ? "6f2b7c1e-2d3a-4b5c-9d8e-7f6a5b4c3d2e" : null, BounceType.values()[i % 3], sources[i % 3],
                    start.plusSeconds(3600L * i), "{\"n\":" + i + "}", "seed-" + i));
        }
        world.aftermath.check();
        bounceIds = new ArrayList<>();
        subscriberUuids = new ArrayList<>();
        cursors = new ArrayList<>();
        for (String order : List.of("created_at", "email", "source", "type", "campaign_name")) {
            JsonNode page = get("/api/bounces", "per_page=1&order_by=" + order);
            page.path("results").forEach(r -> {
                bounceIds.add(r.path("id").asText());
                subscriberUuids.add(r.path("subscriber_uuid").asText());
            });
            Optional.ofNullable(page.path("next_cursor").textValue()).ifPresent(cursors::add);
        }
    }

    record Call(String method, String template, String pathValue, String extraPath, List<Tuple.Tuple2<String, String>> query,
            boolean encodeQuery, String authorization, Optional<String> body) {
    }

    @Property(tries = 60)
    void everyRouteAnswersTwoOrFourHundred(@ForAll("calls") Call call) {
        String value = switch (call.pathValue()) {
            case "\u0000known-bounce" -> bounceIds.isEmpty() ? "x" : bounceIds.get(0);
            case "\u0000known-subscriber" -> subscriberUuids.isEmpty() ? "x" : subscriberUuids.get(0);
            default -> call.pathValue();
        };
        String path = call.template().replace("{id}", value).replace("{uuid}", value) + call.extraPath();
        String query = call.query().stream().map(p -> part(p.get1(), call.encodeQuery()) + "=" + part(cursorOr(p.get2()),
                call.encodeQuery())).collect(Collectors.joining("&"));
        APIGatewayV2HTTPEvent request = Requests.http(call.method(), path, query,
                call.authorization().isEmpty() ? Map.of() : Map.of("authorization", call.authorization(), "content-type",
                        "application/json"), call.body().map(Requests::utf8).orElse(null));
        if (Answers.isSuccess(Answers.http(ENTRY, new ApiHandler(world.services), request)) && !call.method().equals("GET")) {
            world.aftermath.check();
        }
    }

    /**
     * One value in every parameter of every route that reads parameters, one parameter at a time, so that the
     * value alone decides the answer (a random combination rarely gets a bad value past the other checks).
     */
    @Property(tries = 6)
    void everyParameterAloneAnswersTwoOrFourHundred(@ForAll("sharpValues") String value) {
        for (String route : List.of("GET /api/bounces", "GET /api/bounces/export", "GET /api/bounces/stats",
                "PUT /api/bounces/blocklist", "DELETE /api/bounces", "GET /api/subscribers")) {
            for (String parameter : PARAMETERS) {
                if (route.startsWith("DELETE") && parameter.equals("all")) {
                    continue;
                }
                String query = parameter + "=" + URLEncoder.encode(cursorOr(value), StandardCharsets.UTF_8);
                APIGatewayV2HTTPEvent request = Requests.http(route.split(" ")[0], route.split(" ")[1], query,
                        Map.of("authorization", "token " + Aftermath.ADMIN + ":" + Aftermath.ADMIN_TOKEN), null);
                Answers.http(ENTRY, new ApiHandler(world.services), request);
            }
        }
        world.aftermath.check();
    }

    /** Values at the edges: lengths around the key limits, forged cursors with long keys, control characters, instants. */
    @Provide
    Arbitrary<String> sharpValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(1000, 1025, 1100, 2048, 65_536).map("x"::repeat)),
                Tuple.of(2, Combinators.combine(Arbitraries.of(Tables.Listing.class), Arbitraries.of(1000, 1100, 5000))
                        .as((listing, length) -> Base64.getUrlEncoder().withoutPadding().encodeToString(("v1\n" + listing.name()
                                + "\n" + "2026-11-01T00:00:00.000Z#" + "x".repeat(length)).getBytes(StandardCharsets.UTF_8)))),
                Tuple.of(2, Hostile.strings()),
                Tuple.of(1, cursors()));
    }

    /** The placeholder {@code \0cursor:<n>} stands for the n-th real cursor of this try. */
    private String cursorOr(String value) {
        if (!value.startsWith("\u0000cursor:")) {
            return value;
        }
        String[] parts = value.split(":", 3);
        String real = cursors.isEmpty() ? "" : cursors.get(Integer.parseInt(parts[1]) % cursors.size());
        return switch (parts[2]) {
            case "truncated" -> real.substring(0, real.length() / 2);
            case "padded" -> real + "==";
            case "flipped" -> real.isEmpty() ? real : (real.charAt(0) == 'A' ? 'B' : 'A') + real.substring(1);
            default -> real;
        };
    }

    private static String part(String text, boolean encode) {
        return encode ? URLEncoder.encode(text, StandardCharsets.UTF_8) : text;
    }

    @Provide
    Arbitrary<Call> calls() {
        Arbitrary<String> method = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of("GET", "DELETE", "PUT", "POST", "PATCH", "HEAD", "OPTIONS", "get")));
        Arbitrary<String> pathValue = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of("\u0000known-bounce", "\u0000known-subscriber")),
                Tuple.of(2, Hostile.uuids()),
                Tuple.of(1, Arbitraries.strings().withChars("0123456789ABCDEFGHJKMNPQRSTVWXYZ").ofLength(26)),
                Tuple.of(2, Hostile.strings()));
        Arbitrary<String> extraPath = Arbitraries.frequencyOf(Tuple.of(8, Arbitraries.just("")),
                Tuple.of(1, Arbitraries.of("/", "//", "/x", "/../bounces", "/%2e%2e", "/bounces/x")));
        Arbitrary<String> parameterValue = Arbitraries.frequencyOf(
                Tuple.of(3, Hostile.strings()),
                Tuple.of(3, Arbitraries.of("hard", "soft", "complaint", "ses", "postfix", "csv", "jsonl", "all", "true", "1",
                        "0", "-1", "50", "1000", "2147483648", "asc", "desc", "email", "source", "seed0@example.com",
                        "2026-11-01", "2026-11-01T02:00:00Z", "6f2b7c1e-2d3a-4b5c-9d8e-7f6a5b4c3d2e")),
                Tuple.of(1, cursors()));
        // Each known parameter present or not, the cursor usually a cursor; sometimes an unknown one too.
        Arbitrary<List<Tuple.Tuple2<String, String>>> known = Combinators.combine(
                Arbitraries.of(PARAMETERS).set().ofMaxSize(5), parameterValue.list().ofSize(5), cursors())
                .as((names, values, cursor) -> {
                    List<Tuple.Tuple2<String, String>> pairs = new ArrayList<>();
                    int i = 0;
                    for (String parameter : names) {
                        pairs.add(Tuple.of(parameter, parameter.equals("cursor") ? cursor : values.get(i++)));
                    }
                    return pairs;
                });
        Arbitrary<List<Tuple.Tuple2<String, String>>> query = Combinators.combine(known,
                Combinators.combine(Hostile.strings(), Hostile.strings()).as(Tuple::of).list().ofMaxSize(1))
                .as((a, b) -> {
                    List<Tuple.Tuple2<String, String>> all = new ArrayList<>(a);
                    all.addAll(b);
                    return all;
                });
        Arbitrary<String> authorization = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just("token " + Aftermath.ADMIN + ":" + Aftermath.ADMIN_TOKEN)),
                Tuple.of(1, Arbitraries.of("", "token " + Aftermath.ADMIN + ":wrong", "Basic !!!", "Basic " + Base64.getEncoder()
                        .encodeToString(":".getBytes(StandardCharsets.UTF_8)), "token " + FuzzWorld.HOOK + ":" + FuzzWorld.HOOK_TOKEN)),
                Tuple.of(1, Hostile.strings()));
        Arbitrary<Optional<String>> body = Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(Optional.empty())),
                Tuple.of(3, Mutation.any().map(m -> Optional.of(new String(m.apply(subscriberTemplate()), StandardCharsets.UTF_8)))));
        // The route's own method, or another one.
        return Combinators.combine(method, Arbitraries.of(ROUTES), pathValue, extraPath, query, Arbitraries.of(true, false),
                authorization, body).as((other, route, value, extra, parameters, encode, auth, content) -> new Call(
                        other.isEmpty() ? route.split(" ")[0] : other, route.split(" ")[1], value, extra, parameters, encode,
                        auth, content));
    }

    /** Real cursors of this try (placeholders, some damaged), or forged ones. */
    private static Arbitrary<String> cursors() {
        return Arbitraries.frequencyOf(
                Tuple.of(1, Combinators.combine(Arbitraries.integers().between(0, 4),
                        Arbitraries.of("real", "truncated", "padded", "flipped")).as((n, kind) -> "\u0000cursor:" + n + ":" + kind)),
                Tuple.of(1, forgedCursors()),
                Tuple.of(1, Hostile.strings()));
    }

    /**
     * Cursors made as the listing makes them (base64url of version, listing, sort key) with keys it would never
     * write; mostly for the default order (by time), which is the one a query without {@code order_by} accepts.
     */
    private static Arbitrary<String> forgedCursors() {
        Arbitrary<String> listing = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just(Tables.Listing.BY_TIME.name())),
                Tuple.of(2, Arbitraries.of(Tables.Listing.class).map(Enum::name)),
                Tuple.of(1, Arbitraries.of("BY_NOTHING", "")));
        return Combinators.combine(Arbitraries.of("v1", "v1", "v2", ""), listing, Hostile.strings())
                .as((version, name, key) -> Base64.getUrlEncoder().withoutPadding()
                        .encodeToString((version + "\n" + name + "\n" + key).getBytes(StandardCharsets.UTF_8)));
    }

    private static JsonNode subscriberTemplate() {
        try {
            return JSON.readTree("{\"email\": \"new.person@example.com\", \"name\": \"New Person\", \"status\": \"enabled\","
                    + " \"lists\": [3, 7], \"preconfirm_subscriptions\": true, \"attribs\": {\"city\": \"Porto\"}}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private JsonNode get(String path, String query) {
        APIGatewayV2HTTPEvent request = Requests.http("GET", path, query,
                Map.of("authorization", "token " + Aftermath.ADMIN + ":" + Aftermath.ADMIN_TOKEN), null);
        try {
            return JSON.readTree(new ApiHandler(world.services).handleRequest(request, null).getBody()).path("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
