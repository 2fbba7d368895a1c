package io.stmails.mailbox.parser;

import io.stmails.domain.BounceType;

/**
 * Decides why a recipient bounced, and so its class, by weighing the evidence in a fixed order:
 * <ol>
 *   <li>the RFC 3463 status code, when its subject names one failure (X.1.1, X.2.2, X.1.10...);</li>
 *   <li>the SMTP reply code, when it names one failure (RFC 7504's 521 and 556, RFC 5321's 551);</li>
 *   <li>the reporting MTA's own format (PowerMTA's bounce category, a Sendmail {@code X-Unix} diagnostic);</li>
 *   <li>the wording, specific before generic ({@link ReasonRules}), read together with the SMTP stage;</li>
 *   <li>a generic status code (X.0.0, X.7.1...), then generic wordings.</li>
 * </ol>
 * The SMTP stage qualifies the evidence: a refusal before RCPT TO is about the sender, so it never
 * makes an address undeliverable, whatever its code; an unknown-user wording after DATA, or with
 * neither RCPT TO nor an address code (X.1.x) behind it, is a content filter's answer ({@code filtered}).
 * The first that names a reason decides, with one exception, the conflict rule: when a code points at
 * the address (a hard reason) and a specific wording names a soft one ("550 5.1.1 mailbox full",
 * "5.4.4 ... connection timed out"), the softer reading wins. Evidence can make a bounce softer,
 * never harder. The class then follows from the reason by {@link ClassRule}.
 */
final class Classifier {

    /**
     * @param status    the RFC 3463 code, or empty
     * @param replyCode the SMTP reply code, or empty
     * @param decidedBy which evidence named the reason
     */
    record Outcome(Reason reason, String status, String replyCode, SmtpCommand command, DecidedBy decidedBy,
            Confidence confidence, BounceType type) {
    }

    private record Finding(Reason reason, DecidedBy decidedBy, Confidence confidence) {
    }

    /** A server's words that the failure may pass: no code said so, but a wording alone is never hard against them. */
    private static final Phrases TEMPORARY_WORDING = Phrases.of("try again later", "please try again", "try later",
            "retry later", "temporarily", "temporary failure", "temporary error", "will be retried", "still trying");

    private Classifier() {
    }

    static Outcome classify(Evidence evidence) {
        String diagnostic = normalise(evidence.diagnostic());
        String context = normalise(evidence.context());
        Signals signals = Signals.read(evidence, diagnostic, context);
        Finding finding = decide(evidence, signals, diagnostic, context);
        boolean byWording = finding.decidedBy() == DecidedBy.PHRASE || finding.decidedBy() == DecidedBy.SMTP_STAGE;
        boolean temporary = signals.temporary() || evidence.delayed()
                || (byWording && finding.reason().type() == BounceType.HARD && TEMPORARY_WORDING.in(diagnostic));
        BounceType type = ClassRule.classOf(finding.reason(), finding.confidence(), temporary);
        return new Outcome(finding.reason(), signals.status(), signals.replyCode(), signals.command(), finding.decidedBy(),
                finding.confidence(), type);
    }

    private static Finding decide(Evidence evidence, Signals signals, String diagnostic, String context) {
        boolean moreContext = !context.equals(diagnostic);
        Reason phrase = ReasonRules.fromText(diagnostic, evidence.quotedReply(), signals, false);
        if (phrase == null && moreContext) {
            phrase = ReasonRules.fromText(context, false, signals, false);
        }
        Finding coded = fromCodes(evidence, signals);
        if (coded != null) {
            if (coded.reason().type() == BounceType.HARD) {
                // FILTERED is an unknown-user wording the codes did not confirm: it does not contradict them.
                Reason softer = phrase != null && phrase != Reason.FILTERED && phrase.type() == BounceType.SOFT ? phrase
                        : softerInContext(context, signals, moreContext);
                if (softer != null) {
                    return new Finding(softer, DecidedBy.PHRASE, Confidence.MEDIUM);
                }
            }
            return coded;
        }
        if (phrase != null) {
            if (phrase.type() == BounceType.HARD) {
                Reason softer = softerInContext(context, signals, moreContext);
                if (softer != null) {
                    return new Finding(softer, DecidedBy.PHRASE, Confidence.MEDIUM);
                }
            }
            boolean codeAgrees = phrase == CodeReasons.anyStatus(signals.subjectDetail());
            boolean mtaFormat = phrase == Reason.USER_UNKNOWN
                    && (ReasonRules.inMtaFormat(diagnostic) || ReasonRules.inMtaFormat(context));
            return new Finding(phrase, mtaFormat ? DecidedBy.MTA_FORMAT : DecidedBy.PHRASE,
                    codeAgrees ? Confidence.HIGH : Confidence.MEDIUM);
        }
        if (refusedAtGreeting(signals, diagnostic)) {
            return new Finding(Reason.NOT_ACCEPT, DecidedBy.SMTP_STAGE, Confidence.MEDIUM);
        }
        Reason wording = ReasonRules.fromText(diagnostic, evidence.quotedReply(), signals, true);
        if (wording == null && moreContext) {
            wording = ReasonRules.fromText(context, false, signals, true);
        }
        if (wording == Reason.USER_UNKNOWN) {
            return new Finding(wording, DecidedBy.SMTP_STAGE, Confidence.MEDIUM);
        }
        Reason generic = CodeReasons.anyStatus(signals.subjectDetail());
        if (generic != null) {
            return new Finding(generic, DecidedBy.STATUS, Confidence.LOW);
        }
        if (wording != null) {
            return new Finding(wording, DecidedBy.PHRASE, Confidence.LOW);
        }
        if (signals.aboutSender()) {
            return new Finding(signals.command() == SmtpCommand.MAIL ? Reason.REJECTED : Reason.BLOCKED,
                    DecidedBy.SMTP_STAGE, Confidence.LOW);
        }
        return new Finding(evidence.delayed() ? Reason.EXPIRED : Reason.UNDEFINED, DecidedBy.NONE, Confidence.LOW);
    }

    /** A specific status code, then a specific reply code, then the reporting MTA's own classification. */
    private static Finding fromCodes(Evidence evidence, Signals signals) {
        if (evidence.diagnosticType().equals("x-unix")) {
            // RFC 3464 2.3.6: an X-Unix diagnostic is the exit status of the local delivery program, and the
            // status code the MTA's translation of it (sysexits): the program failed, whatever it claimed.
            return new Finding(Reason.MAILER_ERROR, DecidedBy.MTA_FORMAT, Confidence.HIGH);
        }
        Reason reason = CodeReasons.specificStatus(signals.subjectDetail());
        DecidedBy by = DecidedBy.STATUS;
        if (reason == null && !signals.temporary()) {
            reason = CodeReasons.reply(signals.replyCode());
            by = DecidedBy.REPLY_CODE;
        }
        if (reason == null) {
            reason = evidence.reported();
            by = DecidedBy.MTA_FORMAT;
        }
        if (reason == null) {
            return null;
        }
        if (reason.type() == BounceType.HARD && reason != Reason.NOT_ACCEPT && signals.aboutSender()) {
            return new Finding(Reason.REJECTED, DecidedBy.SMTP_STAGE, Confidence.MEDIUM);
        }
        return new Finding(reason, by, Confidence.HIGH);
    }

    /**
     * RFC 5321 section 3.1: a server that accepts no mail at all answers the connection with 554
     * instead of its 220 greeting (RFC 7504: or 521; some servers with another 5xx). A greeting
     * refusal that gives a reason ("blocked", a blocklist, reputation) is about the sending host instead.
     */
    private static boolean refusedAtGreeting(Signals signals, String diagnostic) {
        return signals.command() == SmtpCommand.CONNECT && signals.replyCode().startsWith("5") && !signals.temporary()
                && ReasonRules.fromText(diagnostic, true, signals, true) != Reason.BLOCKED;
    }

    /** A soft reason the reporter's own words in the context name, or null. */
    private static Reason softerInContext(String context, Signals signals, boolean moreContext) {
        Reason inContext = moreContext ? ReasonRules.fromText(context, false, withoutSender(signals), false) : null;
        return inContext != null && inContext.type() == BounceType.SOFT ? inContext : null;
    }

    /** The same signals without the sender flag, so that a hard wording is found and not skipped past. */
    private static Signals withoutSender(Signals signals) {
        return new Signals(signals.status(), signals.replyCode(), signals.command(), false);
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
}
