package io.stmails.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BounceIdsTest {

    @Test
    void idsSortByCreationTimeAndDoNotCollide() {
        String earlier = BounceIds.next(Instant.parse("2026-01-01T00:00:00Z"));
        String later = BounceIds.next(Instant.parse("2026-01-01T00:00:00.001Z"));
        assertEquals(26, earlier.length());
        assertTrue(earlier.compareTo(later) < 0);
        Set<String> ids = new HashSet<>();
        Instant same = Instant.now();
        for (int i = 0; i < 10_000; i++) {
            ids.add(BounceIds.next(same));
        }
        assertEquals(10_000, ids.size());
    }
}
