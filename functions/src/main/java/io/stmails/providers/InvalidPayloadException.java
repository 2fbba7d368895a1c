package io.stmails.providers;

/** An authenticated request whose body is not what the provider sends; answered 400 and nothing recorded. */
public final class InvalidPayloadException extends RuntimeException {
    public InvalidPayloadException(String message) {
        super(message, null, false, false);
    }
}
