package io.stmails.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
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

    @Test
    void anIdCarriesItsTimeToTheMillisecondOverEveryAcceptedYear() {
        for (Instant at : List.of(Instants.EARLIEST, Instant.parse("1969-12-31T23:59:59.999Z"), Instant.parse("2026-11-26T10:00:00.123Z"),
                Instants.LATEST.truncatedTo(java.time.temporal.ChronoUnit.MILLIS))) {
            assertEquals(Optional.of(at), BounceIds.timeOf(BounceIds.next(at)), at.toString());
        }
        assertEquals(Optional.empty(), BounceIds.timeOf("not-an-id"));
        assertEquals(Optional.empty(), BounceIds.timeOf("ZZZZZZZZZZ0000000000000000"), "past year 9999");
        assertEquals(Optional.empty(), BounceIds.timeOf("000000000I0000000000000000"), "I is not Crockford base32");
    }
}
