package io.stmails.mailbox.parser;

import java.util.Locale;

/**
 * How strong the evidence for a reason is. {@code high}: a code that names the failure, or a wording
 * the code agrees with; {@code medium}: a specific wording, or a softer wording overriding a code;
 * {@code low}: a generic code or wording, or nothing at all. A low-confidence bounce is never hard.
 */
public enum Confidence {
    HIGH, MEDIUM, LOW;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
