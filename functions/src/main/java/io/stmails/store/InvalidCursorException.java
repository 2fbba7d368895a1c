package io.stmails.store;

/** A {@code cursor} that was not made by this listing for this query: the API answers 400 with the message. */
public final class InvalidCursorException extends IllegalArgumentException {
    public InvalidCursorException(String message) {
        super(message);
    }
}
