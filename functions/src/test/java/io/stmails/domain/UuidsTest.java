package io.stmails.domain;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UuidsTest {
    @Test
    void uuidFormatIsEightFourFourFourTwelveHexInEitherCase() {
        assertTrue(Uuids.isWellFormed("0B0C3F0E-9a47-4e38-8e43-0a1f3c1c2d11"));
        assertTrue(!Uuids.isWellFormed("0b0c3f0e9a474e388e430a1f3c1c2d11"));
        assertTrue(!Uuids.isWellFormed("zb0c3f0e-9a47-4e38-8e43-0a1f3c1c2d11"));
    }
}
