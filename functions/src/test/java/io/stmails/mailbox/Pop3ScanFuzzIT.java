package io.stmails.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.stmails.config.Secrets;
import io.stmails.mailbox.parser.BounceParser;
import io.stmails.reliability.BounceCorpus;
import io.stmails.reliability.Bounded;
import io.stmails.reliability.Figures;
import io.stmails.reliability.FuzzProperties;
import io.stmails.reliability.FuzzWorld;
import io.stmails.reliability.MailMutation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A scan of a mailbox holding damaged real bounces, recorded on DynamoDB Local: no message fails the
 * scan, and what it recorded can be counted, listed and exported like any other bounce.
 */
class Pop3ScanFuzzIT extends FuzzProperties {
    private static final String ENTRY = "pop3-scanner (scan of mutated corpus mail)";

    @Override
    protected FuzzWorld createWorld() {
        return FuzzWorld.create("{}", Secrets.empty(), null);
    }

    @Property(tries = 20)
    void scansDamagedBouncesAndKeepsWhatItRecordedReadable(@ForAll("messages") List<Path> messages,
            @ForAll("damage") List<MailMutation> damage) {
        List<byte[]> mailbox = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            mailbox.add(damage.get(i % damage.size()).apply(BounceCorpus.read(messages.get(i))));
        }
        MailboxConfig config = new MailboxConfig("fuzz", true, "pop.example.com", 995, MailboxConfig.Security.TLS, false,
                "bounces", Duration.ofSeconds(5), Duration.ofSeconds(5), 100, Duration.ofMinutes(5),
                MailboxConfig.Policy.KEEP, MailboxConfig.Policy.KEEP, false, Pattern.compile(BounceParser.DEFAULT_VERP));
        MailboxScanner scanner = new MailboxScanner(new InMemoryMailbox(mailbox), world.services.recorder(), world.services.json());
        ScanResult result = Bounded.call(ENTRY, () -> scanner.scan(config, "secret", () -> 60_000));
        Figures.answer(ENTRY, result.failed() == 0 && result.ok() ? 200 : 500);
        assertEquals(0, result.failed(), "messages that could not be handled: " + result);
        assertNull(result.error(), result.toString());
        world.aftermath.check();
    }

    @Provide
    Arbitrary<List<Path>> messages() {
        return Arbitraries.of(BounceCorpus.messages()).list().ofMinSize(1).ofMaxSize(3);
    }

    @Provide
    Arbitrary<List<MailMutation>> damage() {
        return MailMutation.any().list().ofMinSize(1).ofMaxSize(3);
    }

    /** A POP3 session over messages in memory. */
    private record InMemoryMailbox(List<byte[]> messages) implements MailboxClient {
        @Override
        public Session open(MailboxConfig mailbox, String password) {
            return new Session() {
                @Override
                public int messageCount() {
                    return messages.size();
                }

                @Override
                public byte[] fetch(int number) {
                    return messages.get(number - 1);
                }

                @Override
                public void delete(int number) {
                }

                @Override
                public void commit() {
                }

                @Override
                public void abandon() {
                }

                @Override
                public boolean connected() {
                    return true;
                }
            };
        }
    }
}
