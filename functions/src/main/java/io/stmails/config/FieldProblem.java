package io.stmails.config;

/**
 * What a settings record's compact constructor throws about one of its fields; {@link SettingsBinder}
 * turns it into an {@link InvalidSettingsException} naming the field by its full path.
 *
 * @param problem the rest of the message, e.g. {@code " must be a whole number from 1 to 1000"} or
 *                {@code ": 'ssl' is not one of tls, starttls, plain"}
 */
public final class FieldProblem extends RuntimeException {
    private final String field;
    private final String problem;

    public FieldProblem(String field, String problem) {
        super(field + problem, null, false, false);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }

    /** A whole number within bounds, or {@code fallback} when absent. */
    public static long within(Long value, long fallback, long min, long max, String field) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw new FieldProblem(field, " must be a whole number from " + min + " to " + max);
        }
        return value;
    }

    /** A non-blank string, trimmed, or {@code fallback} when absent. */
    public static String nonBlank(String value, String fallback, String field) {
        if (value == null) {
            return fallback;
        }
        if (value.isBlank()) {
            throw new FieldProblem(field, " must be a non-empty string");
        }
        return value.trim();
    }

    public static boolean or(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }
}
