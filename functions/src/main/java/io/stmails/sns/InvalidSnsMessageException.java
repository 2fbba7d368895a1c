package io.stmails.sns;

/** The input is not a well-formed SNS message (a missing or mistyped field). */
public final class InvalidSnsMessageException extends RuntimeException {
    public InvalidSnsMessageException(String message) {
        super(message, null, false, false);
    }
}
