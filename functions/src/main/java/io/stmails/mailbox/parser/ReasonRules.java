package io.stmails.mailbox.parser;

import io.stmails.domain.BounceType;
import java.util.List;
import java.util.Set;

/**
 * The wordings of every reason, from the most specific to the most generic, and the checks that keep
 * a wording from being taken for more than it says. A wording is a hint: it names a reason, and the
 * codes and the SMTP stage ({@link Signals}) say whether the server meant the recipient's address.
 */
final class ReasonRules {

    /**
     * When an unknown-user wording is believed: {@code USUAL}ly only with SMTP evidence (RCPT TO, X.1.x); a
     * {@code DOCUMENTED} server reply, whose meaning its MTA documents, whenever it is not after DATA; an
     * {@code MTA_FORMAT} wording, an MTA's documented text for an unknown recipient in its own report,
     * when the reporter says it (not quoting a server's reply) and does not place it after DATA.
     */
    private enum Belief { USUAL, DOCUMENTED, MTA_FORMAT }

    /** {@code generic} wordings ("rejected", "error") lose to a specific status code. */
    private record Rule(Reason reason, Phrases phrases, boolean generic, Belief belief) {
    }

    private static final Phrases RECIPIENT_WORDS = Phrases.of("recipient", "mailbox", "address", "user");
    /**
     * RFC 3463 addressing codes (X.1.x) that do not say the destination address is fine: all but X.1.5
     * (destination valid) and the sender's X.1.7 / X.1.8. Vendor details count (Exchange's 5.1.351).
     */
    private static final Set<String> NOT_ABOUT_DESTINATION = Set.of("1.5", "1.7", "1.8");
    private static final Phrases TEMPORARY_LOOKUP = Phrases.of("found, try again", "temporary failure", "timed out",
            "servfail", "temporarily", "try again later");

    /** Wordings about the sender's own address or domain. */
    private static final Phrases SENDER_PROBLEM = Phrases.of("sender address rejected", "domain of sender address",
            "sender domain", "sender verify failed", "sender verification", "envelope sender", "sender address is",
            "mail from address", "your sender address", "sender is not", "invalid sender", "unknown sender",
            "sender rejected", "valid from", "from address", "from domain", "from: domain", "header from",
            "re(sender):sender (?:address |domain )?(?:does not exist|not found|unknown|invalid)",
            // Postfix's restriction classes name what they refused: the sending client or its HELO name.
            "helo command rejected", "ehlo command rejected", "client host rejected",
            // A reply that speaks of the sender's side ("your domain does not exist") is not about the recipient.
            "your domain", "your host", "your server", "your mail server", "your ip", "your network", "your helo",
            "helo name", "ehlo name", "sending host", "sending server", "sender's domain", "sender's ip");

    private static final Phrases USER_UNKNOWN_WORDS = Phrases.of("user unknown", "unknown user", "no such user", "user not found", "user not known",
                    "unknown recipient", "recipient unknown", "no such recipient", "recipient not found",
                    "recipient does not exist", "recipient not exist", "invalid recipient", "not a valid recipient",
                    "no such mailbox", "mailbox not found", "mailbox does not exist", "mailbox doesn't exist",
                    "no mailbox",
                    "invalid mailbox", "mailbox invalid", "unknown mailbox", "not a valid mailbox", "mailbox not present",
                    "address does not exist", "address doesn't exist", "address not found", "address unknown",
                    "address is unknown", "unknown address", "addressee unknown", "no such address",
                    
                    "user does not exist", "user doesn't exist", "user not exist", "account does not exist",
                    "no such account", "account not found", "no account by that name", "not a valid user",
                    "is not a known user", "not our customer", "unknown local part", "unknown local-part",
                    "unknown or illegal alias", "illegal alias", "unknown e-mail address", "unknown email address", "email address does not exist",
                    "email address was not found", "email address wasn't found", "email address could not be found",
                    "address couldn't be found", "address could not be found", "email account that you tried to reach does not exist",
                    "bad destination mailbox",
                    "recipientnotfound", "recipient not found by", "addressee not found", "destination addresses were unknown",
                    "no one at this address", "is not a valid address",
                    "recipient is not valid", "user is unknown", "unknown alias",
                    "vdeliver: invalid", "re(user ):user (?:\\S+ )?(?:does not exist|not found|unknown)",
                    "re(does not exist):(?<!domain )(?<!host )(?<!sender )(?<!address )does not exist");

    /**
     * Non-DSN reports in their MTAs' documented words for an unknown recipient: Exchange 5.5 to 2003 ("The
     * recipient name is not recognized" with IMS code 000C05A6 "Unknown Recipient", or with an IMC "Host
     * Unknown", which the host rule reads first; 5.5's "Recipient Not Found" above an MSEXCH line: Microsoft
     * KB 168557, 284204), Lotus Domino, IMail ("Unknown user: <address>", "Invalid final delivery userid"),
     * Trend Micro InterScan, Verizon's MMS gateway.
     */
    private static final Phrases MTA_UNKNOWN_RECIPIENT = Phrases.of("recipient name is not recognized",
            "(000c05a6)", "recipient not found msexch:", "re(not listed in):not listed in (?:the |public )?(?:name|address|directory|domino)",
            "re(unknown user: ):^unknown user: \\S+@", "invalid final delivery userid", "check if address is correct",
            "no valid recipients for this mm");

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
                    "inactive email", "inactive address", "inactive user", "inactive recipient",
                    "is suspended", "been suspended", "is disabled", "been disabled", "is frozen", "is locked",
                    "been locked", "account is expired", "is inactive", "is not active", "account closed", "account is closed",
                    "mailbox closed", "mailbox is closed", "account on hold", "account is on hold", "mailbox on hold",
                    "mailbox is on hold", "user disabled", "disabled user", "disabled mailbox", "disabled account",
                    "suspended account", "suspended mailbox", "suspended user", "account terminated",
                    "account has been terminated", "mailbox terminated", "deactivated account", "deactivated mailbox",
                    "mailbox locked", "user locked", "user inactive", "recipient inactive", "expired account",
                    "expired mailbox", "account not activated", "mailbox not activated", "account is not activated"),
            // The local delivery program failed (Postfix pipe(8) "Command died with status N", Exim "Child
            // process of ... transport returned N", Sendmail "unknown mailer error N"): whatever the program
            // printed, "user unknown" included, it is the program's failure, not the address's.
            rule(Reason.MAILER_ERROR, "x-unix", "command died", "exit status", "procmail", "mailer error",
                    "command failed", "unknown mailer", "pipe to", "child process of", "command output:",
                    "returned non-zero", "could not execute", "unable to execute", "transport returned", "pipe transport",
                    "delivery to a pipe", "delivery to pipe", "exited with status", "died with signal",
                    // Sendmail's "mail for <domain> loops back to myself": the remote MTA's configuration failed.
                    "loops back to myself"),
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
                    "unverifiable sending ip", "service permits", "blocked by", "from this ip",
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
                    "bad destination system", "domain is not reachable", "mx records point to non-existent hosts"),
            rule(Reason.NOT_ACCEPT, "null mx", "nullmx", "no smtp service here", "does not accept mail", "doesn't accept mail", "accepts no mail",
                    "not accept any mail", "domain does not receive mail", "no mail is accepted",
                    "not accepting network messages", "does not accept e-mail", "does not accept email"),
            new Rule(Reason.USER_UNKNOWN, MTA_UNKNOWN_RECIPIENT, false, Belief.MTA_FORMAT),
            new Rule(Reason.USER_UNKNOWN, USER_UNKNOWN_WORDS, false, Belief.USUAL),
            // Exchange Online's directory-based edge blocking: documented as "the recipient's address
            // does not exist in the destination organization", refused at RCPT TO.
            new Rule(Reason.USER_UNKNOWN, Phrases.of(
                    "re(access denied):5\\.4\\.1 (?:\\S+ )?recipient address rejected: access denied"), false, Belief.DOCUMENTED),
            new Rule(Reason.USER_UNKNOWN, Phrases.of("re(account):(?:doesn't|does not) have an? (?:\\S+ )?account"), false, Belief.USUAL),
            // RFC 5321's own text for any 550 ("mailbox unavailable (e.g., mailbox not found, no access, or
            // command rejected for policy reasons)") and wordings as vague: about the address only with SMTP evidence.
            new Rule(Reason.USER_UNKNOWN, Phrases.of("mailbox unavailable", "mailbox not available", "mailbox is unavailable",
                    "invalid address", "address invalid", "bad address", "undeliverable address", "check the recipient",
                    "not a local address"), false, Belief.USUAL),
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


    private ReasonRules() {
    }

    /**
     * The first specific (or, when {@code generic}, generic) wording's reason in a lower-cased text,
     * or null. {@code quoted} says the text is a server's reply (a DSN's Diagnostic-Code), not the
     * reporting system's own words.
     */
    static Reason fromText(String text, boolean quoted, Signals signals, boolean generic) {
        if (text.isEmpty()) {
            return null;
        }
        boolean aboutSender = signals.aboutSender();
        boolean senderWording = SENDER_PROBLEM.in(text);
        long literalHits = RULE_LITERALS.groupsIn(text);
        for (int i = 0; i < RULES.size(); i++) {
            Rule rule = RULES.get(i);
            if (rule.generic() != generic || ((literalHits & (1L << i)) == 0 && !rule.phrases().patternIn(text))) {
                continue;
            }
            Reason reason = rule.reason();
            if (reason.type() == BounceType.HARD && reason != Reason.NOT_ACCEPT && (aboutSender || senderWording)) {
                continue;
            }
            if (reason == Reason.HOST_UNKNOWN && TEMPORARY_LOOKUP.in(text)) {
                return Reason.NETWORK_ERROR;
            }
            if (reason == Reason.USER_UNKNOWN && !believed(rule.belief(), text, quoted, signals)) {
                return Reason.FILTERED;
            }
            if (generic && !aboutSender && !senderWording && recipientRefused(text, signals)) {
                return Reason.USER_UNKNOWN;
            }
            return senderWording && generic ? Reason.REJECTED : reason;
        }
        return senderWording ? Reason.REJECTED : null;
    }

    /** Whether a lower-cased text holds an MTA's documented wording for an unknown recipient in its own report. */
    static boolean inMtaFormat(String text) {
        return MTA_UNKNOWN_RECIPIENT.in(text);
    }

    private static boolean believed(Belief belief, String text, boolean quoted, Signals signals) {
        return switch (belief) {
            case USUAL -> bySmtp(signals);
            case DOCUMENTED -> signals.command() != SmtpCommand.DATA;
            case MTA_FORMAT -> bySmtp(signals)
                    || (signals.command() == SmtpCommand.UNKNOWN && !quoted && !StatusCodes.hasReplyCode(text));
        };
    }

    /** Said at RCPT TO, or with a code about the address (X.1.1...). */
    private static boolean bySmtp(Signals signals) {
        String detail = signals.subjectDetail();
        return signals.command() == SmtpCommand.RCPT || (detail.startsWith("1.") && !NOT_ABOUT_DESTINATION.contains(detail));
    }

    /** A permanent refusal at RCPT TO that gives no other reason than the recipient being refused. */
    private static boolean recipientRefused(String text, Signals signals) {
        return signals.command() == SmtpCommand.RCPT && !signals.temporary() && RECIPIENT_WORDS.in(text);
    }

    private static Rule rule(Reason reason, String... wordings) {
        return new Rule(reason, Phrases.of(wordings), false, Belief.USUAL);
    }

    private static Rule genericRule(Reason reason, String... wordings) {
        return new Rule(reason, Phrases.of(wordings), true, Belief.USUAL);
    }
}
