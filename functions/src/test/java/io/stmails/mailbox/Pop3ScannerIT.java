package io.stmails.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.stmails.config.Secrets;
import io.stmails.config.Settings;
import io.stmails.domain.Bounce;
import io.stmails.domain.BounceType;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.handler.Pop3ScannerHandler;
import io.stmails.wiring.Components;
import io.stmails.store.ScanRecord;
import io.stmails.mailbox.pop3.AngusPop3Client;
import io.stmails.metrics.RecordingMetrics;
import io.stmails.testing.DynamoDbLocal;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The scanner against GreenMail (POP3 and POP3S on loopback) recording through the real recorder
 * into DynamoDB Local: encryption modes, login failure, mailbox hygiene, a dropped connection, rescans.
 */
class Pop3ScannerIT {
    private static final String USER = "bounces@lists.example.org";
    private static final String PASSWORD = "s3cret";
    private static final String ANN_UUID = "3b0b1e7a-5f2c-4d1e-9a8b-7c6d5e4f3a2b";
    private static final String CAMPAIGN = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static GreenMail greenMail;
    private GreenMailUser mailbox;
    private Components services;

    @BeforeAll
    static void startGreenMail() {
        greenMail = new GreenMail(new ServerSetup[] {
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_POP3).dynamicPort(),
                new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_POP3S).dynamicPort()});
        greenMail.start();
    }

    @AfterAll
    static void stopGreenMail() {
        greenMail.stop();
    }

    @BeforeEach
    void setUp() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
        mailbox = greenMail.setUser(USER, USER, PASSWORD);
        services = DynamoDbLocal.services()
                .secrets(() -> Secrets.parse("{\"mailboxes\": {\"bounces\": {\"password\": \"" + PASSWORD + "\"}}}", JSON))
                .build();
        services.subscribers().create(new Subscriber(ANN_UUID, "ann@example.com", "Ann", SubscriberStatus.ENABLED,
                Map.of(), Instant.now(), Instant.now(), 1));
    }

    @Test
    void recordsEachBounceOnceAndKeepsWhatIsNotABounce() throws Exception {
        deliver(dsn("dsn-ann", "ann@example.com", "5.1.1", "550 5.1.1 <ann@example.com>: User unknown", true));
        deliver(qmail("qmail-bob", "bob@example.org", "552 sorry, mailbox bob@example.org is over quota (#5.2.2)"));
        deliver(arf("arf-carol", "carol@example.net"));
        deliver(unrelated("reply-1"));
        deliver(unparseableBounce("broken-1"));
        deliver(autoReply("ooo-1"));

        ScanResult first = scan(config("plain", greenMail.getPop3().getPort(), "keep"));
        assertTrue(first.ok(), first.error());
        assertEquals(6, first.examined());
        assertEquals(3, first.recorded());
        assertEquals(3, first.deleted());
        assertEquals(3, first.kept());
        assertTrue(first.committed());

        assertBounces("ann@example.com", BounceType.HARD);
        Bounce ann = services.bounces().listBySubscriber(ANN_UUID).get(0);
        assertEquals(CAMPAIGN, ann.campaignUuid());
        assertEquals("127.0.0.1", ann.source());
        assertTrue(ann.metaJson().contains("\"status\":\"5.1.1\""), ann.metaJson());
        assertTrue(ann.metaJson().contains("\"mailbox\":\"bounces\""), ann.metaJson());
        for (String why : List.of("\"reason\":\"userunknown\"", "\"reply_code\":\"550\"", "\"evidence\":\"status\"",
                "\"confidence\":\"high\"", "\"command\":")) {
            assertTrue(ann.metaJson().contains(why), ann.metaJson());
        }
        assertBounces("bob@example.org", BounceType.SOFT);
        assertBounces("carol@example.net", BounceType.COMPLAINT);
        assertEquals(List.of("reply-1", "broken-1", "ooo-1"), messageIdsInMailbox());

        ScanResult rescan = scan(config("plain", greenMail.getPop3().getPort(), "keep"));
        assertEquals(3, rescan.examined());
        assertEquals(0, rescan.recorded());
        assertEquals(0, rescan.deleted());
        assertEquals(3, messageIdsInMailbox().size());

        ScanResult cleanUp = scan(config("plain", greenMail.getPop3().getPort(), "delete"));
        assertEquals(3, cleanUp.deleted());
        assertTrue(messageIdsInMailbox().isEmpty());
        assertBounces("ann@example.com", BounceType.HARD);
    }

    @Test
    void aConnectionLostMidScanDeletesNothingAndTheRescanRecordsNothingTwice() throws Exception {
        deliver(dsn("dsn-1", "ann@example.com", "5.1.1", "550 5.1.1 user unknown", false));
        deliver(dsn("dsn-2", "bob@example.org", "5.2.2", "552 5.2.2 mailbox full", false));
        deliver(dsn("dsn-3", "dan@example.org", "5.1.1", "550 5.1.1 user unknown", false));
        try (Pop3FrontEnd relay = Pop3FrontEnd.relay(greenMail.getPop3().getPort())) {
            MailboxConfig config = config("plain", relay.port(), "keep");
            AtomicInteger fetched = new AtomicInteger();
            MailboxClient cutAfterTwo = (mailbox, password) -> new CuttingSession(
                    new AngusPop3Client().open(mailbox, password), () -> {
                        if (fetched.incrementAndGet() == 2) {
                            relay.cut();
                        }
                    });
            ScanResult broken = new MailboxScanner(cutAfterTwo, services.recorder(), JSON)
                    .scan(config, PASSWORD, () -> Long.MAX_VALUE);
            assertFalse(broken.ok());
            assertTrue(broken.error().contains("connection lost"), broken.error());
            assertFalse(broken.committed());
            assertEquals(2, broken.recorded());
            assertEquals(0, broken.deleted());
            assertEquals(List.of("dsn-1", "dsn-2", "dsn-3"), messageIdsInMailbox());

            ScanResult rescan = new MailboxScanner(new AngusPop3Client(), services.recorder(), JSON)
                    .scan(config, PASSWORD, () -> Long.MAX_VALUE);
            assertTrue(rescan.ok(), rescan.error());
            assertEquals(1, rescan.recorded());
            assertEquals(2, rescan.duplicates());
            assertEquals(3, rescan.deleted());
        }
        assertTrue(messageIdsInMailbox().isEmpty());
        assertBounces("ann@example.com", BounceType.HARD);
        assertBounces("bob@example.org", BounceType.SOFT);
        assertBounces("dan@example.org", BounceType.HARD);
    }

    @Test
    void pop3sWithImplicitTls() throws Exception {
        deliver(dsn("dsn-tls", "ann@example.com", "5.1.1", "550 5.1.1 user unknown", true));
        MailboxConfig config = config("tls", greenMail.getPop3s().getPort(), "keep", true);
        ScanResult result = scan(config);
        assertTrue(result.ok(), result.error());
        assertEquals(1, result.recorded());
        assertTrue(messageIdsInMailbox().isEmpty());
    }

    @Test
    void pop3sChecksTheServerCertificateUnlessToldNotTo() throws Exception {
        deliver(dsn("dsn-tls", "ann@example.com", "5.1.1", "550 5.1.1 user unknown", true));
        ScanResult result = scan(config("tls", greenMail.getPop3s().getPort(), "keep", false));
        assertFalse(result.ok());
        assertEquals(0, result.recorded());
        assertEquals(List.of("dsn-tls"), messageIdsInMailbox());
    }

    @Test
    void starttlsUpgradesTheConnectionBeforeLoggingIn() throws Exception {
        deliver(dsn("dsn-stls", "ann@example.com", "5.1.1", "550 5.1.1 user unknown", true));
        try (Pop3FrontEnd frontEnd = Pop3FrontEnd.startTls(greenMail.getPop3().getPort())) {
            ScanResult result = scan(config("starttls", frontEnd.port(), "keep", true));
            assertTrue(result.ok(), result.error());
            assertEquals(1, result.recorded());
            assertTrue(frontEnd.upgraded());
            assertTrue(frontEnd.clearTextCommands().stream().noneMatch(c -> c.startsWith("USER") || c.startsWith("PASS")),
                    frontEnd.clearTextCommands().toString());
        }
        assertTrue(messageIdsInMailbox().isEmpty());
    }

    @Test
    void starttlsIsRequiredNotAttempted() throws Exception {
        deliver(dsn("dsn-stls", "ann@example.com", "5.1.1", "550 5.1.1 user unknown", true));
        ScanResult result = scan(config("starttls", greenMail.getPop3().getPort(), "keep", true));
        assertFalse(result.ok());
        assertEquals(0, result.examined());
        assertEquals(List.of("dsn-stls"), messageIdsInMailbox());
    }

    @Test
    void aScanCountsItsResultEachVerdictAndEachBounce() throws Exception {
        deliver(dsn("dsn-m1", "ann@example.com", "5.1.1", "550 5.1.1 user unknown", true));
        deliver(dsn("dsn-m2", "ann@example.com", "5.1.1", "550 5.1.1 user unknown", true));
        RecordingMetrics metrics = new RecordingMetrics();
        Components counted = DynamoDbLocal.services().metrics(metrics)
                .secrets(() -> Secrets.parse("{\"mailboxes\": {\"bounces\": {\"password\": \"" + PASSWORD + "\"}}}", JSON))
                .build();

        ScanResult result = new MailboxScanner(new AngusPop3Client(), counted.recorder(), JSON, metrics)
                .scan(config("plain", greenMail.getPop3().getPort(), "keep"), PASSWORD, () -> Long.MAX_VALUE);

        assertTrue(result.ok(), result.error());
        assertEquals(List.of("verdict bounce", "bounce pop3 hard RECORDED", "verdict bounce", "bounce pop3 hard RECORDED",
                "scan bounces completed examined 2 failed 0"), metrics.counted());
        ScanResult refused = new MailboxScanner(new AngusPop3Client(), counted.recorder(), JSON, metrics)
                .scan(config("plain", greenMail.getPop3().getPort(), "keep"), "wrong", () -> Long.MAX_VALUE);
        assertFalse(refused.ok());
        assertEquals("scan bounces failed examined 0 failed 0", metrics.counted().get(metrics.counted().size() - 1));
    }

    @Test
    void aWrongPasswordIsRefusedAndTouchesNothing() throws Exception {
        deliver(dsn("dsn-1", "ann@example.com", "5.1.1", "550 5.1.1 user unknown", true));
        ScanResult result = new MailboxScanner(new AngusPop3Client(), services.recorder(), JSON)
                .scan(config("plain", greenMail.getPop3().getPort(), "delete"), "wrong", () -> Long.MAX_VALUE);
        assertFalse(result.ok());
        assertTrue(result.error().contains("login as " + USER + " refused"), result.error());
        assertEquals(List.of("dsn-1"), messageIdsInMailbox());
        assertTrue(services.bounces().listBySubscriber(ANN_UUID).isEmpty());
    }

    @Test
    void stopsBeforeTheDeadlineAndAtTheMessageLimit() throws Exception {
        for (int i = 1; i <= 4; i++) {
            deliver(dsn("dsn-" + i, "user" + i + "@example.com", "5.1.1", "550 5.1.1 user unknown", false));
        }
        AtomicInteger asked = new AtomicInteger();
        ScanResult deadline = new MailboxScanner(new AngusPop3Client(), services.recorder(), JSON)
                .scan(config("plain", greenMail.getPop3().getPort(), "keep"), PASSWORD,
                        () -> asked.incrementAndGet() <= 1 ? 60_000 : 1_000);
        assertTrue(deadline.stoppedEarly());
        assertTrue(deadline.committed());
        assertEquals(1, deadline.examined());
        assertEquals(List.of("dsn-2", "dsn-3", "dsn-4"), messageIdsInMailbox());

        MailboxConfig two = MailboxSettings.all(Settings.parse("{\"mailboxes\": [" + mailboxJson("plain",
                greenMail.getPop3().getPort(), "keep", false).replace("}", ", \"max_messages\": 2}") + "]}", JSON)).get(0);
        ScanResult limited = scan(two);
        assertEquals(2, limited.examined());
        assertEquals(List.of("dsn-4"), messageIdsInMailbox());
    }

    @Test
    void theHandlerScansTheMailboxTheScheduledEventNames() throws Exception {
        deliver(dsn("dsn-1", "ann@example.com", "5.1.1", "550 5.1.1 user unknown", true));
        Components configured = DynamoDbLocal.services()
                .settings(Settings.parse("{\"mailboxes\": [" + mailboxJson("plain", greenMail.getPop3().getPort(), "keep",
                        false) + "]}", JSON))
                .secrets(() -> Secrets.parse("{\"mailboxes\": {\"bounces\": {\"password\": \"" + PASSWORD + "\"}}}", JSON))
                .build();
        ScheduledEvent event = EventLoader.loadScheduledEvent("events/pop3/scheduled-bounces.json");
        Map<String, Object> summary = new Pop3ScannerHandler(configured).handleRequest(event, new FakeContext(300_000));
        assertEquals("bounces", summary.get("mailbox"));
        assertEquals(1, summary.get("recorded"));
        assertEquals(1, summary.get("deleted"));
        assertEquals(BounceType.HARD, configured.bounces().listBySubscriber(
                configured.subscribers().findByEmail("ann@example.com").orElseThrow().uuid()).get(0).type());
        ScanRecord kept = configured.scanLog().latest().get("bounces");
        assertEquals("ok", kept.outcome(), "the outcome is kept for GET /api/mailboxes");
        assertEquals(1, kept.recorded());

        ScheduledEvent unknown = eventFor("nope");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Pop3ScannerHandler(configured).handleRequest(unknown, new FakeContext(300_000)));
        assertTrue(e.getMessage().contains("no mailbox named 'nope'"), e.getMessage());

        Components wrongPassword = DynamoDbLocal.services().settings(configured.settings())
                .secrets(() -> Secrets.parse("{\"mailboxes\": {\"bounces\": {\"password\": \"wrong\"}}}", JSON)).build();
        assertThrows(IllegalStateException.class,
                () -> new Pop3ScannerHandler(wrongPassword).handleRequest(event, new FakeContext(300_000)));
        ScanRecord failed = wrongPassword.scanLog().latest().get("bounces");
        assertEquals("failed", failed.outcome());
        assertTrue(failed.detail() != null && !failed.detail().isBlank(), "says why");
    }

    // --- helpers ---

    @Test
    void aBounceKeepsItsDeliveryStatusAndTheReturnedHeadersAsEvidenceButNeverTheReturnedBody() throws Exception {
        deliver("""
                From: MAILER-DAEMON@mx.example.net
                To: %s
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <evidence-1@mx.example.net>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: text/plain

                <ann@example.com>: host mx.example.com said: 552 5.2.2 Mailbox full
                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.net

                Final-Recipient: rfc822; ann@example.com
                Action: failed
                Status: 5.2.2
                Diagnostic-Code: smtp; 552 5.2.2 Mailbox full
                --B
                Content-Type: message/rfc822

                From: news@lists.example.org
                To: ann@example.com
                X-Listmonk-Campaign: %s
                Subject: November news

                The secret newsletter body that must never be stored.
                --B--
                """.formatted(USER, CAMPAIGN));
        assertTrue(scan(config("plain", greenMail.getPop3().getPort(), "keep")).ok());

        Bounce listed = services.bounces().listBySubscriber(ANN_UUID).get(0);
        assertEquals("mailboxfull", listed.reason());
        Bounce found = services.bounces().findById(listed.id()).orElseThrow();
        var evidence = JSON.readTree(found.evidence());
        assertTrue(evidence.path("delivery_status").asText().contains("Status: 5.2.2"), found.evidence());
        assertTrue(evidence.path("delivery_status").asText().contains("Reporting-MTA: dns; mx.example.net"), found.evidence());
        assertTrue(evidence.path("returned_headers").asText().contains("Subject: November news"), found.evidence());
        assertFalse(found.evidence().contains("secret newsletter body"), found.evidence());
    }

    private ScanResult scan(MailboxConfig config) {
        return new MailboxScanner(new AngusPop3Client(), services.recorder(), JSON).scan(config, PASSWORD, () -> Long.MAX_VALUE);
    }

    private void assertBounces(String email, BounceType type) {
        Subscriber subscriber = services.subscribers().findByEmail(email).orElseThrow(() -> new AssertionError(email));
        List<Bounce> bounces = services.bounces().listBySubscriber(subscriber.uuid());
        assertEquals(1, bounces.size(), email + ": " + bounces);
        assertEquals(type, bounces.get(0).type());
    }

    private List<String> messageIdsInMailbox() throws MessagingException {
        MimeMessage[] messages = greenMail.getReceivedMessagesForDomain("lists.example.org");
        List<String> ids = new java.util.ArrayList<>();
        for (MimeMessage message : messages) {
            ids.add(message.getMessageID().replaceAll("^<|@.*$", ""));
        }
        return ids;
    }

    private void deliver(String message) throws MessagingException {
        Session session = Session.getInstance(new Properties());
        mailbox.deliver(new MimeMessage(session, new ByteArrayInputStream(
                message.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8))));
    }

    private static MailboxConfig config(String security, int port, String policy) {
        return config(security, port, policy, false);
    }

    private static MailboxConfig config(String security, int port, String policy, boolean skipVerify) {
        return MailboxSettings.all(Settings.parse("{\"mailboxes\": [" + mailboxJson(security, port, policy, skipVerify)
                + "]}", JSON)).get(0);
    }

    private static String mailboxJson(String security, int port, String policy, boolean skipVerify) {
        return """
                {"name": "bounces", "host": "127.0.0.1", "port": %d, "security": "%s", "tls_skip_verify": %s,
                 "username": "%s", "connect_timeout_seconds": 5, "read_timeout_seconds": 5,
                 "non_bounces": "%s", "unrecognised": "%s"}""".formatted(port, security, skipVerify, USER, policy, policy);
    }

    private static String dsn(String id, String recipient, String status, String diagnostic, boolean withHeaders) {
        String returned = withHeaders
                ? "X-Listmonk-Subscriber: " + ANN_UUID + "\nX-Listmonk-Campaign: " + CAMPAIGN + "\n" : "";
        return """
                From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
                To: %s
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <%s@mx.example.net>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B"

                --B
                Content-Type: text/plain

                <%s>: host mx.example.com said: %s (in reply to RCPT TO command)
                --B
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.net

                Final-Recipient: rfc822; %s
                Action: failed
                Status: %s
                Diagnostic-Code: smtp; %s
                --B
                Content-Type: text/rfc822-headers

                From: news@lists.example.org
                To: %s
                %sSubject: November news
                --B--
                """.formatted(USER, id, recipient, diagnostic, recipient, status, diagnostic, recipient, returned);
    }

    private static String qmail(String id, String recipient, String reply) {
        return """
                From: MAILER-DAEMON@mx.example.net
                To: %s
                Subject: failure notice
                Message-ID: <%s@mx.example.net>

                Hi. This is the qmail-send program at mx.example.net.
                I'm afraid I wasn't able to deliver your message to the following addresses.
                This is a permanent error; I've given up. Sorry it didn't work out.

                <%s>:
                Remote host said: %s

                --- Below this line is a copy of the message.

                From: news@lists.example.org
                To: %s
                Subject: November news
                """.formatted(USER, id, recipient, reply, recipient);
    }

    private static String arf(String id, String recipient) {
        return """
                From: fbl@isp.example.net
                To: %s
                Subject: Abuse report
                Message-ID: <%s@isp.example.net>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=feedback-report; boundary="F"

                --F
                Content-Type: message/feedback-report

                Feedback-Type: abuse
                Version: 1
                Original-Rcpt-To: <%s>

                --F--
                """.formatted(USER, id, recipient);
    }

    private static String unrelated(String id) {
        return """
                From: Bob <bob@example.org>
                To: %s
                Subject: Re: November news
                Message-ID: <%s@example.org>

                Thanks for the newsletter!
                """.formatted(USER, id);
    }

    private static String unparseableBounce(String id) {
        return """
                From: MAILER-DAEMON@mx.example.net
                To: %s
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <%s@mx.example.net>

                Your message could not be delivered.
                """.formatted(USER, id);
    }

    private static String autoReply(String id) {
        return """
                From: Eve <eve@example.com>
                To: %s
                Subject: Out of office
                Auto-Submitted: auto-replied
                Message-ID: <%s@example.com>

                I am away.
                """.formatted(USER, id);
    }

    /** Drops the connection after a fetch, through the action given. */
    private record CuttingSession(MailboxClient.Session delegate, Runnable afterFetch) implements MailboxClient.Session {
        @Override
        public int messageCount() throws MailboxException {
            return delegate.messageCount();
        }

        @Override
        public byte[] fetch(int number) throws MailboxException {
            byte[] raw = delegate.fetch(number);
            afterFetch.run();
            return raw;
        }

        @Override
        public void delete(int number) throws MailboxException {
            delegate.delete(number);
        }

        @Override
        public void commit() throws MailboxException {
            delegate.commit();
        }

        @Override
        public void abandon() {
            delegate.abandon();
        }

        @Override
        public boolean connected() {
            return delegate.connected();
        }
    }

    private record FakeContext(long remainingMillis) implements Context {
        @Override
        public String getAwsRequestId() {
            return "test-request";
        }

        @Override
        public String getLogGroupName() {
            return "/aws/lambda/pop3-scanner";
        }

        @Override
        public String getLogStreamName() {
            return "test";
        }

        @Override
        public String getFunctionName() {
            return "pop3-scanner";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:eu-west-1:123456789012:function:pop3-scanner";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return (int) remainingMillis;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }

    /** What the schedule sends for a mailbox. */
    private static ScheduledEvent eventFor(String mailbox) {
        ScheduledEvent event = new ScheduledEvent();
        event.setSource("aws.events");
        event.setDetailType("Scheduled Event");
        event.setDetail(Map.of("mailbox", mailbox));
        return event;
    }
}
