package io.stmails.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SeenTokensTest {
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(5);

    @Test
    void aTokenIsSeenWhileItsSignatureIsInsideTheWindow() {
        SeenTokens tokens = new SeenTokens(10, WINDOW);
        assertFalse(tokens.contains("a", T0));
        tokens.add("a", T0, T0.plusSeconds(1));
        assertTrue(tokens.contains("a", T0.plusSeconds(1)));
        assertTrue(tokens.contains("a", T0.plusSeconds(299)));
        assertFalse(tokens.contains("a", T0.plusSeconds(300)), "from here the window check refuses it anyway");
        assertFalse(tokens.contains("b", T0.plusSeconds(1)));
    }

    @Test
    void expiredTokensMakeRoomBeforeLiveOnesAreForgotten() {
        SeenTokens tokens = new SeenTokens(3, WINDOW);
        tokens.add("old-1", T0, T0);
        tokens.add("old-2", T0, T0);
        tokens.add("live", T0.plusSeconds(200), T0.plusSeconds(200));
        Instant later = T0.plusSeconds(301);
        tokens.add("new", later, later);
        assertEquals(2, tokens.size());
        assertTrue(tokens.contains("live", later));
        assertTrue(tokens.contains("new", later));
    }

    @Test
    void whenFullOfLiveTokensTheOldestIsForgottenSoMemoryStaysBounded() {
        SeenTokens tokens = new SeenTokens(3, WINDOW);
        for (int i = 0; i < 100; i++) {
            tokens.add("t" + i, T0, T0);
        }
        assertEquals(3, tokens.size());
        assertTrue(tokens.contains("t99", T0));
        assertTrue(tokens.contains("t97", T0));
        assertFalse(tokens.contains("t96", T0));
    }
}
