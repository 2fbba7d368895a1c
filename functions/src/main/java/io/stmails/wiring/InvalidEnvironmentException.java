package io.stmails.wiring;

/** A function cannot start: an environment variable it reads holds a value it cannot use. */
public final class InvalidEnvironmentException extends IllegalStateException {
    private final Environment.Variable variable;

    InvalidEnvironmentException(Environment.Variable variable, String problem) {
        super("environment variable " + variable.name() + " " + problem);
        this.variable = variable;
    }

    public Environment.Variable variable() {
        return variable;
    }
}
