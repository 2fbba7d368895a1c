package io.stmails.mailbox.parser;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds where a plain-text bounce stops talking and starts quoting the returned message: at a marker
 * line ("--- Below this line is a copy of the message.", "------ This is a copy of the message,
 * including all the headers. ------", "Original message follows.", "----- Original message -----"...)
 * or, failing that, at the first block of RFC 5322 header lines. Also finds a bounce that someone
 * forwarded inside an ordinary message.
 */
final class ReturnedMessage {
    record Split(String notification, String returned) {
    }

    private static final Pattern DECORATION = Pattern.compile("^[\\s\\-=*_|#>~+]+|[\\s\\-=*_|#~+]+$");
    private static final Pattern MARKER = Pattern.compile(
            "(?:(?:this is|below is|here is|included is|enclosed is|attached is|following is) )?(?:a )?copy of "
                    + "(?:the |your )?(?:original |returned |undelivered )?message.*"
                    + "|below this line is a copy of the message.*"
                    + "|(?:the )?(?:original|returned|undelivered|enclosed|rejected|bounced|unsent) (?:message|mail|e-?mail)"
                    + "(?: headers?)?(?: (?:follows?|is following|text follows|below|header))?[:.]?"
                    + "|(?:the )?headers? of (?:the |your )?original message(?: (?:is following|follows?))?[:.]?"
                    + "|message (?:text|headers?|body) follows?[:.]?");
    private static final Pattern FORWARDED = Pattern.compile("(?:begin )?forwarded message:?");
    private static final Pattern HEADER_LINE = Pattern.compile("^([A-Za-z][A-Za-z0-9-]*):");
    private static final Set<String> HEADER_NAMES = Set.of("received", "return-path", "from", "to", "cc", "subject",
            "date", "message-id", "mime-version", "content-type", "content-transfer-encoding", "reply-to", "sender",
            "dkim-signature", "delivered-to", "authentication-results", "references", "in-reply-to", "user-agent",
            "domainkey-signature", "list-unsubscribe", "precedence", "importance", "thread-index", "thread-topic");
    private static final Set<String> TELLING_NAMES = Set.of("received", "return-path", "message-id",
            "dkim-signature", "mime-version", "delivered-to", "domainkey-signature");

    private ReturnedMessage() {
    }

    static Split split(String text) {
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            int next = end < 0 ? text.length() : end + 1;
            String line = text.substring(start, end < 0 ? text.length() : end);
            if (isMarker(line)) {
                return new Split(text.substring(0, start), text.substring(next));
            }
            if (startsHeaderBlock(text, start)) {
                return new Split(text.substring(0, start), text.substring(start));
            }
            start = next;
        }
        return new Split(text, null);
    }

    /** The message after a "Begin forwarded message:" line, with one level of "> " quoting removed; or null. */
    static String forwarded(String text) {
        int start = 0;
        while (start < text.length()) {
            int end = text.indexOf('\n', start);
            int next = end < 0 ? text.length() : end + 1;
            String line = stripDecoration(text.substring(start, end < 0 ? text.length() : end));
            if (FORWARDED.matcher(line).matches()) {
                return unquote(text.substring(next).stripLeading());
            }
            start = next;
        }
        return null;
    }

    private static String unquote(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("> ")) {
                out.append(line, 2, line.length());
            } else if (line.startsWith(">")) {
                out.append(line, 1, line.length());
            } else {
                out.append(line);
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static boolean isMarker(String line) {
        if (line.length() > 120 || line.isBlank()) {
            return false;
        }
        String lower = line.toLowerCase(Locale.ROOT);
        if (!lower.contains("message") && !lower.contains("mail")) {
            return false;
        }
        return MARKER.matcher(DECORATION.matcher(lower).replaceAll("")).matches();
    }

    private static String stripDecoration(String line) {
        return DECORATION.matcher(line.toLowerCase(Locale.ROOT)).replaceAll("");
    }

    /** Three or more header lines in a row, at least one of which only a real message header block has. */
    private static boolean startsHeaderBlock(String text, int start) {
        if (start >= text.length() || !Character.isLetter(text.charAt(start))) {
            return false;
        }
        int headers = 0;
        boolean telling = false;
        int position = start;
        while (position < text.length()) {
            int end = text.indexOf('\n', position);
            String line = text.substring(position, end < 0 ? text.length() : end);
            if (headers > 0 && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                position = end < 0 ? text.length() : end + 1;
                continue;
            }
            Matcher matcher = HEADER_LINE.matcher(line);
            if (!matcher.find()) {
                break;
            }
            String name = matcher.group(1).toLowerCase(Locale.ROOT);
            if (!HEADER_NAMES.contains(name) && !name.startsWith("x-")) {
                break;
            }
            headers++;
            telling |= TELLING_NAMES.contains(name);
            if (headers >= 3 && telling) {
                return true;
            }
            position = end < 0 ? text.length() : end + 1;
        }
        return false;
    }
}
