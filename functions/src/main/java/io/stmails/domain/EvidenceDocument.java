package io.stmails.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Pattern;

/**
 * What a bounce was decided from, kept beside it: a JSON object of named parts (SES's bounce object,
 * a provider's event, a DSN's delivery-status part, the returned message's headers), each at most
 * {@link #MAX_PART_CHARS} characters. A larger part is kept as the start of its text and named in
 * {@code truncated}. Message bodies are never given here.
 */
public final class EvidenceDocument {
    public static final int MAX_PART_CHARS = 8 * 1024;
    /** Reasons are statistics keys too: short, one line. */
    public static final int MAX_REASON_CHARS = 100;
    private static final Pattern CONTROL_OR_SPACE_RUN = Pattern.compile("[\\p{Cntrl}\\s]+");

    private final ObjectNode parts = JsonNodeFactory.instance.objectNode();

    private EvidenceDocument() {
    }

    public static EvidenceDocument builder() {
        return new EvidenceDocument();
    }

    public EvidenceDocument json(String name, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return this;
        }
        String text = value.toString();
        if (text.length() <= MAX_PART_CHARS) {
            parts.set(name, value);
            return this;
        }
        return truncated(name, text);
    }

    public EvidenceDocument text(String name, String value) {
        if (value == null || value.isBlank()) {
            return this;
        }
        if (value.length() <= MAX_PART_CHARS) {
            parts.put(name, value);
            return this;
        }
        return truncated(name, value);
    }

    private EvidenceDocument truncated(String name, String text) {
        int end = MAX_PART_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        parts.put(name, text.substring(0, end));
        parts.withArray("truncated").add(name);
        return this;
    }

    /** The evidence as JSON text, or null when no part was given. */
    public String toJson() {
        return parts.isEmpty() ? null : parts.toString();
    }

    /** A reason fit to store and count by: one line, at most {@link #MAX_REASON_CHARS}; null when blank. */
    public static String reason(String raw) {
        if (raw == null) {
            return null;
        }
        String line = CONTROL_OR_SPACE_RUN.matcher(raw).replaceAll(" ").trim();
        if (line.isEmpty()) {
            return null;
        }
        if (line.length() <= MAX_REASON_CHARS) {
            return line;
        }
        int end = Character.isHighSurrogate(line.charAt(MAX_REASON_CHARS - 1)) ? MAX_REASON_CHARS - 1 : MAX_REASON_CHARS;
        return line.substring(0, end);
    }
}
