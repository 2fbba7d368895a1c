package io.stmails.mailbox.parser;

import io.stmails.domain.BounceType;

/**
 * Why a message bounced. Only the four reasons that say the address itself cannot receive mail are
 * hard; every other failure is soft, whatever its SMTP code; feedback reports are complaints.
 */
public enum Reason {
    USER_UNKNOWN("userunknown", BounceType.HARD),
    HOST_UNKNOWN("hostunknown", BounceType.HARD),
    HAS_MOVED("hasmoved", BounceType.HARD),
    NOT_ACCEPT("notaccept", BounceType.HARD),
    MAILBOX_FULL("mailboxfull", BounceType.SOFT),
    MESSAGE_TOO_BIG("mesgtoobig", BounceType.SOFT),
    EXCEED_LIMIT("exceedlimit", BounceType.SOFT),
    SUSPENDED("suspend", BounceType.SOFT),
    FILTERED("filtered", BounceType.SOFT),
    REJECTED("rejected", BounceType.SOFT),
    BLOCKED("blocked", BounceType.SOFT),
    BAD_REPUTATION("badreputation", BounceType.SOFT),
    REQUIRE_PTR("requireptr", BounceType.SOFT),
    AUTH_FAILURE("authfailure", BounceType.SOFT),
    SPAM_DETECTED("spamdetected", BounceType.SOFT),
    VIRUS_DETECTED("virusdetected", BounceType.SOFT),
    POLICY_VIOLATION("policyviolation", BounceType.SOFT),
    SECURITY_ERROR("securityerror", BounceType.SOFT),
    NOT_COMPLIANT_RFC("notcompliantrfc", BounceType.SOFT),
    CONTENT_ERROR("contenterror", BounceType.SOFT),
    NO_RELAYING("norelaying", BounceType.SOFT),
    TOO_MANY_CONNECTIONS("toomanyconn", BounceType.SOFT),
    RATE_LIMITED("ratelimited", BounceType.SOFT),
    EXPIRED("expired", BounceType.SOFT),
    NETWORK_ERROR("networkerror", BounceType.SOFT),
    SYSTEM_FULL("systemfull", BounceType.SOFT),
    SYSTEM_ERROR("systemerror", BounceType.SOFT),
    MAILER_ERROR("mailererror", BounceType.SOFT),
    SYNTAX_ERROR("syntaxerror", BounceType.SOFT),
    UNDEFINED("undefined", BounceType.SOFT),
    FEEDBACK("feedback", BounceType.COMPLAINT);

    private final String wire;
    private final BounceType type;

    Reason(String wire, BounceType type) {
        this.wire = wire;
        this.type = type;
    }

    public String wire() {
        return wire;
    }

    public BounceType type() {
        return type;
    }
}
