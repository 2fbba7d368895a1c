package io.stmails.mailbox.parser;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.stmails.reliability.BounceCorpus;
import io.stmails.reliability.Bounded;
import io.stmails.reliability.Figures;
import io.stmails.reliability.MailMutation;
import java.nio.file.Path;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * The POP3 scanner's parser on damaged real bounces (the corpus, mutated): it reads every one in
 * bounded time without throwing, and whatever it calls a bounce names at least one recipient with a class.
 */
class MutatedBounceParserTest {
    private static final String ENTRY = "pop3-scanner parser (mutated corpus mail)";
    private static final BounceParser PARSER = new BounceParser();

    @AfterContainer
    static void figures() {
        Figures.flush();
    }

    @Property(tries = 400)
    void readsEveryDamagedMessageWithoutThrowing(@ForAll("messages") Path message, @ForAll("damage") MailMutation damage) {
        byte[] raw = damage.apply(BounceCorpus.read(message));
        ParsedMail parsed = Bounded.call(ENTRY, () -> PARSER.parse(raw));
        Figures.answer(ENTRY, parsed.verdict() == Verdict.UNPARSEABLE ? 400 : 200);
        assertNotNull(parsed.verdict());
        assertNotNull(parsed.explanation());
        if (parsed.verdict() == Verdict.BOUNCE) {
            assertFalse(parsed.recipients().isEmpty(), "a bounce without recipients: " + parsed.explanation());
            for (BouncedRecipient recipient : parsed.recipients()) {
                assertNotNull(recipient.address());
                assertNotNull(recipient.type());
            }
        }
    }

    @Provide
    Arbitrary<Path> messages() {
        return Arbitraries.of(BounceCorpus.messages());
    }

    @Provide
    Arbitrary<MailMutation> damage() {
        return MailMutation.any();
    }
}
