package io.stmails.mailbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.InvalidFieldException;
import io.stmails.mailbox.parser.BounceParser;
import io.stmails.mailbox.parser.BouncedRecipient;
import io.stmails.mailbox.parser.ParsedMail;
import io.stmails.metrics.BounceMetrics;
import io.stmails.record.BounceRecorder;
import io.stmails.store.StorageException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scans one bounce mailbox: fetches up to {@code max_messages} messages, records every bounce
 * through the recorder, and deletes a message only once all its bounces are durably recorded, or
 * when it was recognised as a non-bounce and the mailbox's policy says to delete those. Unrelated and
 * unreadable mail is kept unless the policy says otherwise. A message that fails is kept and the scan
 * goes on; a lost connection ends the scan without QUIT, so the server deletes nothing; a kept message
 * scanned again records nothing twice (the dedupe key is the bounce's Message-ID plus the recipient).
 */
public final class MailboxScanner {
    private static final Logger LOG = LoggerFactory.getLogger(MailboxScanner.class);
    private static final int MAX_KEY_ID_LENGTH = 500;
    /** Free text copied into meta (subject, diagnostic, ...): enough to read, never enough to break meta's limit. */
    private static final int MAX_META_TEXT = 2_000;
    /** Time kept in hand before the deadline for the last fetch's reply and the QUIT. */
    private static final long DEADLINE_MARGIN_MILLIS = 5_000;

    private final MailboxClient client;
    private final BounceRecorder recorder;
    private final ObjectMapper json;
    private final BounceMetrics metrics;

    public MailboxScanner(MailboxClient client, BounceRecorder recorder, ObjectMapper json, BounceMetrics metrics) {
        this.client = client;
        this.recorder = recorder;
        this.json = json;
        this.metrics = metrics;
    }

    /** For callers that report no metrics. */
    public MailboxScanner(MailboxClient client, BounceRecorder recorder, ObjectMapper json) {
        this(client, recorder, json, BounceMetrics.NONE);
    }

    /** @param remainingMillis time left before the caller's deadline (Lambda's Context.getRemainingTimeInMillis) */
    public ScanResult scan(MailboxConfig mailbox, String password, LongSupplier remainingMillis) {
        ScanResult result = scanned(mailbox, password, remainingMillis);
        metrics.mailboxScanned(result.mailbox(), result.ok(), result.examined(), result.failed());
        return result;
    }

    private ScanResult scanned(MailboxConfig mailbox, String password, LongSupplier remainingMillis) {
        Tally tally = new Tally(mailbox.name());
        MailboxClient.Session session;
        try {
            session = client.open(mailbox, password);
        } catch (MailboxException e) {
            return tally.result(0, false, false, e.getMessage());
        }
        int messages;
        try {
            messages = session.messageCount();
        } catch (MailboxException e) {
            session.abandon();
            return tally.result(0, false, false, e.getMessage());
        }
        BounceParser parser = new BounceParser(mailbox.verp());
        long margin = mailbox.readTimeout().toMillis() + DEADLINE_MARGIN_MILLIS;
        int limit = Math.min(messages, mailbox.maxMessages());
        String error = null;
        boolean stoppedEarly = false;
        for (int number = 1; number <= limit && error == null; number++) {
            if (remainingMillis.getAsLong() < margin) {
                stoppedEarly = true;
                break;
            }
            try {
                byte[] raw = session.fetch(number);
                tally.examined++;
                if (handle(mailbox, parser, raw, tally)) {
                    session.delete(number);
                    tally.deleted++;
                } else {
                    tally.kept++;
                }
            } catch (MailboxException e) {
                tally.failed++;
                LOG.warn("mailbox {}: message {}: {}", mailbox.name(), number, e.getMessage());
                if (!session.connected()) {
                    error = "connection lost: " + e.getMessage();
                }
            } catch (StorageException e) {
                tally.kept++;
                LOG.error("mailbox {}: recording failed; stopping the scan, the message is kept", mailbox.name(), e);
                error = "recording failed: " + e.getMessage();
            } catch (RuntimeException e) {
                tally.failed++;
                LOG.error("mailbox {}: message {} could not be handled; it is kept", mailbox.name(), number, e);
            }
        }
        if (!session.connected()) {
            session.abandon();
            return tally.result(messages, stoppedEarly, false, error == null ? "connection lost" : error);
        }
        try {
            session.commit();
            return tally.result(messages, stoppedEarly, true, error);
        } catch (MailboxException e) {
            return tally.result(messages, stoppedEarly, false, error == null ? e.getMessage() : error);
        }
    }

    /** Records the message's bounces; true when the message may be deleted. */
    private boolean handle(MailboxConfig mailbox, BounceParser parser, byte[] raw, Tally tally) {
        ParsedMail parsed = parser.parse(raw);
        metrics.parserVerdict(parsed.verdict().name().toLowerCase(Locale.ROOT));
        return switch (parsed.verdict()) {
            case BOUNCE -> {
                List<BouncedRecipient> recipients = parsed.recipients().stream()
                        .filter(r -> !r.delayed() || mailbox.recordDelays())
                        .toList();
                if (recipients.isEmpty()) {
                    yield mailbox.nonBounces() == MailboxConfig.Policy.DELETE;
                }
                String id = messageKey(parsed, raw);
                boolean allRecordable = true;
                for (BouncedRecipient recipient : recipients) {
                    BounceEvent event;
                    try {
                        event = event(mailbox, parsed, recipient, recipients.size(), id);
                    } catch (InvalidFieldException e) {
                        // Permanent (e.g. an "address" longer than any key may be): kept for a person to read,
                        // not a failure to retry; the other recipients are still recorded.
                        LOG.warn("mailbox {}: a recipient of \"{}\" cannot be recorded ({}); the message is kept",
                                mailbox.name(), bounded(parsed.subject()), e.getMessage());
                        allRecordable = false;
                        continue;
                    }
                    switch (recorder.record(event).outcome()) {
                        case RECORDED -> tally.recorded++;
                        case DUPLICATE -> tally.duplicates++;
                        case SUBSCRIBER_NOT_FOUND -> tally.notFound++;
                    }
                }
                yield allRecordable;
            }
            case NOT_BOUNCE -> mailbox.nonBounces() == MailboxConfig.Policy.DELETE;
            case UNRELATED, UNPARSEABLE -> {
                LOG.info("mailbox {}: keeping a message that is not a bounce ({}): {}", mailbox.name(),
                        parsed.explanation(), parsed.subject());
                yield mailbox.unrecognised() == MailboxConfig.Policy.DELETE;
            }
        };
    }

    private BounceEvent event(MailboxConfig mailbox, ParsedMail parsed, BouncedRecipient recipient, int recipients,
            String messageKey) {
        ObjectNode meta = json.createObjectNode()
                .put("mailbox", mailbox.name())
                .put("message_id", bounded(parsed.messageId()))
                .put("from", bounded(parsed.from()))
                .put("subject", bounded(parsed.subject()));
        RecipientFields.put(meta, recipient)
                .put("diagnostic", bounded(recipient.diagnostic()))
                .put("remote_mta", bounded(recipient.remoteMta()));
        // The returned message's subscriber header names one subscriber: it can only be this
        // recipient's when the bounce names no other.
        String subscriber = recipients == 1 ? parsed.subscriberUuid() : null;
        return new BounceEvent(recipient.address(), subscriber, parsed.campaignUuid(), recipient.type(),
                mailbox.host(), parsed.date(), meta.toString(), "pop3:" + messageKey + ":" + recipient.address())
                .classified(recipient.reason(), parsed.report().evidence())
                .withMessageId(parsed.messageId());
    }

    private static String bounded(String text) {
        if (text == null || text.length() <= MAX_META_TEXT) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX_META_TEXT - 1)) ? MAX_META_TEXT - 1 : MAX_META_TEXT;
        return text.substring(0, end) + "…";
    }

    /**
     * The bounce's Message-ID, or a digest of the raw message when it has none, or of the ID when it is absurdly
     * long or not the printable ASCII RFC 5322 allows (it becomes part of a key).
     */
    private static String messageKey(ParsedMail parsed, byte[] raw) {
        String id = parsed.messageId();
        if (!id.isEmpty() && id.length() <= MAX_KEY_ID_LENGTH && id.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            return id;
        }
        byte[] source = id.isEmpty() ? raw : id.getBytes(StandardCharsets.UTF_8);
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(source));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static final class Tally {
        final String mailbox;
        int examined;
        int recorded;
        int duplicates;
        int notFound;
        int deleted;
        int kept;
        int failed;

        Tally(String mailbox) {
            this.mailbox = mailbox;
        }

        ScanResult result(int messages, boolean stoppedEarly, boolean committed, String error) {
            return new ScanResult(mailbox, messages, examined, recorded, duplicates, notFound,
                    committed ? deleted : 0, kept + (committed ? 0 : deleted), failed, stoppedEarly, committed, error);
        }
    }
}
