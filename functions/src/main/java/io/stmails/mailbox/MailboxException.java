package io.stmails.mailbox;

/** A mailbox could not be reached, refused the login, or failed during a session; the message says which. */
public class MailboxException extends Exception {
    public MailboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
