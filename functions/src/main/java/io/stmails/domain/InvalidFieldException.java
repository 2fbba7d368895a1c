package io.stmails.domain;

/**
 * A value stmails will not store, named by its field: a permanent problem of the input, answered
 * 400 (never a retryable 5xx) wherever it arrives.
 */
public final class InvalidFieldException extends IllegalArgumentException {
    private final String field;
    private final String problem;

    public InvalidFieldException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    /** What is wrong, without the field's name ("is 1100 bytes long (UTF-8); the limit is 972 bytes"). */
    public String problem() {
        return problem;
    }
}
