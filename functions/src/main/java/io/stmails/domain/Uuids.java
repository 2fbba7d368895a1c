package io.stmails.domain;

import java.util.regex.Pattern;

public final class Uuids {
    private static final Pattern UUID_FORMAT =
            Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

    private Uuids() {
    }

    /** The 8-4-4-4-12 hex format, either case, as listmonk checks it. */
    public static boolean isWellFormed(String value) {
        return value != null && UUID_FORMAT.matcher(value).matches();
    }
}
