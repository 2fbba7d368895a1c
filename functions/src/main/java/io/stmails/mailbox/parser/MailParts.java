package io.stmails.mailbox.parser;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import jakarta.mail.internet.MimePartDataSource;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.SharedByteArrayInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A message taken apart: its headers, the human-readable notification (with any inline copy of the
 * returned message cut off), the machine-readable reports, and the headers of the returned message.
 */
final class MailParts {
    private static final Session SESSION = Session.getInstance(new Properties());
    private static final int MAX_DEPTH = 6;
    private static final int MAX_NOTE_CHARS = 256 * 1024;
    /** Charset lookups go through the providers for anything but the standard few: remembered here. */
    private static final Map<String, Charset> CHARSETS = new ConcurrentHashMap<>();

    final MimeMessage message;
    /** Human-readable texts of the notification, in order (text/plain; text/html made text when there is no plain text). */
    final List<String> notes = new ArrayList<>();
    private final List<String> htmlNotes = new ArrayList<>();
    /** message/delivery-status bodies. */
    final List<byte[]> deliveryStatus = new ArrayList<>();
    /** message/feedback-report bodies. */
    final List<byte[]> feedbackReports = new ArrayList<>();
    /** Header blocks of returned messages (message/rfc822, text/rfc822-headers, or an inline copy). */
    final List<InternetHeaders> returnedHeaders = new ArrayList<>();
    /** Returned messages as they came (message/rfc822 bodies, inline copies): a bounce of a bounce is read from here. */
    final List<byte[]> returnedMessages = new ArrayList<>();

    private MailParts(MimeMessage message) {
        this.message = message;
    }

    static MailParts read(byte[] raw) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(SESSION, new SharedByteArrayInputStream(LineEndings.normalise(raw)));
        MailParts parts = new MailParts(message);
        parts.walk(message, 0);
        if (parts.notes.isEmpty()) {
            for (String html : parts.htmlNotes) {
                parts.addNote(Html.toText(html));
            }
        }
        return parts;
    }

    private void walk(Part part, int depth) throws MessagingException, IOException {
        String type = baseType(part);
        if (type.startsWith("multipart/") && depth < MAX_DEPTH) {
            MimeMultipart multipart = new MimeMultipart(new MimePartDataSource((MimePart) part));
            int count;
            try {
                count = multipart.getCount();
            } catch (MessagingException brokenBoundaries) {
                addNote(text(part));
                return;
            }
            for (int i = 0; i < count; i++) {
                BodyPart child = multipart.getBodyPart(i);
                walk(child, depth + 1);
            }
            return;
        }
        switch (type) {
            case "message/delivery-status", "message/global-delivery-status" -> deliveryStatus.add(bytes(part));
            case "message/feedback-report" -> feedbackReports.add(bytes(part));
            case "message/rfc822", "message/global", "message/partial" -> {
                byte[] returned = bytes(part);
                returnedMessages.add(returned);
                returnedHeaders.add(headers(returned));
            }
            case "text/rfc822-headers", "message/rfc822-headers", "text/rfc822-header" ->
                    returnedHeaders.add(headers(bytes(part)));
            case "text/html" -> htmlNotes.add(text(part));
            default -> {
                if (type.startsWith("text/") || type.isEmpty()) {
                    addNote(text(part));
                }
            }
        }
    }

    private void addNote(String text) throws MessagingException {
        // A notification is a few kilobytes; a huge text part is an attachment, and its start is enough.
        ReturnedMessage.Split split = ReturnedMessage.split(
                text.length() > MAX_NOTE_CHARS ? text.substring(0, MAX_NOTE_CHARS) : text);
        notes.add(split.notification());
        if (split.returned() != null) {
            byte[] returned = split.returned().getBytes(StandardCharsets.UTF_8);
            returnedMessages.add(returned);
            returnedHeaders.add(headers(returned));
        }
    }

    static InternetHeaders headers(byte[] bytes) throws MessagingException {
        return new InternetHeaders(new ByteArrayInputStream(bytes));
    }

    private static String baseType(Part part) throws MessagingException {
        String header = part.getContentType();
        if (header == null) {
            return "";
        }
        try {
            return new ContentType(header).getBaseType().toLowerCase(Locale.ROOT);
        } catch (jakarta.mail.internet.ParseException e) {
            int semicolon = header.indexOf(';');
            return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
        }
    }

    /** The part's body with its transfer encoding undone (or as it is when the encoding is unknown). */
    static byte[] bytes(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.readAllBytes();
        } catch (MessagingException | IOException undecodable) {
            if (part instanceof MimePart mime) {
                InputStream raw = mime instanceof MimeMessage message ? message.getRawInputStream()
                        : ((jakarta.mail.internet.MimeBodyPart) mime).getRawInputStream();
                try (raw) {
                    return raw.readAllBytes();
                }
            }
            throw undecodable;
        }
    }

    /** The named charset; UTF-8 for an unknown name, as most undeclared or misdeclared mail is ASCII or UTF-8. */
    private static Charset charsetNamed(String name) {
        try {
            return Charset.forName(MimeUtility.javaCharset(name));
        } catch (IllegalArgumentException unknownCharset) {
            return StandardCharsets.UTF_8;
        }
    }

    static String text(Part part) throws MessagingException, IOException {
        return decode(bytes(part), charsetOf(part));
    }

    private static String charsetOf(Part part) throws MessagingException {
        String header = part.getContentType();
        if (header == null) {
            return null;
        }
        try {
            return new ContentType(header).getParameter("charset");
        } catch (jakarta.mail.internet.ParseException e) {
            return null;
        }
    }

    /** The text in its charset (UTF-8 when none or an unknown one is declared), with LF line ends. */
    static String decode(byte[] bytes, String charset) {
        Charset decoder = charset == null || charset.isBlank() ? StandardCharsets.UTF_8
                : CHARSETS.computeIfAbsent(charset.trim().toLowerCase(Locale.ROOT), MailParts::charsetNamed);
        String text = new String(bytes, decoder);
        return text.indexOf('\r') < 0 ? text : text.replace("\r\n", "\n").replace('\r', '\n');
    }
}
