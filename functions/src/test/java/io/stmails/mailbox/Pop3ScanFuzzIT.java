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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
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

    /** Found by this property: fields beyond the input limits made the scan count the message "failed" on every scan. */
    @Example
    void aBounceBeyondTheLimitsIsRecordedWithinThemOrKeptNeverFailed() {
        String hugeDiagnostic = "smtp; 550 5.1.1 user unknown " + "x".repeat(120_000);
        String controlInMessageId = "<a\u0093b@mx.example.com>";
        byte[] recordable = dsn(controlInMessageId, "jane@example.com", hugeDiagnostic);
        byte[] unrecordable = dsn("<c@mx.example.com>", "a".repeat(2_000) + "@example.com", "smtp; 550 5.1.1 user unknown");
        MailboxConfig config = new MailboxConfig("limits", true, "pop.example.com", 995, MailboxConfig.Security.TLS, false,
                "bounces", Duration.ofSeconds(5), Duration.ofSeconds(5), 100, Duration.ofMinutes(5),
                MailboxConfig.Policy.KEEP, MailboxConfig.Policy.KEEP, false, Pattern.compile(BounceParser.DEFAULT_VERP));
        MailboxScanner scanner = new MailboxScanner(new InMemoryMailbox(List.of(recordable, unrecordable)),
                world.services.recorder(), world.services.json());
        ScanResult result = scanner.scan(config, "secret", () -> 60_000);
        assertEquals(0, result.failed(), result.toString());
        assertEquals(1, result.recorded(), result.toString());
        assertEquals(1, result.deleted(), "the recorded bounce's message: " + result);
        assertEquals(1, result.kept(), "the one whose recipient no key can hold: " + result);
        world.aftermath.check();
    }

    private static byte[] dsn(String messageId, String recipient, String diagnostic) {
        String text = "From: MAILER-DAEMON@mx.example.com\r\nTo: news@example.org\r\nSubject: Undelivered Mail Returned to Sender\r\n"
                + "Message-ID: " + messageId + "\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n\r\n"
                + "--b\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n"
                + "--b\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.example.com\r\n\r\n"
                + "Final-Recipient: rfc822; " + recipient + "\r\nAction: failed\r\nStatus: 5.1.1\r\n"
                + "Diagnostic-Code: " + diagnostic + "\r\n\r\n--b--\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
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
