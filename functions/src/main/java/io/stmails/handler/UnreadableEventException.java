package io.stmails.handler;

/** A stream handler's payload does not bind to the event its function takes: the invoker's mistake; nothing was handled. */
public final class UnreadableEventException extends IllegalArgumentException {
    UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
