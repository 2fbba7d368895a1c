package io.stmails.sns;

/**
 * The message is not proven to come from an allowed SNS topic: bad signature, a certificate URL that
 * is not SNS's, a topic outside the allow-list. Retrying cannot change the answer.
 */
public final class SnsVerificationException extends RuntimeException {
    public SnsVerificationException(String message) {
        super(message, null, false, false);
    }

    public SnsVerificationException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
