package io.stmails.mailbox.parser;

import java.util.Set;

/**
 * What a bounce format gives about one recipient, before anything is decided. Texts may be empty, never null.
 *
 * @param addresses      the recipient's addresses (final, original, actual), lower-cased
 * @param status         the RFC 3463 code the report states for this recipient (a DSN's Status field), or empty
 * @param diagnostic     the text about this recipient (the DSN's Diagnostic-Code, or the lines naming it)
 * @param diagnosticType the DSN Diagnostic-Code's type ({@code smtp}, {@code x-unix}...), lower-cased, or empty
 * @param quotedReply    the diagnostic is a DSN Diagnostic-Code field: the remote server's own words
 *                       (RFC 3464 section 2.3.6), not the reporting system's
 * @param context        more of the notification: the lines naming this recipient, or the whole of it
 * @param delayed        a delay warning ({@code Action: delayed}, a "still trying" notice) or a transient report
 * @param contextOwn     the context is about this recipient alone (its own lines, or a report naming no
 *                       other recipient), so the SMTP stage and reply code it gives are this recipient's
 * @param reported       the reason the reporting MTA states in a field of its own (PowerMTA's category), or null
 */
record Evidence(Set<String> addresses, String status, String diagnostic, String diagnosticType, boolean quotedReply,
        String context,
        boolean delayed, boolean contextOwn, Reason reported) {
}
