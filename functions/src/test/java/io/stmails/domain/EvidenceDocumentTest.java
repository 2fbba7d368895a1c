package io.stmails.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EvidenceDocumentTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void partsUpToTheLimitAreKeptWholeLargerOnesCutAndNamed() throws Exception {
        String small = "Status: 5.1.1";
        String large = "x".repeat(EvidenceDocument.MAX_PART_CHARS + 100);
        JsonNode object = json.createObjectNode().put("bounceType", "Permanent");
        JsonNode evidence = json.readTree(EvidenceDocument.builder()
                .json("bounce", object)
                .text("delivery_status", small)
                .text("returned_headers", large)
                .toJson());
        assertEquals(object, evidence.get("bounce"));
        assertEquals(small, evidence.path("delivery_status").asText());
        assertEquals(EvidenceDocument.MAX_PART_CHARS, evidence.path("returned_headers").asText().length());
        assertEquals("[\"returned_headers\"]", evidence.path("truncated").toString());
    }

    @Test
    void aJsonPartTooLargeIsKeptAsTheStartOfItsText() throws Exception {
        JsonNode big = json.createObjectNode().put("text", "y".repeat(EvidenceDocument.MAX_PART_CHARS));
        JsonNode evidence = json.readTree(EvidenceDocument.builder().json("event", big).toJson());
        assertEquals(big.toString().substring(0, EvidenceDocument.MAX_PART_CHARS), evidence.path("event").asText());
    }

    @Test
    void aCutNeverSplitsASurrogatePair() throws Exception {
        String text = "a".repeat(EvidenceDocument.MAX_PART_CHARS - 1) + "\uD83D\uDE00tail";
        JsonNode evidence = json.readTree(EvidenceDocument.builder().text("part", text).toJson());
        assertEquals(EvidenceDocument.MAX_PART_CHARS - 1, evidence.path("part").asText().length());
    }

    @Test
    void nothingGivenIsNoEvidence() {
        assertNull(EvidenceDocument.builder().text("empty", " ").json("none", null).toJson());
    }

    @Test
    void reasonsAreOneShortLine() {
        assertEquals("Permanent/General", EvidenceDocument.reason(" Permanent/General\n"));
        assertEquals("bounce 550 user unknown", EvidenceDocument.reason("bounce\r\n\t550  user\u0000unknown"));
        assertEquals(EvidenceDocument.MAX_REASON_CHARS, EvidenceDocument.reason("r".repeat(500)).length());
        assertNull(EvidenceDocument.reason(" \n "));
        assertNull(EvidenceDocument.reason(null));
    }

    @Test
    void aJsonPartNestedAsDeepAsJacksonWritesIsKeptAsItsText() throws Exception {
        String nested = "[".repeat(1000) + "]".repeat(1000);
        JsonNode deepest = json.readTree(nested);
        JsonNode evidence = json.readTree(EvidenceDocument.builder().json("event", deepest).toJson());
        assertEquals(nested, evidence.path("event").asText());

        String shallower = "[".repeat(999) + "]".repeat(999);
        JsonNode kept = json.readTree(EvidenceDocument.builder().json("event", json.readTree(shallower)).toJson());
        assertEquals(json.readTree(shallower), kept.get("event"));
    }
}
