package io.stmails.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstantsTest {

    @ParameterizedTest
    @ValueSource(strings = {"-999999999-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "0000-12-31T23:59:59Z",
            "0000-12-31T23:30:00-01:00", "0001-01-01T00:30:00+01:00", "+10000-01-01T00:00:00Z",
            "9999-12-31T23:59:59-00:01", "+999999999-12-31T23:59:59Z", "yesterday", "2026-13-01T00:00:00Z"})
    void timesOutsideYearsOneToNineThousandNineHundredNinetyNineAreRefused(String text) {
        assertThrows(DateTimeException.class, () -> Instants.parseRfc3339(text));
    }

    @Test
    void theFirstAndLastInstantsAreAccepted() {
        assertEquals(Instant.parse("0001-01-01T00:00:00Z"), Instants.parseRfc3339("0001-01-01T00:00:00Z"));
        assertEquals(Instant.parse("9999-12-31T23:59:59.999999999Z"), Instants.parseRfc3339("9999-12-31T23:59:59.999999999Z"));
        assertEquals(Instant.parse("2026-11-22T09:15:00Z"), Instants.parseRfc3339(" 2026-11-22T10:15:00+01:00 "));
    }

    @Test
    void epochTimesAreHeldToTheSameRange() {
        assertEquals(Instant.EPOCH, Instants.ofEpochMilli(0));
        assertThrows(DateTimeException.class, () -> Instants.ofEpochMilli(Long.MIN_VALUE));
        assertThrows(DateTimeException.class, () -> Instants.ofEpochSecond(Long.MAX_VALUE, 0));
        assertThrows(DateTimeException.class, () -> Instants.ofEpochSecond(Instants.LATEST.getEpochSecond() + 1, 0));
        assertEquals(Instants.EARLIEST, Instants.ofEpochSecond(Instants.EARLIEST.getEpochSecond(), 0));
    }
}
