package io.stmails.http;

/** A request that cannot be read as sent (invalid UTF-8, malformed percent-encoding, trailing data...): a 400. */
public final class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message, null, false, false);
    }
}
