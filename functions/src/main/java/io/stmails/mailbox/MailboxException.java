package io.stmails.mailbox;

/** A mailbox could not be reached, refused the login, or failed during a session. */
public class MailboxException extends Exception {
    /** What went wrong, in terms an operator can act on. */
    public enum Kind {
        CONNECTION,
        AUTHENTICATION,
        PROTOCOL
    }

    private final Kind kind;

    public MailboxException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
