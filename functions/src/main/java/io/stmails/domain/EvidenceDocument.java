package io.stmails.domain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a bounce was decided from, kept beside it: a JSON object of named parts (SES's bounce object,
 * a provider's event, a DSN's delivery-status part, the returned message's headers), each at most
 * {@link #MAX_PART_CHARS} characters. A larger part is kept as the start of its text and named in
 * {@code truncated}. Message bodies are never given here.
 */
public final class EvidenceDocument {
    public static final int MAX_PART_CHARS = 8 * 1024;
    /** Jackson writes at most 1,000 nested containers; the document itself is one. */
    private static final int MAX_PART_DEPTH = 999;
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
        if (text.length() > MAX_PART_CHARS) {
            return truncated(name, text);
        }
        if (depth(value) > MAX_PART_DEPTH) {
            // Inside the document it would be one level deeper than Jackson writes: kept as its text instead.
            parts.put(name, text);
            return this;
        }
        parts.set(name, value);
        return this;
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

    /** How many containers deep the value is: 0 for a scalar. */
    private static int depth(JsonNode value) {
        int depth = 0;
        List<JsonNode> level = value.isContainerNode() ? List.of(value) : List.of();
        while (!level.isEmpty()) {
            depth++;
            List<JsonNode> next = new ArrayList<>();
            for (JsonNode node : level) {
                node.forEach(child -> {
                    if (child.isContainerNode()) {
                        next.add(child);
                    }
                });
            }
            level = next;
        }
        return depth;
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
