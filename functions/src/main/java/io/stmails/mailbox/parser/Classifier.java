package io.stmails.mailbox.parser;

import io.stmails.domain.BounceType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides why a recipient bounced, and so whether the bounce is hard, from what every bounce format
 * ends up giving: an RFC 3463 status code, the remote server's text, and the SMTP stage.
 *
 * <p>The text decides first, because servers send generic codes (5.0.0, 5.7.1, 5.5.0) for very
 * different failures; the wordings are checked from the most specific to the most generic, so that
 * "Recipient address rejected: mailbox full" is a full mailbox and not an unknown user. A specific
 * status code beats a generic wording ("rejected", "denied"). Three rules keep an address from
 * being called undeliverable when the evidence is about something else:
 * <ul>
 *   <li>a refusal at connection, HELO or MAIL FROM, or a sender-address code (X.1.7, X.1.8), is about
 *       the sender, so it is never hard;</li>
 *   <li>"user unknown" quoted from a remote server that neither refused at RCPT TO nor gave an X.1.x
 *       code is the well-known content-filter answer at DATA time, so it is {@code filtered} (soft);</li>
 *   <li>a temporary failure (4.x.x, or a delay warning) is never hard.</li>
 * </ul>
 */
final class Classifier {

    /** What a bounce format gives about one recipient. Texts may be empty, never null. */
    /**
     * @param addresses  the recipient's addresses (final, original, actual), lower-cased
     * @param diagnostic the text about this recipient (the DSN's Diagnostic-Code, or the lines naming it)
     * @param context    more of the notification; the whole of it when {@code soleRecipient}
     * @param reported   the reason the reporting MTA states in a field of its own, or null
     */
    record Evidence(Set<String> addresses, String status, String diagnostic, String context, boolean delayed,
            boolean soleRecipient, Reason reported) {
    }

    record Outcome(Reason reason, String status, BounceType type) {
    }

    /**
     * {@code generic} wordings ("rejected", "error") lose to a specific status code; an
     * {@code accountOnly} wording says the user has no account here, which providers also say of
     * deactivated accounts, so it is an unknown user only with SMTP evidence (RCPT TO, X.1.x).
     */
    private record Rule(Reason reason, Phrases phrases, boolean generic, boolean accountOnly) {
    }

    private static final Pattern REPLY_SUBJECT = Pattern.compile("[245]\\d\\d[ \\-'\\d.]*<([^<>\\s]+@[^<>\\s]+)>(?:\\.\\.\\.|:)");
    private static final Phrases TEMPORARY_LOOKUP = Phrases.of("found, try again", "temporary failure", "timed out",
            "servfail", "temporarily", "try again later");

    /** Wordings about the sender's own address or domain. */
    private static final Phrases SENDER_PROBLEM = Phrases.of("sender address rejected", "domain of sender address",
            "sender domain", "sender verify failed", "sender verification", "envelope sender", "sender address is",
            "mail from address", "your sender address", "sender is not", "invalid sender", "unknown sender",
            "sender rejected", "valid from", "from address", "from domain", "from: domain", "header from",
            "re(sender):sender (?:address |domain )?(?:does not exist|not found|unknown|invalid)");

    private static final Phrases USER_UNKNOWN_WORDS = Phrases.of("user unknown", "unknown user", "no such user", "user not found", "user not known",
                    "unknown recipient", "recipient unknown", "no such recipient", "recipient not found",
                    "recipient does not exist", "recipient not exist", "invalid recipient", "not a valid recipient",
                    "no such mailbox", "mailbox not found", "mailbox does not exist", "mailbox doesn't exist",
                    "mailbox unavailable", "mailbox not available", "mailbox is unavailable", "no mailbox",
                    "invalid mailbox", "mailbox invalid", "unknown mailbox", "not a valid mailbox", "mailbox not present",
                    "address does not exist", "address doesn't exist", "address not found", "address unknown",
                    "address is unknown", "unknown address", "addressee unknown", "no such address",
                    "invalid address", "address invalid", "bad address",
                    "user does not exist", "user doesn't exist", "user not exist", "account does not exist",
                    "no such account", "account not found", "no account by that name", "not a valid user",
                    "is not a known user", "not our customer", "unknown local part", "unknown local-part",
                    "unknown or illegal alias", "illegal alias", "recipient name is not recognized",
                    "re(not listed in):not listed in (?:the |public )?(?:name|address|directory|domino)", "unknown e-mail address", "unknown email address", "email address does not exist",
                    "email address was not found", "email address wasn't found", "email address could not be found",
                    "address couldn't be found", "address could not be found", "email account that you tried to reach does not exist",
                    "bad destination mailbox", "not a local address", "no valid recipients",
                    "invalid final delivery", "undeliverable address", "recipient address rejected: access denied",
                    "recipientnotfound", "recipient not found by", "addressee not found", "destination addresses were unknown",
                    "no one at this address", "is not a valid address", "check if address is correct",
                    "check the recipient", "recipient is not valid", "user is unknown", "unknown alias",
                    "vdeliver: invalid", "re(user ):user (?:\\S+ )?(?:does not exist|not found|unknown)",
                    "re(does not exist):(?<!domain )(?<!host )(?<!sender )(?<!address )does not exist");

    private static final List<Rule> RULES = List.of(
            rule(Reason.MAILBOX_FULL, "mailbox full", "mailbox is full", "mailbox was full", "mail box full",
                    "mailbox has exceeded", "mailbox exceeds", "mailbox size limit", "mailbox quota",
                    "over quota", "overquota", "over the quota", "over their quota", "over its quota",
                    "quota exceeded", "exceeded quota", "exceeded storage", "storage quota", "quota full",
                    "disk quota", "exceeds allowed size", "inbox is full", "mailfolder is full", "mailbox is over", "not enough disk space", "not enough space",
                    "exceeded the storage", "insufficient disk space", "out of storage", "user's storage",
                    "no space left in mailbox", "re(mailbox ):mailbox (?:is )?(?:currently )?(?:full|over capacity)",
                    "re(quota|storage|mailbox size):(?:quota|storage|mailbox size) (?:limit )?(?:has been |was )?(?:exceeded|reached)",
                    "re(quota):exceed(?:s|ed)? (?:the |its |their |his |her )?(?:mailbox |storage |disk )?quota"),
            rule(Reason.MESSAGE_TOO_BIG, "message too large", "message too big", "message is too large",
                    "message is too big", "message size exceeds", "message exceeds the maximum",
                    "exceeds maximum message size", "exceeds the maximum message size", "size limit exceeded",
                    "message length exceeds", "message file too big", "maximum message size", "too large for this",
                    "email too large", "mail is too large", "message size limit", "exceeds size limit",
                    "re(exceeds):size (?:of the message )?exceeds"),
            rule(Reason.HAS_MOVED, "has moved", "user not local; please try", "address has changed", "address changed to", "has been moved",
                    "no longer at this address", "is now at", "please update your address book"),
            rule(Reason.SUSPENDED, "account is disabled", "account has been disabled", "account disabled",
                    "account is locked", "account locked", "account is suspended", "account suspended",
                    "account has been suspended", "mailbox is disabled", "mailbox disabled", "mailbox has been disabled",
                    "mailbox is suspended", "mailbox suspended", "account is inactive", "account inactive",
                    "account has been deactivated", "account is deactivated", "account deactivated",
                    "account is not active", "account has expired", "account expired", "account is frozen",
                    "disabled or discontinued", "user suspended", "recipient suspended", "temporarily disabled",
                    "is deactivated", "has been deactivated", "mailbox is inactive", "mailbox inactive",
                    "user account is unavailable", "account is unavailable", "account has been closed",
                    "no longer active", "account that you tried to reach is disabled", "inactive mailbox", "inactive account",
                    "inactive email", "inactive address", "inactive user", "inactive recipient"),
            rule(Reason.NO_RELAYING, "relay access denied", "relaying denied", "relay not permitted", "unable to relay",
                    "not permitted to relay", "relaying not allowed", "relay not allowed", "we do not relay",
                    "no relaying", "relaying mail to", "not allowed to relay", "relay denied", "relaying disallowed",
                    "not a gateway", "not in my list of allowed rcpthosts"),
            rule(Reason.AUTH_FAILURE, "dmarc", "spf check", "spf validation", "spf fail", "spf record",
                    "sender policy framework", "dkim", "authentication level", "not pass authentication",
                    "unauthenticated", "domainkeys", "authentication checks", "sender authentication"),
            rule(Reason.REQUIRE_PTR, "reverse dns", "reverse lookup", "reverse-dns", "ptr record", "no ptr",
                    "rdns", "reverse hostname", "no reverse", "reverse_dns", "reverse mapping", "dns ptr",
                    "cannot find your hostname", "can't find your hostname", "reverse name", "hostname lookup failed",
                    "not have a reverse", "does not resolve to your ip"),
            rule(Reason.BAD_REPUTATION, "reputation", "sender score", "senderscore"),
            rule(Reason.VIRUS_DETECTED, "virus", "malware", "infected", "malicious"),
            rule(Reason.SPAM_DETECTED, "re(spam):spam(?!haus|cop|rats)", "junk mail", "unsolicited", "bulk mail", "uribl", "surbl",
                    "blacklisted url", "blocklisted url", "url in message", "phish", "considered as junk",
                    "scored too high", "content filter", "message content rejected", "suspicious content",
                    "re(ubemail):\\bubemail\\b"),
            rule(Reason.TOO_MANY_CONNECTIONS, "too many connections", "too many concurrent", "connection limit",
                    "too many simultaneous", "too many sessions", "connection rate limit"),
            rule(Reason.RATE_LIMITED, "rate limit", "rate-limit", "ratelimit", "too many messages", "sending limit",
                    "sending quota", "exceeded the rate", "throttl", "too many mails", "receiving mail at a rate",
                    "daily quota", "hourly quota", "relay quota", "messages per"),
            rule(Reason.BLOCKED, "blacklist", "blocklist", "block list", "black list", "re(listed in):(?<!not )listed in", "dnsbl", " rbl",
                    "rbl:", "spamhaus", "spamcop", "sorbs", "barracuda", "client host rejected", "your ip",
                    "ip address", "sending ip", "ip blocked", "blocked ip", "blocked using", "has been blocked",
                    "have been blocked", "are blocked", "is blocked", "banned", "connections not accepted",
                    "connection refused by", "not allowed to send", "smtp server of your isp", "your isp",
                    "dynamic ip", "dial-up", "dialup", "residential", "unverifyable sending ip",
                    "unverifiable sending ip", "service permits", "blocked by",
                    "poor network", "not authorized to send"),
            rule(Reason.EXCEED_LIMIT, "too many recipients", "recipient limit", "exceeded the limit",
                    "limit exceeded", "exceeds the limit"),
            rule(Reason.HOST_UNKNOWN, "host not found", "host or domain name not found", "unknown host", "host unknown",
                    "domain not found", "no such domain", "domain does not exist", "domain doesn't exist",
                    "nxdomain", "unrouteable address", "unroutable address", "no mx record", "mx record not found",
                    "name or service not known", "non-existent domain", "nonexistent domain", "domain name not found",
                    "unknown domain", "invalid domain", "domain is invalid", "couldn't find any host",
                    "could not find any host", "no such host", "host name lookup failure", "domain not exist",
                    "unable to resolve", "dns lookup failed", "domain could not be found", "domain is not valid",
                    "bad destination system", "domain is not reachable"),
            rule(Reason.NOT_ACCEPT, "null mx", "does not accept mail", "doesn't accept mail", "accepts no mail",
                    "not accept any mail", "domain does not receive mail", "no mail is accepted"),
            new Rule(Reason.USER_UNKNOWN, USER_UNKNOWN_WORDS, false, false),
            new Rule(Reason.USER_UNKNOWN, Phrases.of("re(account):(?:doesn't|does not) have an? (?:\\S+ )?account"), false, true),
            rule(Reason.NOT_COMPLIANT_RFC, "rfc 5322", "rfc5322", "rfc 2822", "rfc2822", "rfc 822",
                    "not rfc compliant", "rfc-compliant", "multiple from", "duplicate header", "bare lf",
                    "line too long", "malformed", "message-id header", "missing message-id", "missing header",
                    "invalid header"),
            rule(Reason.CONTENT_ERROR, "header error", "content error", "improper content", "content rejected",
                    "invalid mime", "mime error"),
            rule(Reason.SECURITY_ERROR, "delivery not authorized", "authentication required", "tls required",
                    "must issue a starttls", "starttls", "encryption required", "certificate", "not authorized",
                    "unauthorized", "authentication failed"),
            rule(Reason.POLICY_VIOLATION, "policy", "prohibited", "violat", "not allowed", "not permitted"),
            rule(Reason.EXPIRED, "retry timeout exceeded", "message expired", "delivery time expired",
                    "not delivered within", "too long in the queue", "in the queue too long", "queue too long",
                    "re(giving up):giving up(?! on \\d)", "gave up", "expired", "delivery attempts", "retry time", "has been delayed",
                    "re(attempts):delivery failed \\d+ attempts", "re(could not be delivered):could not be delivered (?:with)?in", "not yet been delivered"),
            rule(Reason.NETWORK_ERROR, "connection timed out", "timed out", "connection refused", "no route to host",
                    "network is unreachable", "host not reachable", "host is unreachable", "connection reset",
                    "lost connection", "could not connect", "unable to connect", "cannot connect",
                    "name service error", "temporary failure in name resolution", "network error", "dns error",
                    "dns failure", "mx lookup", "connection dropped", "connection closed", "not responding",
                    "unreachable"),
            rule(Reason.SYSTEM_FULL, "insufficient system storage", "disk full", "no space left", "system full",
                    "out of disk"),
            rule(Reason.SYSTEM_ERROR, "internal error", "system error", "internal server error", "local error",
                    "server error", "service unavailable", "temporary failure", "temporarily unavailable",
                    "system failure", "multiple retries", "resources temporarily", "try again", "local problem",
                    "loop detected", "mail loop", "routing loop", "too many hops"),
            rule(Reason.MAILER_ERROR, "x-unix", "command died", "exit status", "procmail", "mailer error",
                    "command failed", "unknown mailer", "pipe to"),
            rule(Reason.SYNTAX_ERROR, "syntax error", "command unrecognized", "command not recognized",
                    "bad sequence of commands", "unrecognized command"),
            genericRule(Reason.FILTERED, "filtered", "filter", "refuse to receive", "refused due to recipient"),
            genericRule(Reason.BLOCKED, "blocked", "access denied"),
            genericRule(Reason.REJECTED, "rejected", "refused", "denied", "not accepted", "rejete", "rechazado",
                    "abgelehnt", "not delivered", "couldn't be delivered", "could not be delivered",
                    "undeliverable", "unable to deliver", "failed", "failure", "error"));

    /** The literal wordings of every rule in one automaton: rule i is bit i. */
    private static final PhraseAutomaton RULE_LITERALS =
            new PhraseAutomaton(RULES.stream().map(rule -> rule.phrases().literals()).toList());

    /** What RFC 3463 (and RFC 7372, RFC 7505) status codes mean, by subject.detail. */
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
            Map.entry("3.2", Reason.SYSTEM_ERROR),
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

    private Classifier() {
    }

    static Outcome classify(Evidence evidence) {
        String diagnostic = normalise(evidence.diagnostic());
        String context = normalise(evidence.context());
        String status = status(evidence.status(), diagnostic, context);
        SmtpCommand command = SmtpCommand.in(diagnostic);
        if (command == SmtpCommand.UNKNOWN && evidence.soleRecipient()) {
            command = SmtpCommand.in(context);
        }
        String detail = StatusCodes.subjectDetail(status);
        boolean aboutSender = command.concernsSender() || detail.equals("1.7") || detail.equals("1.8")
                || namesAnotherAddress(diagnostic, evidence.addresses());
        Confirmation confirmation = new Confirmation(status, command, evidence.context());

        Reason reason = evidence.reported();
        if (reason == null) {
            reason = fromText(diagnostic, confirmation, aboutSender, false);
        }
        if (reason == null && !context.equals(diagnostic)) {
            reason = fromText(context, confirmation, aboutSender, false);
        } else if (reason != null && reason.type() == BounceType.HARD && !context.equals(diagnostic)) {
            Reason contradiction = fromText(context, confirmation, false, false);
            if (contradiction != null && contradiction.type() == BounceType.SOFT) {
                reason = contradiction;
            }
        }
        if (reason == null) {
            reason = fromStatus(detail, aboutSender);
        }
        if (reason == null) {
            reason = fromText(diagnostic, confirmation, aboutSender, true);
        }
        if (reason == null && !context.equals(diagnostic)) {
            reason = fromText(context, confirmation, aboutSender, true);
        }
        if (reason == null) {
            reason = aboutSender ? (command == SmtpCommand.MAIL ? Reason.REJECTED : Reason.BLOCKED)
                    : evidence.delayed() ? Reason.EXPIRED : Reason.UNDEFINED;
        }
        BounceType type = reason.type();
        if (type == BounceType.HARD && (evidence.delayed() || StatusCodes.statusClass(status) == '4')) {
            type = BounceType.SOFT;
        }
        return new Outcome(reason, status, type);
    }

    /**
     * Whether the server's reply is about another address than the recipient: Sendmail and Postfix
     * put the address they refuse first ({@code 550 5.7.1 <sender@example.com>... Access denied}).
     */
    private static boolean namesAnotherAddress(String diagnostic, Set<String> addresses) {
        Matcher matcher = REPLY_SUBJECT.matcher(diagnostic);
        return matcher.find() && !addresses.contains(matcher.group(1));
    }

    /** The given code, unless it is an X.0.0 and the text has a more precise one. */
    private static String status(String given, String diagnostic, String context) {
        if (!given.isEmpty() && !StatusCodes.subjectDetail(given).equals("0.0")) {
            return given;
        }
        String found = StatusCodes.find(diagnostic);
        if (found.isEmpty()) {
            found = StatusCodes.find(context);
        }
        if (given.isEmpty() || (!found.isEmpty() && found.charAt(0) == given.charAt(0))) {
            return found.isEmpty() ? given : found;
        }
        return given;
    }

    /** The first specific (or, when {@code generic}, generic) wording's reason, or null. */
    private static Reason fromText(String text, Confirmation confirmation, boolean aboutSender, boolean generic) {
        if (text.isEmpty()) {
            return null;
        }
        boolean senderWording = SENDER_PROBLEM.in(text);
        long literalHits = RULE_LITERALS.groupsIn(text);
        for (int i = 0; i < RULES.size(); i++) {
            Rule rule = RULES.get(i);
            if (rule.generic() != generic || ((literalHits & (1L << i)) == 0 && !rule.phrases().patternIn(text))) {
                continue;
            }
            Reason reason = rule.reason();
            if (reason.type() == BounceType.HARD && (aboutSender || senderWording)) {
                continue;
            }
            if (reason == Reason.HOST_UNKNOWN && TEMPORARY_LOOKUP.in(text)) {
                return Reason.NETWORK_ERROR;
            }
            if (reason == Reason.USER_UNKNOWN && !(rule.accountOnly() ? confirmation.bySmtp() : confirmation.addressUnknown(text))) {
                return Reason.FILTERED;
            }
            if (generic && !aboutSender && !senderWording && confirmation.recipientRefused(text)) {
                return Reason.USER_UNKNOWN;
            }
            return senderWording && generic ? Reason.REJECTED : reason;
        }
        return senderWording ? Reason.REJECTED : null;
    }

    /** What, besides a wording, tells that the refusal was about the recipient's address. */
    private record Confirmation(String status, SmtpCommand command, String rawContext) {
        private static final Phrases RECIPIENT_WORDS = Phrases.of("recipient", "mailbox", "address", "user");

        /**
         * "User unknown" is taken at its word when the remote server said it at RCPT TO, when the
         * code says the address is bad (X.1.x), or when the reporting system says so in its own words
         * (not quoting a server reply, which after DATA is the usual content-filter answer).
         */
        boolean addressUnknown(String text) {
            if (bySmtp()) {
                return true;
            }
            if (command != SmtpCommand.UNKNOWN) {
                return false;
            }
            return !StatusCodes.hasReplyCode(text) || reporterSaysUnknown();
        }

        boolean bySmtp() {
            return command == SmtpCommand.RCPT || StatusCodes.subjectDetail(status).startsWith("1.");
        }

        /** A permanent refusal at RCPT TO that gives no other reason than the recipient being refused. */
        boolean recipientRefused(String text) {
            return command == SmtpCommand.RCPT && StatusCodes.statusClass(status) != '4'
                    && RECIPIENT_WORDS.in(text);
        }

        private boolean reporterSaysUnknown() {
            for (String line : rawContext.split("\n")) {
                String lower = normalise(line);
                if (!lower.isEmpty() && !StatusCodes.hasReplyCode(lower) && USER_UNKNOWN_WORDS.in(lower)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static Reason fromStatus(String detail, boolean aboutSender) {
        Reason reason = BY_STATUS.get(detail);
        if (reason == null && detail.startsWith("7.")) {
            reason = Reason.SECURITY_ERROR;
        }
        if (reason != null && aboutSender && reason.type() == BounceType.HARD) {
            return Reason.REJECTED;
        }
        return reason;
    }

    /** Lower case, runs of white space as one space. */
    static String normalise(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean space = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    private static Rule rule(Reason reason, String... wordings) {
        return new Rule(reason, Phrases.of(wordings), false, false);
    }

    private static Rule genericRule(Reason reason, String... wordings) {
        return new Rule(reason, Phrases.of(wordings), true, false);
    }
}
