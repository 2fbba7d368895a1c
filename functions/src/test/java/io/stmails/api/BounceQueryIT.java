package io.stmails.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.domain.Bounce;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.http.HttpRequest;
import io.stmails.http.HttpResponse;
import io.stmails.testing.Routing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The read side of {@code /api/bounces} over one seeded table: listing, orders, filters, totals, stats, permissions. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BounceQueryIT extends BounceApiTestBase {
    private static final String CAMPAIGN_A = BounceFixture.CAMPAIGN_A;
    private static final String CAMPAIGN_B = BounceFixture.CAMPAIGN_B;
    private List<Bounce> seeded;
    private ApiRouter api;

    @BeforeAll
    void seed() {
        f = new BounceFixture(60);
        seeded = f.seeded;
        api = f.api;
    }

    @Test
    void listsNewestFirstInListmonksShapeWithTotalFromCounters() throws Exception {
        JsonNode data = data(call("GET", "/api/bounces", ""));
        assertEquals(20, data.path("results").size());
        assertEquals(60, data.path("total").asInt());
        assertEquals(20, data.path("per_page").asInt());
        assertEquals(1, data.path("page").asInt());
        assertNotNull(data.path("next_cursor").textValue());
        JsonNode first = data.path("results").get(0);
        Bounce newest = sorted(Comparator.comparing(Bounce::createdAt).reversed()).get(0);
        assertEquals(newest.id(), first.path("id").asText());
        assertEquals("enabled", first.path("subscriber_status").asText());
        assertEquals(newest.subscriberUuid(), first.path("subscriber_uuid").asText());
        assertTrue(first.path("meta").isObject());
        for (String field : List.of("type", "source", "created_at", "email", "subscriber_id", "campaign")) {
            assertTrue(first.has(field), field);
        }
    }

    @ParameterizedTest(name = "order_by={0} order={1}")
    @CsvSource({"created_at,desc", "created_at,asc", "email,asc", "email,desc", "source,asc", "source,desc",
            "type,asc", "type,desc", "campaign_name,asc", "campaign_name,desc", "nonsense,desc"})
    void everyDocumentedOrderWorksAcrossPages(String orderBy, String order) throws Exception {
        Function<Bounce, String> key = switch (orderBy) {
            case "email" -> Bounce::email;
            case "source" -> Bounce::source;
            case "type" -> b -> b.type().wire();
            case "campaign_name" -> b -> b.campaignUuid() == null ? "" : b.campaignUuid();
            default -> b -> "";
        };
        Comparator<Bounce> expected = Comparator.comparing(key).thenComparing(Bounce::createdAt).thenComparing(Bounce::id);
        List<String> want = sorted(order.equals("asc") ? expected : expected.reversed()).stream().map(Bounce::id).toList();
        assertEquals(want, walk("order_by=" + orderBy + "&order=" + order + "&per_page=13"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "campaign_uuid=" + BounceFixture.CAMPAIGN_A, "campaign_id=" + BounceFixture.CAMPAIGN_B, "source=postfix", "type=complaint",
        "email=USER3@example.com", "from=2026-11-05&to=2026-11-09", "from=2026-11-05T12:00:00Z",
        "campaign_uuid=" + BounceFixture.CAMPAIGN_A + "&type=soft", "source=ses&type=hard", "email=user1@example.com&source=postfix",
        "source=sendgrid&order_by=email&order=asc", "type=soft&from=2026-11-03&to=2026-11-10",
        "source=none-such"})
    void filtersMatchExactlyAndTotalsAgree(String filter) throws Exception {
        List<Bounce> expected = seeded.stream().filter(matcher(filter)).toList();
        List<String> walked = walk(filter + "&per_page=50");
        assertEquals(new HashSet<>(expected.stream().map(Bounce::id).toList()), new HashSet<>(walked));
        assertEquals(expected.size(), walked.size());
        JsonNode data = data(call("GET", "/api/bounces", filter));
        assertEquals(expected.size(), data.path("total").asInt());
    }

    @Test
    void perPageIsClampedAndAllIsReportedAsZero() throws Exception {
        assertEquals(50, data(call("GET", "/api/bounces", "per_page=500")).path("results").size());
        JsonNode all = data(call("GET", "/api/bounces", "per_page=all"));
        assertEquals(60, all.path("results").size());
        assertEquals(0, all.path("per_page").asInt());
        assertTrue(all.path("next_cursor").isNull());
        JsonNode page2 = data(call("GET", "/api/bounces", "per_page=20&page=2"));
        List<String> newest = sorted(Comparator.comparing(Bounce::createdAt).reversed()).stream().map(Bounce::id).toList();
        assertEquals(newest.get(20), page2.path("results").get(0).path("id").asText());
        assertEquals(2, page2.path("page").asInt());
        JsonNode pastTheEnd = data(call("GET", "/api/bounces", "per_page=50&page=9"));
        assertEquals(0, pastTheEnd.path("results").size());
        assertEquals(0, pastTheEnd.path("total").asInt());
        assertEquals(0, pastTheEnd.path("page").asInt());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "campaign_uuid=42|Invalid campaign_uuid",
        "type=Hard|Invalid type",
        "email=nope|Invalid email.",
        "from=last-week|Invalid from",
        "cursor=garbage!!|Invalid cursor",
        "page=100000&per_page=50|page is too deep"})
    void invalidParametersAre400sNeverErrors(String query, String message) {
        HttpResponse response = call("GET", "/api/bounces", query);
        assertEquals(400, response.status(), response.body());
        assertTrue(response.body().contains(message), response.body());
    }

    @Test
    void aCursorFromAnotherOrderIsRefused() throws Exception {
        String cursor = data(call("GET", "/api/bounces", "order_by=email")).path("next_cursor").asText();
        assertEquals(400, call("GET", "/api/bounces", "cursor=" + cursor).status());
    }

    @Test
    void getsOneBounceAndAnswers404ForAnUnknownId() throws Exception {
        Bounce bounce = seeded.get(7);
        JsonNode one = data(call("GET", "/api/bounces/" + bounce.id(), ""));
        assertEquals(bounce.id(), one.path("id").asText());
        assertEquals(bounce.email(), one.path("email").asText());
        assertEquals(404, call("GET", "/api/bounces/01ARZ3NDEKTSV4RRFFQ69G5FAV", "").status());
        assertEquals(404, call("GET", "/api/bounces/42", "").status());
    }

    @Test
    void statsCountByTypeSourceAndDayOverallAndPerCampaign() throws Exception {
        JsonNode stats = data(call("GET", "/api/bounces/stats", ""));
        assertEquals(60, stats.path("total").asInt());
        assertEquals(count(b -> b.type() == BounceType.HARD), stats.path("by_type").path("hard").asLong());
        assertEquals(count(b -> b.source().equals("postfix")), stats.path("by_source").path("postfix").asLong());
        long daySum = 0;
        for (JsonNode day : stats.path("by_day")) {
            daySum += day.path("count").asLong();
        }
        assertEquals(60, daySum);
        JsonNode campaign = data(call("GET", "/api/bounces/stats", "campaign_uuid=" + CAMPAIGN_A));
        assertEquals(count(b -> CAMPAIGN_A.equals(b.campaignUuid())), campaign.path("total").asLong());
        JsonNode days = data(call("GET", "/api/bounces/stats", "from=2026-11-05&to=2026-11-06")).path("by_day");
        assertEquals(1, days.size());
        assertEquals("2026-11-05", days.get(0).path("date").asText());
    }

    @ParameterizedTest(name = "{0} {1} as {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        "GET|/api/bounces|viewer|200", "GET|/api/bounces|manager|403", "GET|/api/bounces|hook|403",
        "GET|/api/bounces/stats|viewer|200", "GET|/api/bounces/export|viewer|200", "GET|/api/bounces/export|manager|403",
        "DELETE|/api/bounces/01ARZ3NDEKTSV4RRFFQ69G5FAV|viewer|403", "DELETE|/api/bounces/01ARZ3NDEKTSV4RRFFQ69G5FAV|manager|404",
        "PUT|/api/bounces/blocklist|viewer|403", "DELETE|/api/bounces|hook|403",
        "GET|/api/subscribers/11111111-2222-3333-4444-555555555555/bounces|viewer|200",
        "DELETE|/api/subscribers/11111111-2222-3333-4444-555555555555/bounces|viewer|403",
        "DELETE|/api/subscribers/11111111-2222-3333-4444-555555555555/bounces|manager|200"})
    void permissionTable(String method, String path, String user, int status) {
        HttpResponse response = api.handle(Routing.request(method, path,
                Map.of("authorization", "token " + user + ":" + user.charAt(0)), "", new byte[0]));
        assertEquals(status, response.status(), response.body());
        if (status == 403) {
            assertTrue(response.body().contains("permission denied: bounces:"), response.body());
        }
    }

}
