package io.stmails.mailbox.parser;

import io.stmails.domain.EvidenceDocument;
import jakarta.mail.Header;
import jakarta.mail.internet.InternetHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

/**
 * What a bounce message was read from, as text to keep as evidence: its delivery-status parts and
 * the headers of the returned message, each cut at {@link EvidenceDocument#MAX_PART_CHARS}. Never a body.
 *
 * @param deliveryStatus  the message/delivery-status parts, or an empty string
 * @param returnedHeaders the first returned message's header block, or an empty string
 */
public record ReportText(String deliveryStatus, String returnedHeaders) {
    public static final ReportText NONE = new ReportText("", "");

    static ReportText of(MailParts parts) {
        StringBuilder status = new StringBuilder();
        for (byte[] report : parts.deliveryStatus) {
            if (status.length() >= EvidenceDocument.MAX_PART_CHARS) {
                break;
            }
            status.append(new String(report, 0, Math.min(report.length, EvidenceDocument.MAX_PART_CHARS + 1),
                    StandardCharsets.UTF_8));
        }
        StringBuilder headers = new StringBuilder();
        if (!parts.returnedHeaders.isEmpty()) {
            InternetHeaders returned = parts.returnedHeaders.get(0);
            for (Enumeration<Header> all = returned.getAllHeaders(); all.hasMoreElements()
                    && headers.length() <= EvidenceDocument.MAX_PART_CHARS; ) {
                Header header = all.nextElement();
                headers.append(header.getName()).append(": ").append(header.getValue()).append("\r\n");
            }
        }
        return new ReportText(status.toString(), headers.toString());
    }

    /** As {@link EvidenceDocument}: {@code delivery_status} and {@code returned_headers}; null when both are empty. */
    public String evidence() {
        return EvidenceDocument.builder().text("delivery_status", deliveryStatus).text("returned_headers", returnedHeaders).toJson();
    }
}
