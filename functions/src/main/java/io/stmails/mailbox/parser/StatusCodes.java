package io.stmails.mailbox.parser;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** RFC 3463 enhanced status codes ({@code class.subject.detail}) and RFC 5321 reply codes in free text. */
final class StatusCodes {
    private static final Pattern ENHANCED = Pattern.compile("(?<![\\d.])([245])\\.([0-7])\\.(\\d{1,3})(?!\\.?\\d)");
    private static final Pattern REPLY_THEN_ENHANCED =
            Pattern.compile("(?<!\\d)[245]\\d\\d[ \\-]+['\"#(]?([245]\\.[0-7]\\.\\d{1,3})(?!\\.?\\d)");
    private static final Pattern REPLY_CODE = Pattern.compile("(?:^|[\\s:;(\\[<\"=])([45]\\d\\d)(?=[\\s\\-:;,.)\\]]|$)");

    private StatusCodes() {
    }

    /** The enhanced status code a text gives: the one right after a reply code when there is one, else the first. */
    static String find(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        Matcher afterReply = REPLY_THEN_ENHANCED.matcher(text);
        if (afterReply.find()) {
            return afterReply.group(1);
        }
        Matcher any = ENHANCED.matcher(text);
        return any.find() ? any.group(1) + "." + any.group(2) + "." + any.group(3) : "";
    }

    /** A well-formed enhanced status code taken from a Status: field ({@code "5.1.1 (user unknown)"} gives 5.1.1). */
    static String normalise(String field) {
        if (field == null) {
            return "";
        }
        Matcher matcher = ENHANCED.matcher(field);
        return matcher.find() ? matcher.group(1) + "." + matcher.group(2) + "." + matcher.group(3) : "";
    }

    /** Whether the text quotes a remote server's SMTP reply (4xx / 5xx). */
    static boolean hasReplyCode(String text) {
        return REPLY_CODE.matcher(text).find();
    }

    /** The first RFC 5321 failure reply code (4xx / 5xx) the text quotes, or an empty string. */
    static String replyCode(String text) {
        Matcher matcher = REPLY_CODE.matcher(text);
        return matcher.find() ? matcher.group(1) : "";
    }

    static char statusClass(String status) {
        return status.isEmpty() ? ' ' : status.charAt(0);
    }

    /** {@code subject.detail} of a code ({@code "1.1"} for 5.1.1), or an empty string. */
    static String subjectDetail(String status) {
        return status.length() < 5 ? "" : status.substring(2);
    }
}
