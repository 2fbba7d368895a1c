package io.stmails.address;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailsTest {

    @Test
    void trimsAndLowerCases() {
        assertEquals(Optional.of("jane.doe@example.com"), Emails.normalise("  Jane.Doe@Example.COM "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "no-at-sign", "@example.com", "Jane <jane@example.com>", "a@b@c", "jane@", "a b@example.com"})
    void rejectsWhatIsNotABareAddress(String raw) {
        assertTrue(Emails.normalise(raw).isEmpty(), raw);
    }

    @Test
    void splitsLocalPartAndDomain() {
        assertEquals("example.com", Emails.domainOf("jane@example.com"));
        assertEquals("jane", Emails.localPartOf("jane@example.com"));
    }
}
