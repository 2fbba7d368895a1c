package io.stmails.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InputLimitsTest {

    @Test
    void limitsAreDerivedFromDynamoDbsKeyLimits() {
        assertEquals(972, InputLimits.MAX_INDEXED_BYTES);
        assertEquals(1024, InputLimits.MAX_ID_BYTES);
        assertEquals(2048, InputLimits.MAX_DEDUPE_KEY_BYTES);
    }

    @Test
    void indexedValuesAreMeasuredInUtf8Bytes() {
        assertEquals("é".repeat(486), InputLimits.requireIndexed("source", "é".repeat(486)));
        InvalidFieldException refused = assertThrows(InvalidFieldException.class,
                () -> InputLimits.requireIndexed("source", "é".repeat(487)));
        assertEquals("source", refused.field());
        assertEquals("source is 974 bytes long (UTF-8); the limit is 972 bytes", refused.getMessage());
        assertEquals(4, InputLimits.utf8Length("😀"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0001", "\u0000", "tab\t", "cr\r", "lf\n", "\u007f", "\u0085", "\u009f"})
    void controlCharactersInKeysAreRefused(String value) {
        InvalidFieldException refused = assertThrows(InvalidFieldException.class, () -> InputLimits.requireIndexed("source", value));
        assertTrue(refused.getMessage().contains("control character U+00"), refused.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"\ud800", "a\udc00", "\ude00\ud83d", "x\ud83d"})
    void loneSurrogatesAreRefusedEverywhere(String value) {
        assertThrows(InvalidFieldException.class, () -> InputLimits.requireIndexed("email", value));
        assertThrows(InvalidFieldException.class, () -> InputLimits.requireMeta("\"" + value + "\""));
    }

    @Test
    void metaDepthCountsContainersOutsideStrings() {
        assertEquals(0, InputLimits.jsonDepth("\"[[[\""));
        assertEquals(2, InputLimits.jsonDepth("{\"a\":[\"]]\\\"[\"]}"));
        String deepest = "[".repeat(InputLimits.MAX_META_DEPTH) + "]".repeat(InputLimits.MAX_META_DEPTH);
        assertEquals(deepest, InputLimits.requireMeta(deepest));
        InvalidFieldException refused = assertThrows(InvalidFieldException.class,
                () -> InputLimits.requireMeta("[" + deepest + "]"));
        assertEquals("meta nests 33 levels deep; the limit is 32 levels", refused.getMessage());
        assertTrue(InputLimits.isRenderableMeta(deepest));
    }

    @Test
    void metaSizeIsMeasuredInUtf8Bytes() {
        String fits = "\"" + "x".repeat(InputLimits.MAX_META_BYTES - 2) + "\"";
        assertEquals(fits, InputLimits.requireMeta(fits));
        InvalidFieldException refused = assertThrows(InvalidFieldException.class,
                () -> InputLimits.requireMeta("\"" + "é".repeat(InputLimits.MAX_META_BYTES / 2) + "\""));
        assertTrue(refused.getMessage().startsWith("meta is 65538 bytes as JSON; the limit is 65536 bytes"), refused.getMessage());
    }
}
