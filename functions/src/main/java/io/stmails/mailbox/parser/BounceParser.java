package io.stmails.mailbox.parser;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one message from a bounce mailbox: RFC 3464 delivery status notifications, RFC 5965 feedback
 * reports, Amazon SES notifications sent as mail, and the plain-text bounces of MTAs and mail
 * providers that send no DSN (qmail, Exim, older Sendmail and Postfix, Exchange, Gmail, Yahoo...).
 * Auto-replies and delivered / relayed notices are recognised as not bounces. Thread-safe.
 */
public final class BounceParser {
    /** The VERP return path {@code bounces+<subscriber uuid>@<domain>}. */
    public static final String DEFAULT_VERP = "^bounces\\+(?<subscriber>[0-9a-fA-F-]{36})@";

    private static final Phrases BOUNCE_TEXT = Phrases.of("could not be delivered", "couldn't be delivered",
            "undeliverable", "delivery failed", "permanent error", "failed permanently", "address(es) failed",
            "following address failed", "delivery to the following recipient", "was not delivered", "unable to deliver",
            "returned mail", "delivery has failed", "did not reach the following recipient", "wasn't able to deliver",
            "not able to deliver", "could not deliver", "delivery status notification", "mail delivery failed",
            "error delivering your mail", "message could not be delivered", "rejected by a remote", "failure reasons",
            "following recipients", "following addresses had", "delivery attempts", "not yet been delivered",
            "delayed for more than", "has been delayed", "failed addresses follow", "undelivered mail");
    private static final Pattern DSN_FIELD = Pattern.compile(
            "(?im)^[ \\t]*(?:final-recipient|original-recipient)[ \\t]*:[ \\t]*\\S");
    private static final Pattern DSN_BLOCK_START = Pattern.compile(
            "(?im)^[ \\t]*(?:reporting-mta|final-recipient|original-recipient|action|arrival-date)[ \\t]*:");
    private static final Pattern COMPLAINT_SUBJECT = Pattern.compile("(?i)complaint about message|abuse report|spam report");
    private static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";
    private static final int MAX_NESTING = 2;

    static {
        // Jakarta Mail looks its StreamProvider up with a ServiceLoader scan of the class path on every
        // header block and body part it reads (half the parse time); named here, it is a plain
        // reflective construction. It is the provider the scan finds anyway.
        if (System.getProperty(STREAM_PROVIDER_PROPERTY) == null) {
            System.setProperty(STREAM_PROVIDER_PROPERTY, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    private final Pattern verp;

    public BounceParser() {
        this(Pattern.compile(DEFAULT_VERP));
    }

    /** @param verp pattern over a lower-cased address with a group named {@code subscriber}; null disables VERP */
    public BounceParser(Pattern verp) {
        this.verp = verp;
    }

    /** Never throws for bad input: a message that cannot be read is {@link Verdict#UNPARSEABLE}. */
    public ParsedMail parse(byte[] raw) {
        return parse(raw, 0);
    }

    private ParsedMail parse(byte[] raw, int depth) {
        MailParts parts;
        Envelope envelope;
        try {
            parts = MailParts.read(raw);
            envelope = Envelope.of(parts.message);
        } catch (MessagingException | IOException | RuntimeException e) {
            return new ParsedMail(Verdict.UNPARSEABLE, List.of(), "", "", "", null, null, null,
                    "not a readable MIME message: " + e.getMessage());
        }
        try {
            Reading reading = read(parts, envelope, depth);
            Origin.Ids ids = reading.verdict() == Verdict.BOUNCE ? Origin.find(parts, raw, verp) : new Origin.Ids(null, null);
            Instant date = reading.verdict() == Verdict.BOUNCE ? sentDate(parts.message) : null;
            return new ParsedMail(reading.verdict(), reading.recipients(), envelope.messageId, envelope.subject,
                    envelope.from, date, ids.subscriberUuid(), ids.campaignUuid(), reading.explanation(), ReportText.of(parts));
        } catch (MessagingException | IOException | RuntimeException e) {
            return new ParsedMail(Verdict.UNPARSEABLE, List.of(), envelope.messageId, envelope.subject, envelope.from,
                    null, null, null, "could not be read: " + e);
        }
    }

    private Reading read(MailParts parts, Envelope envelope, int depth) throws MessagingException, IOException {
        String notes = String.join("\n", parts.notes);

        if (!parts.feedbackReports.isEmpty()) {
            return FeedbackReport.reading(parts, FeedbackReport.read(parts.feedbackReports.get(0)));
        }
        JsonNode ses = MailedSesNotification.find(notes);
        if (ses != null) {
            return MailedSesNotification.read(ses);
        }
        List<DeliveryReport.Recipient> dsn = new ArrayList<>();
        for (byte[] report : parts.deliveryStatus) {
            dsn.addAll(DeliveryReport.read(report));
        }
        if (dsn.isEmpty() && DSN_FIELD.matcher(notes).find()) {
            dsn.addAll(DeliveryReport.read(dsnFieldsIn(notes).getBytes(StandardCharsets.UTF_8)));
        }
        if (!dsn.isEmpty()) {
            Reading fromDsn = DsnReading.read(dsn, notes, envelope);
            if (fromDsn != null) {
                return fromDsn;
            }
        }

        String forwarded = depth < MAX_NESTING && notes.contains("orward") ? ReturnedMessage.forwarded(notes) : null;
        if (forwarded != null) {
            ParsedMail inner = parse(forwarded.getBytes(StandardCharsets.UTF_8), depth + 1);
            if (inner.verdict() == Verdict.BOUNCE) {
                return new Reading(Verdict.BOUNCE, inner.recipients(), "forwarded " + inner.explanation());
            }
        }
        // An RFC 3834 auto-reply is machine-sent too, and may talk about delivery: its words are no sign.
        boolean bounceSigns = envelope.looksLikeBounce()
                || (envelope.machineSent() && !envelope.isAutoReply() && BOUNCE_TEXT.in(Classifier.normalise(notes)));
        if (COMPLAINT_SUBJECT.matcher(envelope.subject).find() && !parts.returnedHeaders.isEmpty() && !bounceSigns) {
            return FeedbackReport.reading(parts, new FeedbackReport.Complaint(List.of(), "abuse"));
        }
        if (!bounceSigns) {
            if (envelope.isAutoReply()) {
                return Reading.none(Verdict.NOT_BOUNCE, "auto-reply");
            }
            return Reading.none(Verdict.UNRELATED, "no sign of a bounce");
        }
        return fromText(parts, notes, envelope, depth);
    }

    /**
     * A bounce without a DSN: the recipients its text names; else X-Failed-Recipients; else the
     * returned message read as a bounce (a bounce of a bounce); else the returned message's one recipient;
     * else the recipient the VERP address it was delivered to encodes.
     */
    private Reading fromText(MailParts parts, String notes, Envelope envelope, int depth) throws MessagingException {
        Set<String> senderSide = envelope.senderSide(parts.returnedHeaders);
        senderSide.removeAll(envelope.failedRecipients);
        List<BounceText.Mention> mentions = BounceText.recipients(notes, senderSide);
        String returnedTo = returnedRecipient(parts.returnedHeaders, senderSide);
        if (!envelope.failedRecipients.isEmpty()) {
            List<BounceText.Mention> listed = mentions.stream()
                    .filter(m -> envelope.failedRecipients.contains(m.address())).toList();
            if (!listed.isEmpty()) {
                mentions = listed;
            } else if (mentions.isEmpty()) {
                mentions = envelope.failedRecipients.stream()
                        .map(address -> forwardedTo(address, returnedTo))
                        .distinct()
                        .map(address -> new BounceText.Mention(address, BounceText.about(notes, address).diagnostic(), notes))
                        .toList();
            }
        }
        if (mentions.isEmpty() && depth < MAX_NESTING) {
            for (byte[] returned : parts.returnedMessages) {
                ParsedMail inner = parse(returned, depth + 1);
                if (inner.verdict() == Verdict.BOUNCE) {
                    return new Reading(Verdict.BOUNCE, inner.recipients(), "returned " + inner.explanation());
                }
            }
        }
        if (mentions.isEmpty() && returnedTo != null) {
            mentions = List.of(new BounceText.Mention(returnedTo, "", notes));
        }
        String verp = mentions.isEmpty() ? VerpRecipient.in(parts.message) : null;
        if (verp != null) {
            mentions = List.of(new BounceText.Mention(verp, "", notes));
        }
        if (mentions.isEmpty()) {
            return Reading.none(Verdict.UNPARSEABLE, "looks like a bounce but names no recipient");
        }
        boolean delayed = envelope.delayNotice(notes);
        boolean sole = mentions.size() == 1;
        List<BouncedRecipient> recipients = new ArrayList<>();
        for (BounceText.Mention mention : mentions) {
            Classifier.Outcome outcome = Classifier.classify(
                    new Evidence(Set.of(mention.address()), "", mention.diagnostic(), "", false, mention.context(), delayed, sole, null));
            String diagnostic = mention.diagnostic().isBlank() ? mention.context() : mention.diagnostic();
            String written = Addresses.asWritten(mention.address(), mention.diagnostic(), mention.context());
            recipients.add(BouncedRecipient.of(written, outcome, diagnostic, BouncedRecipient.remoteHostIn(diagnostic), delayed));
        }
        return new Reading(Verdict.BOUNCE, recipients, "plain-text bounce");
    }

    private static Instant sentDate(MimeMessage message) {
        try {
            Date sent = message.getSentDate();
            return sent == null ? null : sent.toInstant();
        } catch (MessagingException | RuntimeException unreadableDate) {
            return null;
        }
    }

    /**
     * The returned message's recipient when the failed address is another one: the message was
     * forwarded (an alias, a group), and the list's subscriber is the address it was sent to.
     */
    private static String forwardedTo(String failed, String returnedTo) {
        return returnedTo != null && !returnedTo.equals(failed) ? returnedTo : failed;
    }

    private static String returnedRecipient(List<InternetHeaders> returned, Set<String> senderSide) {
        for (InternetHeaders headers : returned) {
            List<String> to = Addresses.ofHeader(headers.getHeader("To", ","));
            to.removeAll(senderSide);
            if (to.size() == 1) {
                return to.get(0);
            }
        }
        return null;
    }

    /** The DSN fields a plain-text bounce quotes, from the first field line on. */
    private static String dsnFieldsIn(String notes) {
        Matcher start = DSN_BLOCK_START.matcher(notes);
        return start.find() ? notes.substring(start.start()) : notes;
    }
}
