package io.stmails.mailbox.parser;

/** Which evidence named a bounce's reason, as {@code parse} and a recorded bounce's meta show it. */
public enum DecidedBy {
    /** The RFC 3463 enhanced status code. */
    STATUS("status"),
    /** The SMTP reply code (RFC 5321, RFC 7504). */
    REPLY_CODE("reply-code"),
    /**
     * A field or convention of the reporting MTA's own (PowerMTA's bounce category, Sendmail's X-Unix), or
     * its documented wording for an unknown recipient in its own report (Exchange 2003, Domino, IMail...).
     */
    MTA_FORMAT("mta-format"),
    /** The wording of the server's reply or of the notification. */
    PHRASE("phrase"),
    /** The SMTP command that was refused (a bare refusal at RCPT TO, a refusal before it). */
    SMTP_STAGE("smtp-stage"),
    /** An RFC 5965 feedback report or a provider's complaint notice. */
    FEEDBACK_REPORT("feedback-report"),
    /** Nothing: the reason is {@code undefined} (or {@code expired} for a delay warning). */
    NONE("none");

    private final String wire;

    DecidedBy(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
