package io.stmails.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.domain.EvidenceDocument;
import io.stmails.domain.InputLimits;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventBuilderTest {

    @Test
    void buildsTheRecordersEventTheSameWayForEveryProvider() {
        ObjectNode event = ProviderFixtures.JSON.createObjectNode().put("id", 7);
        BounceEvent bounce = EventBuilder.bounce("acme", BounceType.SOFT)
                .recipient("  Someone@Example.COM ")
                .origin(new Origin("6f1c2f0e-8a57-4b8e-9a3e-2f1d4c5b6a70", null))
                .occurredAt("2026-03-02T10:00:00+01:00")
                .meta(event)
                .reason("bounce", " ", null, "mailbox full")
                .dedupeKey("id-7", null, 42)
                .build().orElseThrow();
        assertEquals(new BounceEvent("someone@example.com", null, "6f1c2f0e-8a57-4b8e-9a3e-2f1d4c5b6a70", BounceType.SOFT,
                "acme", Instant.parse("2026-03-02T09:00:00Z"), "{\"id\":7}", "acme:id-7||42")
                .classified("bounce/mailbox full", "{\"event\":{\"id\":7}}"), bounce);
    }

    @Test
    void aLargeEventIsKeptWholeAsMetaButOnlyItsStartAsEvidence() throws Exception {
        ObjectNode event = ProviderFixtures.JSON.createObjectNode().put("text", "x".repeat(20_000));
        BounceEvent bounce = EventBuilder.bounce("acme", BounceType.SOFT).recipient("a@example.com").meta(event)
                .dedupeKey("big").build().orElseThrow();
        assertEquals(event.toString(), bounce.metaJson());
        JsonNode evidence = ProviderFixtures.JSON.readTree(bounce.evidence());
        assertEquals(EvidenceDocument.MAX_PART_CHARS, evidence.path("event").asText().length());
        assertEquals("event", evidence.path("truncated").get(0).asText());
    }

    @Test
    void unparseableTimeIsLeftToTheRecorder() {
        BounceEvent bounce = EventBuilder.bounce("acme", BounceType.HARD).recipient("a@example.com")
                .occurredAt("yesterday").meta(ProviderFixtures.JSON.createObjectNode()).dedupeKey("x").build().orElseThrow();
        assertNull(bounce.occurredAt());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1772445580            | 2026-03-02T09:59:40Z",
            "\"1772445580\"        | 2026-03-02T09:59:40Z",
            "1772445580.818328     | 2026-03-02T09:59:40.818328Z",
            "\" 1772445580.5 \"    | 2026-03-02T09:59:40.500Z",
            "\"yesterday\"         | ",
            "1e30                  | ",
            "true                  | ",
            "-1.25                 | 1969-12-31T23:59:58.750Z",
            "null                  | ",
    })
    void unixSecondsAsNumberOrTextWithFractions(String json, String expected) throws Exception {
        BounceEvent bounce = EventBuilder.bounce("acme", BounceType.HARD).recipient("a@example.com")
                .occurredAtUnixSeconds(ProviderFixtures.JSON.readTree(json)).dedupeKey("x").build().orElseThrow();
        assertEquals(expected == null ? null : Instant.parse(expected), bounce.occurredAt());
    }

    @Test
    void eventWithoutRecipientIsSkipped() {
        assertTrue(EventBuilder.bounce("acme", BounceType.HARD).recipient(" ").dedupeKey("x").build().isEmpty());
        assertTrue(EventBuilder.bounce("acme", BounceType.HARD).dedupeKey("x").build().isEmpty());
    }

    @Test
    void oversizedMetaIsReplacedByANoteSoTheItemStaysWritable() {
        ObjectNode huge = ProviderFixtures.JSON.createObjectNode().put("Content", "x".repeat(InputLimits.MAX_META_BYTES));
        BounceEvent bounce = EventBuilder.bounce("acme", BounceType.HARD).recipient("a@example.com").meta(huge)
                .dedupeKey("x").build().orElseThrow();
        assertTrue(bounce.metaJson().length() < 200, bounce.metaJson());
        assertTrue(bounce.metaJson().contains("omitted"), bounce.metaJson());
    }

    @Test
    void tooDeepMetaIsReplacedByANoteSoListingsStayRenderable() {
        String deep = "[".repeat(InputLimits.MAX_META_DEPTH + 1) + "]".repeat(InputLimits.MAX_META_DEPTH + 1);
        BounceEvent bounce = EventBuilder.bounce("acme", BounceType.HARD).recipient("a@example.com")
                .meta(ProviderFixtures.JSON.createObjectNode().set("x", read(deep))).dedupeKey("x").build().orElseThrow();
        assertTrue(bounce.metaJson().contains("omitted") && bounce.metaJson().contains("levels"), bounce.metaJson());
    }

    @Test
    void anEventAsDeepAsTheReaderAllowsIsStillRecordedWithItsTextAsEvidence() throws Exception {
        int readerLimit = 999;
        String deep = "[".repeat(readerLimit) + "]".repeat(readerLimit);
        BounceEvent bounce = EventBuilder.bounce("acme", BounceType.HARD).recipient("a@example.com")
                .meta(ProviderFixtures.JSON.createObjectNode().set("x", read(deep))).dedupeKey("x").build().orElseThrow();
        JsonNode evidence = ProviderFixtures.JSON.readTree(bounce.evidence());
        assertTrue(evidence.path("event").isTextual(), bounce.evidence());
        assertTrue(evidence.path("event").asText().startsWith("{\"x\":[[["), bounce.evidence());
    }

    @Test
    void timesOutsideYearsOneToNineThousandNineHundredNinetyNineAreLeftToTheRecorder() {
        for (String time : List.of("0000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z")) {
            BounceEvent bounce = EventBuilder.bounce("acme", BounceType.HARD).recipient("a@example.com")
                    .occurredAt(time).dedupeKey("x").build().orElseThrow();
            assertNull(bounce.occurredAt(), time);
        }
        BounceEvent huge = EventBuilder.bounce("acme", BounceType.HARD).recipient("a@example.com")
                .occurredAtUnixSeconds(ProviderFixtures.JSON.getNodeFactory().numberNode(Long.MAX_VALUE / 2))
                .dedupeKey("x").build().orElseThrow();
        assertNull(huge.occurredAt());
    }

    private static com.fasterxml.jackson.databind.JsonNode read(String json) {
        try {
            return ProviderFixtures.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
