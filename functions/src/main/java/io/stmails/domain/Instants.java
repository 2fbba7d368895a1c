package io.stmails.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The one reader of times that callers, providers and SES send. RFC 3339 allows years 0000 to 9999;
 * stmails accepts 0001 to 9999 (year 0000 has no day that a bounce could have happened on, and a
 * stored time must format back as the same four-digit year), whatever the notation.
 */
public final class Instants {
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private Instants() {
    }

    /** @throws DateTimeException when the text is not an RFC 3339 time, or its instant is outside years 0001–9999 (UTC) */
    public static Instant parseRfc3339(String text) {
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new DateTimeException("\"" + text + "\" is not an RFC 3339 time", e);
        }
        if (time.getYear() < 1 || time.getYear() > 9999) {
            throw new DateTimeException("\"" + text + "\" has a year outside 0001 to 9999");
        }
        return requireInRange(time.toInstant());
    }

    /** @throws DateTimeException outside years 0001–9999 (UTC) */
    public static Instant ofEpochMilli(long millis) {
        return requireInRange(Instant.ofEpochMilli(millis));
    }

    /** @throws DateTimeException outside years 0001–9999 (UTC) */
    public static Instant ofEpochSecond(long seconds, long nanos) {
        if (seconds < EARLIEST.getEpochSecond() - 1 || seconds > LATEST.getEpochSecond() + 1) {
            throw new DateTimeException(seconds + " seconds since 1970 is outside the years 0001 to 9999");
        }
        return requireInRange(Instant.ofEpochSecond(seconds, nanos));
    }

    public static boolean isInRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /** @throws DateTimeException outside years 0001–9999 (UTC) */
    public static Instant requireInRange(Instant instant) {
        if (!isInRange(instant)) {
            throw new DateTimeException(instant + " is outside the years 0001 to 9999 (UTC)");
        }
        return instant;
    }
}
