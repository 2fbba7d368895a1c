package io.stmails.domain;

/**
 * An optimistic write lost to concurrent changes on every attempt {@link OptimisticRetry} allowed:
 * nothing is wrong with the request, and trying again later can succeed.
 */
public final class ContentionException extends RuntimeException {
    public ContentionException(String message) {
        super(message);
    }

    public ContentionException(String message, Throwable cause) {
        super(message, cause);
    }
}
