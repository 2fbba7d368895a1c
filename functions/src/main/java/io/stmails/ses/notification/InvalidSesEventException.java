package io.stmails.ses.notification;

/** An SES event that cannot be read (not JSON, no event type, a bounce without recipients...). */
public final class InvalidSesEventException extends RuntimeException {
    public InvalidSesEventException(String message) {
        super(message, null, false, false);
    }
}
