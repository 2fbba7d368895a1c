package io.stmails.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.config.ApiUser;
import io.stmails.config.Secrets;
import io.stmails.config.Settings;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.mailbox.MailboxClient;
import io.stmails.mailbox.MailboxConfig;
import io.stmails.sns.SnsMessage;
import io.stmails.store.SubscriberStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The repository's real-shaped events ({@code events/}) turned into as many distinct bounces as a
 * benchmark needs: each variant names its own subscriber and carries its own dedupe key, and the
 * SES ones are signed again with the test key (functions/src/test/resources/sns/), so every
 * variant passes the same checks as the fixture. Also the settings and secrets that make those
 * events valid: the SES test topic and certificate, the providers' test secrets, one API user,
 * a POP3 mailbox.
 */
final class BenchWorld {
    static final String API_USER = "hook";
    static final String API_TOKEN = "s3cret-token";
    /** The user the events/api fixtures authenticate as. */
    static final String API_FIXTURE_USER = "admin";
    static final String API_FIXTURE_TOKEN = "adm1n-token";
    static final String SES_TOPIC = "arn:aws:sns:us-east-1:123456789012:stmails-ses-feedback";
    static final String MAILBOX = "bounces";
    private static final String SES_FIXTURE_EMAIL = "jane.doe@example.com";
    private static final String SES_FIXTURE_SUBSCRIBER = "0b7d1c55-2d0c-4f8e-8a55-3f1e9b6c2a10";
    private static final String SES_FIXTURE_FEEDBACK = "0100018e0a1b2c3d-4e5f6a7b-8c9d-4e0f-a1b2-c3d4e5f6a7b8-000000";
    private static final String POSTMARK_FIXTURE_EMAIL = "Gone.User@Example.org";
    private static final String POSTMARK_FIXTURE_SUBSCRIBER = "0b7e7c3d-5a0e-4d2c-9a51-3f7f2e8a1c44";
    private static final String POSTMARK_FIXTURE_ID = "4323372036854775807";
    private static final String POSTMARK_FIXTURE_MESSAGE = "883953f4-6105-42a2-a16a-77a8eac79483";

    private final Path repo;
    private final ObjectMapper json;
    private final String webhookEvent;
    private final String postmarkEvent;
    private final String sesEvent;
    /** Read at the first signature: the cold-start probe's JVMs build a world but sign nothing, and their time is the function's. */
    private PrivateKey sesKey;

    BenchWorld(Path repo, ObjectMapper json) {
        this.repo = repo;
        this.json = json;
        this.webhookEvent = read("events/webhook/bounce-hard-by-email.json");
        this.postmarkEvent = read("events/postmark/bounce-hard.json");
        this.sesEvent = read("events/ses/sns/permanent-bounce.json");
    }

    /** The repository root: {@code --repo DIR}, else the working directory. */
    static Path repo(List<String> args) {
        int at = args.indexOf("--repo");
        Path repo = at >= 0 && at + 1 < args.size() ? Path.of(args.get(at + 1)) : Path.of(".");
        if (!Files.isDirectory(repo.resolve("events"))) {
            throw new IllegalArgumentException(repo.toAbsolutePath().normalize()
                    + " holds no events/ directory: run from the repository root or pass --repo DIR");
        }
        return repo;
    }

    /** {@code --name N}, else the default. */
    static int intOption(List<String> args, String name, int fallback) {
        int at = args.indexOf(name);
        if (at < 0) {
            return fallback;
        }
        if (at + 1 >= args.size()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        int value = Integer.parseInt(args.get(at + 1));
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return value;
    }

    /** SES, Postmark and a POP3 mailbox on; the mailbox (at 127.0.0.1:110, never connected to) is read only through {@link MemoryMailbox}. */
    Settings settings() {
        return settings(true);
    }

    /** Without the mailbox, for the local runner, whose schedule would try to reach it. */
    Settings settings(boolean mailbox) {
        return Settings.parse(settingsJson(mailbox), json);
    }

    /** The document of {@link #settings(boolean)}, as a function's environment carries it. */
    String settingsJson(boolean mailbox) {
        ObjectNode settings = json.createObjectNode();
        settings.putObject("ses").put("enabled", true).put("campaign_tag", "campaign")
                .put("certificate_dir", repo.resolve("events/ses/certificates").toAbsolutePath().toString())
                .putArray("topic_arns").add(SES_TOPIC);
        settings.putObject("providers").putObject("postmark").put("enabled", true);
        if (mailbox) {
            settings.putArray("mailboxes").addObject().put("name", MAILBOX).put("host", "127.0.0.1")
                    .put("username", "bounces@lists.example.org").put("security", "plain");
        }
        return settings.toString();
    }

    Secrets secrets() {
        try {
            ObjectNode secrets = (ObjectNode) json.readTree(read("functions/src/test/resources/providers/test-secrets.json"));
            secrets.putObject("mailboxes").putObject(MAILBOX).put("password", "unused-in-memory");
            return Secrets.parse(secrets.toString(), json)
                    .withApiUser(new ApiUser(API_USER, API_TOKEN, java.util.Set.of(ApiUser.ALL)))
                    .withApiUser(new ApiUser(API_FIXTURE_USER, API_FIXTURE_TOKEN, java.util.Set.of(ApiUser.ALL)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A subscriber for bounce {@code n} of a path, so that each bounce finds its own (and its threshold step acts). */
    static Subscriber subscriber(String path, int n) {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        return new Subscriber(UUID.nameUUIDFromBytes((path + n).getBytes(StandardCharsets.UTF_8)).toString(),
                "bench-" + path + "-" + n + "@example.com", path + n, SubscriberStatus.ENABLED,
                Map.of("1", SubscriptionStatus.CONFIRMED), at, at, 1);
    }

    static void seed(SubscriberStore subscribers, String path, int count) {
        for (int n = 0; n < count; n++) {
            subscribers.create(subscriber(path, n));
        }
    }

    /** {@code POST /webhooks/bounce} as API Gateway hands it over, for subscriber {@code n} of {@code path}. */
    String webhook(String path, int n) {
        Subscriber s = subscriber(path, n);
        ObjectNode event = tree(webhookEvent);
        ObjectNode body = (ObjectNode) tree(event.path("body").asText());
        body.put("email", s.email());
        String text = body.toString();
        event.put("body", text);
        ObjectNode headers = (ObjectNode) event.get("headers");
        headers.put("idempotency-key", "bench-" + path + "-" + n);
        headers.put("content-length", Integer.toString(text.getBytes(StandardCharsets.UTF_8).length));
        return event.toString();
    }

    /** The webhook's body alone, for HTTP clients. */
    String webhookBody(String path, int n) {
        return tree(webhook(path, n)).path("body").asText();
    }

    /** Postmark's hard-bounce webhook (Basic auth with the test secrets) for subscriber {@code n} of {@code path}. */
    String postmark(String path, int n) {
        Subscriber s = subscriber(path, n);
        ObjectNode event = tree(postmarkEvent);
        String body = event.path("body").asText()
                .replace(POSTMARK_FIXTURE_EMAIL, s.email())
                .replace(POSTMARK_FIXTURE_SUBSCRIBER, s.uuid())
                .replace(POSTMARK_FIXTURE_ID, Long.toString(4_000_000_000_000_000_000L + n))
                .replace(POSTMARK_FIXTURE_MESSAGE, UUID.nameUUIDFromBytes(s.email().getBytes(StandardCharsets.UTF_8)).toString());
        event.put("body", body);
        return event.toString();
    }

    /** The SES permanent bounce as the SNS Lambda subscription delivers it, signed again with the test key. */
    String ses(String path, int n) {
        Subscriber s = subscriber(path, n);
        ObjectNode event = tree(sesEvent);
        ObjectNode sns = (ObjectNode) event.path("Records").get(0).get("Sns");
        String message = sns.path("Message").asText()
                .replace(SES_FIXTURE_EMAIL, s.email())
                .replace(SES_FIXTURE_SUBSCRIBER, s.uuid())
                .replace(SES_FIXTURE_FEEDBACK, String.format("0100018e0a1b2c3d-%s-000000", UUID.nameUUIDFromBytes(
                        s.email().getBytes(StandardCharsets.UTF_8))));
        sns.put("Message", message);
        sns.put("MessageId", UUID.nameUUIDFromBytes(message.getBytes(StandardCharsets.UTF_8)).toString());
        SnsMessage unsigned = new SnsMessage(text(sns, "Type"), text(sns, "MessageId"), text(sns, "TopicArn"),
                text(sns, "Subject"), message, text(sns, "Timestamp"), text(sns, "SignatureVersion"), null,
                text(sns, "SigningCertUrl"), null, text(sns, "UnsubscribeUrl"), null);
        sns.put("Signature", sign(unsigned.stringToSign(), text(sns, "SignatureVersion")));
        return event.toString();
    }

    /** SES's bounce event through EventBridge (configuration set) for subscriber {@code n} of {@code path}. */
    String sesEventBridge(String path, int n) {
        Subscriber s = subscriber(path, n);
        return read("events/ses/eventbridge/configuration-set-bounce.json")
                .replace("sam@example.com", s.email())
                .replace("0100018e0a2d4e6f-7a8b9c0d-1e2f-4a3b-a4c5-d6e7f8a9b0c2-000000", "0100018e0a2d4e6f-"
                        + UUID.nameUUIDFromBytes(s.email().getBytes(StandardCharsets.UTF_8)) + "-000000");
    }

    /** An API request from events/api (a read). */
    String api(String name) {
        return read("events/api/" + name + ".json");
    }

    /** A delivery status notification (RFC 3464) as a remote MTA returns it, for subscriber {@code n} of {@code path}. */
    static byte[] dsn(String path, int n) {
        Subscriber s = subscriber(path, n);
        String text = """
                Return-Path: <>
                Received: from mx.example.net (mx.example.net [198.51.100.7]) by mail.lists.example.org
                Date: Mon, 2 Mar 2026 10:20:00 +0000
                From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
                To: bounces@lists.example.org
                Subject: Undelivered Mail Returned to Sender
                Message-ID: <bench-%1$s@mx.example.net>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="B-%1$s"

                --B-%1$s
                Content-Type: text/plain; charset=us-ascii

                This is the mail system at host mx.example.net.

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients.

                <%2$s>: host mx.example.net[198.51.100.7] said: 550 5.1.1
                    <%2$s>: Recipient address rejected: User unknown in local recipient table

                --B-%1$s
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mx.example.net
                Arrival-Date: Mon, 2 Mar 2026 10:19:58 +0000

                Final-Recipient: rfc822; %2$s
                Original-Recipient: rfc822;%2$s
                Action: failed
                Status: 5.1.1
                Remote-MTA: dns; mx.example.net
                Diagnostic-Code: smtp; 550 5.1.1 <%2$s>: Recipient address rejected: User unknown in local recipient table

                --B-%1$s
                Content-Type: text/rfc822-headers

                From: Stmails News <news@lists.example.org>
                To: %2$s
                Subject: March newsletter
                X-Listmonk-Campaign: 5e1f2a3b-6c7d-4e8f-9a0b-1c2d3e4f5a6b
                X-Listmonk-Subscriber: %3$s
                Message-ID: <campaign-%1$s@lists.example.org>

                --B-%1$s--
                """.formatted(path + "-" + n, s.email(), s.uuid());
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The scheduled event that starts a scan of the mailbox. */
    String pop3Schedule() {
        return read("events/pop3/scheduled-bounces.json");
    }

    /** A POP3 mailbox in memory: the scanner's own protocol, without a server. */
    static final class MemoryMailbox implements MailboxClient {
        private final List<byte[]> messages = new ArrayList<>();

        synchronized void add(byte[] message) {
            messages.add(message);
        }

        synchronized int size() {
            return messages.size();
        }

        @Override
        public Session open(MailboxConfig mailbox, String password) {
            List<Integer> deleted = new ArrayList<>();
            return new Session() {
                @Override
                public int messageCount() {
                    return size();
                }

                @Override
                public byte[] fetch(int number) {
                    synchronized (MemoryMailbox.this) {
                        return messages.get(number - 1);
                    }
                }

                @Override
                public void delete(int number) {
                    deleted.add(number);
                }

                @Override
                public void commit() {
                    synchronized (MemoryMailbox.this) {
                        deleted.stream().sorted(java.util.Comparator.reverseOrder()).forEach(i -> messages.remove((int) i - 1));
                    }
                }

                @Override
                public void abandon() {
                    deleted.clear();
                }

                @Override
                public boolean connected() {
                    return true;
                }
            };
        }
    }

    private String sign(byte[] data, String version) {
        try {
            Signature signer = Signature.getInstance("1".equals(version) ? "SHA1withRSA" : "SHA256withRSA");
            signer.initSign(sesKey());
            signer.update(data);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized PrivateKey sesKey() {
        if (sesKey == null) {
            sesKey = privateKey(read("functions/src/test/resources/sns/TEST-ONLY-signing-key.pem"));
        }
        return sesKey;
    }

    private static PrivateKey privateKey(String pem) {
        try {
            byte[] der = Base64.getDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the SNS test key does not load", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private ObjectNode tree(String text) {
        try {
            return (ObjectNode) json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String read(String relative) {
        try {
            return Files.readString(repo.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relative + " under " + repo.toAbsolutePath().normalize(), e);
        }
    }
}
