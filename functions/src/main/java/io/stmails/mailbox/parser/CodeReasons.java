package io.stmails.mailbox.parser;

import java.util.Map;
import java.util.Set;

/**
 * What codes say on their own: RFC 3463 enhanced status codes (with RFC 7372 and RFC 7505's
 * additions) by {@code subject.detail}, and the few RFC 5321 / RFC 7504 reply codes that name one
 * failure.
 */
final class CodeReasons {

    private static final Map<String, Reason> BY_STATUS = Map.ofEntries(
            Map.entry("1.1", Reason.USER_UNKNOWN),
            Map.entry("1.2", Reason.HOST_UNKNOWN),
            Map.entry("1.3", Reason.USER_UNKNOWN),
            Map.entry("1.4", Reason.REJECTED),
            Map.entry("1.6", Reason.HAS_MOVED),
            Map.entry("1.7", Reason.REJECTED),
            Map.entry("1.8", Reason.REJECTED),
            Map.entry("1.10", Reason.NOT_ACCEPT),
            Map.entry("2.0", Reason.REJECTED),
            Map.entry("2.1", Reason.SUSPENDED),
            Map.entry("2.2", Reason.MAILBOX_FULL),
            Map.entry("2.3", Reason.MESSAGE_TOO_BIG),
            Map.entry("2.4", Reason.SYSTEM_ERROR),
            Map.entry("3.0", Reason.SYSTEM_ERROR),
            Map.entry("3.1", Reason.SYSTEM_FULL),
            Map.entry("3.2", Reason.NOT_ACCEPT),
            Map.entry("3.3", Reason.CONTENT_ERROR),
            Map.entry("3.4", Reason.MESSAGE_TOO_BIG),
            Map.entry("3.5", Reason.SYSTEM_ERROR),
            Map.entry("4.0", Reason.NETWORK_ERROR),
            Map.entry("4.1", Reason.NETWORK_ERROR),
            Map.entry("4.2", Reason.NETWORK_ERROR),
            Map.entry("4.3", Reason.SYSTEM_ERROR),
            Map.entry("4.4", Reason.HOST_UNKNOWN),
            Map.entry("4.5", Reason.NETWORK_ERROR),
            Map.entry("4.6", Reason.NETWORK_ERROR),
            Map.entry("4.7", Reason.EXPIRED),
            Map.entry("5.0", Reason.SYNTAX_ERROR),
            Map.entry("5.1", Reason.SYNTAX_ERROR),
            Map.entry("5.2", Reason.SYNTAX_ERROR),
            Map.entry("5.3", Reason.EXCEED_LIMIT),
            Map.entry("5.4", Reason.SYNTAX_ERROR),
            Map.entry("5.5", Reason.SYNTAX_ERROR),
            Map.entry("6.0", Reason.CONTENT_ERROR),
            Map.entry("7.1", Reason.BLOCKED),
            Map.entry("7.13", Reason.SUSPENDED),
            Map.entry("7.14", Reason.SECURITY_ERROR),
            Map.entry("7.20", Reason.AUTH_FAILURE),
            Map.entry("7.21", Reason.AUTH_FAILURE),
            Map.entry("7.22", Reason.AUTH_FAILURE),
            Map.entry("7.23", Reason.AUTH_FAILURE),
            Map.entry("7.24", Reason.AUTH_FAILURE),
            Map.entry("7.25", Reason.REQUIRE_PTR),
            Map.entry("7.26", Reason.AUTH_FAILURE),
            Map.entry("7.27", Reason.NOT_ACCEPT));

    /**
     * The codes that name one failure, so that they decide before any wording: the others (X.0.0,
     * X.7.1 "delivery not authorized", the protocol codes X.5.x...) are sent for very different
     * failures and only decide when no wording does. X.1.10 is RFC 7505's null MX, but Exchange
     * Online sends it for an unknown recipient ("550 5.1.10 RESOLVER.ADR.RecipientNotFound"), so
     * the wording tells which. X.3.2 is "system not accepting network messages": the host takes no
     * mail (RFC 3463), for good when permanent. X.2.1 "mailbox disabled" decides even against a "user unknown" wording: a
     * disabled mailbox may come back, and a code beats a wording.
     */
    private static final Set<String> SPECIFIC = Set.of("1.1", "1.2", "1.3", "1.6", "2.1", "2.2", "2.3",
            "3.2", "3.4", "4.4", "4.7", "7.13", "7.20", "7.21", "7.22", "7.23", "7.24", "7.25", "7.26", "7.27");

    /**
     * RFC 7504: 521 "host does not accept mail", 556 "domain does not accept mail" (the reply for a
     * null MX, RFC 7505); RFC 5321: 551 "user not local; please try &lt;forward-path&gt;".
     */
    private static final Map<String, Reason> BY_REPLY = Map.of(
            "521", Reason.NOT_ACCEPT,
            "556", Reason.NOT_ACCEPT,
            "551", Reason.HAS_MOVED);

    private CodeReasons() {
    }

    /** The reason a code that names one failure stands for, or null. */
    static Reason specificStatus(String subjectDetail) {
        return SPECIFIC.contains(subjectDetail) ? BY_STATUS.get(subjectDetail) : null;
    }

    /** The reason any code stands for (the X.7.x security codes as a security error), or null. */
    static Reason anyStatus(String subjectDetail) {
        Reason reason = BY_STATUS.get(subjectDetail);
        return reason == null && subjectDetail.startsWith("7.") ? Reason.SECURITY_ERROR : reason;
    }

    static Reason reply(String replyCode) {
        return BY_REPLY.get(replyCode);
    }
}
