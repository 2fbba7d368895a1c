package io.stmails.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.domain.Bounce;
import io.stmails.domain.BounceType;
import io.stmails.domain.InputLimits;
import io.stmails.http.HttpResponse;
import io.stmails.testing.DynamoDbLocal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** What no query can make the API answer with a 5xx, and what every listing must still render. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BounceApiLimitsIT extends BounceApiTestBase {

    @BeforeAll
    void seed() {
        f = new BounceFixture(6);
    }

    @Test
    void aSourceFilterLongerThanAnIndexKeyAllowsIsA400NamingTheLimit() {
        HttpResponse response = call("GET", "/api/bounces", "source=" + "s".repeat(1100));
        assertEquals(400, response.status(), response.body());
        assertTrue(response.body().contains("source") && response.body().contains(InputLimits.MAX_INDEXED_BYTES + " bytes"),
                response.body());
        assertEquals(400, call("GET", "/api/bounces/export", "source=" + "s".repeat(1100)).status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"source=a%01zz", "source=a%0Azz", "email=a%00b@example.com", "source=%C3%28",
            "source=%E0%80%80", "source=%ED%A0%80", "source=%zz", "source=%4", "email=%FF@example.com"})
    void controlCharactersAndMalformedEncodingInParametersAre400s(String query) {
        HttpResponse response = call("GET", "/api/bounces", query);
        assertEquals(400, response.status(), query + " -> " + response.body());
    }

    @ParameterizedTest
    @CsvSource({"GET,/api/bounces", "GET,/api/bounces/export", "PUT,/api/bounces/blocklist"})
    void aCursorNamingAKeyOverDynamoDbsLimitIsA400(String method, String path) {
        String raw = "v1\nBY_TIME\n" + "2026-11-01T00:00:00.000Z#" + "X".repeat(1100);
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        HttpResponse response = call(method, path, "cursor=" + cursor);
        assertEquals(400, response.status(), response.body());
        assertTrue(response.body().contains("cursor"), response.body());
    }

    @Test
    void aCursorThatIsNotUtf8IsA400() {
        byte[] raw = "v1\nBY_TIME\n\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        String cursor = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        assertEquals(400, call("GET", "/api/bounces", "cursor=" + cursor).status());
    }

    @Test
    void bouncesStoredBeforeTheMetaLimitsStillListExportAndShowTheirMetaAsText() throws Exception {
        Bounce victim = f.all().get(0);
        String deep = "[".repeat(999) + "]".repeat(999);
        Map<String, AttributeValue> item = DynamoDbLocal.client().scan(b -> b.tableName(tableName())).items().stream()
                .filter(i -> i.containsKey("id") && victim.id().equals(i.get("id").s()) && i.containsKey("kind"))
                .findFirst().orElseThrow();
        DynamoDbLocal.client().updateItem(b -> b.tableName(tableName())
                .key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))
                .updateExpression("SET meta = :m").expressionAttributeValues(Map.of(":m", AttributeValue.fromS(deep))));
        try {
            assertDeepMetaListed(data(call("GET", "/api/bounces", "per_page=all")).path("results"), victim.id(), deep);
            assertDeepMetaListed(data(call("GET", "/api/bounces", "email=" + victim.email())).path("results"), victim.id(), deep);
            assertDeepMetaListed(data(call("GET", "/api/subscribers/" + victim.subscriberUuid() + "/bounces", "")), victim.id(), deep);
            assertEquals(deep, data(call("GET", "/api/bounces/" + victim.id(), "")).path("meta").asText());
            HttpResponse jsonl = call("GET", "/api/bounces/export", "format=jsonl");
            assertEquals(200, jsonl.status());
            for (String line : jsonl.body().split("\n")) {
                f.json.readTree(line);
            }
            HttpResponse csv = call("GET", "/api/bounces/export", "format=csv");
            assertEquals(200, csv.status());
            assertTrue(csv.body().contains(deep));
        } finally {
            DynamoDbLocal.client().updateItem(b -> b.tableName(tableName())
                    .key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))
                    .updateExpression("SET meta = :m").expressionAttributeValues(Map.of(":m", AttributeValue.fromS("{}"))));
        }
    }

    @Test
    void csvCellsASpreadsheetWouldEvaluateAreNeutralisedAndJsonLinesStayExact() throws Exception {
        String source = "=cmd|' /C calc'!A0";
        f.record("=1+2@example.com", null, BounceType.HARD, source, BounceFixture.START, "formula-1");
        f.record("+sum@example.com", null, BounceType.SOFT, "+1", BounceFixture.START, "formula-2");
        f.record("-x@example.com", null, BounceType.SOFT, "-5", BounceFixture.START, "formula-3");
        String query = "source=" + URLEncoder.encode(source, StandardCharsets.UTF_8);
        String csv = call("GET", "/api/bounces/export", "format=csv&" + query).body();
        String row = csv.split("\r\n")[1];
        assertTrue(row.contains(",'=cmd|' /C calc'!A0,'=1+2@example.com,"), row);
        assertTrue(call("GET", "/api/bounces/export", "format=csv&source=%2B1").body().contains(",'+1,'+sum@example.com,"));
        assertTrue(call("GET", "/api/bounces/export", "format=csv&source=-5").body().contains(",'-5,'-x@example.com,"));

        JsonNode exact = f.json.readTree(call("GET", "/api/bounces/export", "format=jsonl&" + query).body().split("\n")[0]);
        assertEquals(source, exact.path("source").asText());
        assertEquals("=1+2@example.com", exact.path("email").asText());
    }

    private void assertDeepMetaListed(JsonNode results, String id, String deep) {
        boolean seen = false;
        for (JsonNode result : results) {
            if (id.equals(result.path("id").asText())) {
                assertEquals(deep, result.path("meta").asText());
                seen = true;
            } else {
                assertTrue(result.path("meta").isContainerNode(), result.toString());
            }
        }
        assertTrue(seen, "the bounce with deep meta is listed");
    }

    private String tableName() {
        return f.tables.bounces();
    }
}
