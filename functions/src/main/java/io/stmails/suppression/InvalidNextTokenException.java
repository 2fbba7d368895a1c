package io.stmails.suppression;

/** A continuation token the suppression list did not hand out (or no longer accepts): the caller's mistake. */
public class InvalidNextTokenException extends RuntimeException {
    public InvalidNextTokenException(String message) {
        super(message);
    }
}
