package io.stmails.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StrictJsonTest {
    private final StrictJson json = new StrictJson(new ObjectMapper());

    @ParameterizedTest
    @ValueSource(strings = {"{} {}", "{\"a\":1}x", "[1] [2]", "{\"a\":1}}", "1 2", "\"a\" \"b\""})
    void anythingAfterTheOneValueIsRefused(String text) {
        BadRequestException refused = assertThrows(BadRequestException.class, () -> json.read(text));
        assertTrue(refused.getMessage().contains("not valid JSON"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"\\ud800\"", "{\"a\": [\"x\\udc00y\"]}", "{\"k\": {\"n\": \"\\ud83d\"}}", "[\"\\ude00\\ud83d\"]"})
    void loneSurrogatesAreRefusedNamingWhere(String text) {
        BadRequestException refused = assertThrows(BadRequestException.class, () -> json.read(text));
        assertTrue(refused.getMessage().contains("lone surrogate"), refused.getMessage());
    }

    @Test
    void wellFormedJsonIsReadExactly() {
        assertEquals("😀", json.read("{\"s\": \"\\ud83d\\ude00\"}").path("s").asText());
        assertEquals(2, json.read("  [1, 2]\n\t ").size());
        assertNull(json.read(""));
        assertNull(json.read("   "));
    }
}
