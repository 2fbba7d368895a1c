package io.stmails.store.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stmails.domain.BounceIds;
import io.stmails.domain.InputLimits;
import io.stmails.domain.Instants;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

class BounceItemsLimitsTest {

    @Test
    void theLongestIndexedValueMakesAListingKeyOfExactlyDynamoDbsSortKeyLimit() {
        String timeId = BounceItems.timeId(Instants.LATEST, BounceIds.next(Instants.LATEST));
        String key = BounceItems.listingKey("s".repeat(InputLimits.MAX_INDEXED_BYTES), timeId);
        assertEquals(InputLimits.DYNAMODB_SORT_KEY_BYTES, key.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void everyAcceptedYearFormatsAsFourDigitsSoStoredTimesSortAndReadBack() {
        for (Instant instant : List.of(Instants.EARLIEST, Instants.LATEST)) {
            String formatted = Timestamps.format(instant);
            assertEquals(24, formatted.length(), formatted);
            assertEquals(instant.truncatedTo(ChronoUnit.MILLIS), Timestamps.parse(formatted));
        }
    }
}
