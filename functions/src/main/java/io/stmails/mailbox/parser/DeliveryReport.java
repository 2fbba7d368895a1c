package io.stmails.mailbox.parser;

import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.dsn.DeliveryStatus;

/**
 * The per-recipient fields of an RFC 3464 delivery status notification, read with angus-mail's
 * {@link DeliveryStatus}. Tolerates what real MTAs send: per-recipient fields without the blank line
 * that should separate them from the per-message fields, or several recipients in one group.
 */
final class DeliveryReport {

    /** One recipient's fields; values unfolded and trimmed, absent fields empty. */
    /** @param category PowerMTA's X-PowerMTA-BounceCategory ("bad-mailbox", "quota-issues"...), or empty */
    record Recipient(String finalRecipient, String originalRecipient, String actualRecipient, String action, String status,
            String diagnostic, String remoteMta, String category) {
    }

    private static final Pattern FOLD = Pattern.compile("\\s*\\r?\\n\\s*");

    private DeliveryReport() {
    }

    static List<Recipient> read(byte[] body) throws MessagingException, IOException {
        DeliveryStatus report = new DeliveryStatus(new ByteArrayInputStream(body));
        List<Recipient> recipients = new ArrayList<>();
        collect(report.getMessageDSN(), recipients);
        for (int i = 0; i < report.getRecipientDSNCount(); i++) {
            collect(report.getRecipientDSN(i), recipients);
        }
        return recipients;
    }

    /** Splits a field group at each Final-Recipient (an Original-Recipient may come first). */
    private static void collect(InternetHeaders group, List<Recipient> into) {
        Fields current = null;
        for (Enumeration<Header> fields = group.getAllHeaders(); fields.hasMoreElements(); ) {
            Header field = fields.nextElement();
            String name = field.getName().toLowerCase(Locale.ROOT);
            String value = unfold(field.getValue());
            boolean recipientField = name.equals("final-recipient") || name.equals("original-recipient");
            if (recipientField && current != null && !current.finalRecipient.isEmpty()
                    && (name.equals("final-recipient") || !current.originalRecipient.isEmpty())) {
                into.add(current.toRecipient());
                current = null;
            }
            if (current == null) {
                if (!recipientField) {
                    continue;
                }
                current = new Fields();
            }
            switch (name) {
                case "final-recipient" -> current.finalRecipient = value;
                case "original-recipient" -> current.originalRecipient = value;
                case "x-actual-recipient" -> current.actualRecipient = value;
                case "action" -> current.action = value.toLowerCase(Locale.ROOT);
                case "status" -> current.status = value;
                case "diagnostic-code" -> current.diagnostic = value;
                case "remote-mta" -> current.remoteMta = value;
                case "x-powermta-bouncecategory" -> current.category = value.toLowerCase(Locale.ROOT);
                default -> {
                    // Other fields (Last-Attempt-Date, Will-Retry-Until, X-...) do not change the verdict.
                }
            }
        }
        if (current != null) {
            into.add(current.toRecipient());
        }
    }

    /** "rfc822; user@example.com" gives "user@example.com"; "dns; mx.example.com" gives "mx.example.com". */
    static String valueAfterType(String field) {
        int semicolon = field.indexOf(';');
        return (semicolon < 0 ? field : field.substring(semicolon + 1)).trim();
    }

    /** "smtp; 550 ..." gives "smtp"; "X-Unix; ..." gives "x-unix"; a value without a type gives an empty string. */
    static String typeOf(String field) {
        int semicolon = field.indexOf(';');
        return semicolon < 0 ? "" : field.substring(0, semicolon).trim().toLowerCase(Locale.ROOT);
    }

    private static String unfold(String value) {
        return value == null ? "" : FOLD.matcher(utf8(value)).replaceAll(" ").trim();
    }

    /**
     * A field of an RFC 6533 message/global-delivery-status is UTF-8, which the header reader took
     * for ISO-8859-1: read its bytes again as UTF-8 when they are valid UTF-8.
     */
    private static String utf8(String value) {
        if (value.chars().allMatch(c -> c < 0x80) || value.chars().anyMatch(c -> c > 0xFF)) {
            return value;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(value.getBytes(StandardCharsets.ISO_8859_1))).toString();
        } catch (CharacterCodingException notUtf8) {
            return value;
        }
    }

    private static final class Fields {
        String finalRecipient = "";
        String originalRecipient = "";
        String actualRecipient = "";
        String action = "";
        String status = "";
        String diagnostic = "";
        String remoteMta = "";
        String category = "";

        Recipient toRecipient() {
            return new Recipient(finalRecipient, originalRecipient, actualRecipient, action, status, diagnostic, remoteMta, category);
        }
    }
}
