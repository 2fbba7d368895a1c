package io.stmails.local;

import java.util.List;

/** Reading the jar's command-line options. */
final class CommandOptions {
    private CommandOptions() {
    }

    /** The value after an option, taken from {@code rest}. */
    static String value(String option, List<String> rest) {
        if (rest.isEmpty()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return rest.remove(0);
    }
}
