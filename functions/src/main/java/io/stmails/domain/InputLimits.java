package io.stmails.domain;

/**
 * The limits on what a bounce may hold, in one place, derived from DynamoDB's key limits: a sort key
 * (and so every index sort key) holds at most 1,024 bytes of UTF-8, a partition key 2,048. A value that
 * breaks one is an {@link InvalidFieldException} naming the field, never a storage error.
 */
public final class InputLimits {
    public static final int DYNAMODB_SORT_KEY_BYTES = 1024;
    public static final int DYNAMODB_PARTITION_KEY_BYTES = 2048;
    /** What a listing index appends to a value: U+0001, the 24-character time, '#', the 26-character bounce id. */
    public static final int LISTING_SUFFIX_BYTES = 1 + 24 + 1 + 26;
    /** {@code email}, {@code source}: the longest value (UTF-8 bytes) whose listing key still fits a sort key. */
    public static final int MAX_INDEXED_BYTES = DYNAMODB_SORT_KEY_BYTES - LISTING_SUFFIX_BYTES;
    /** An id a dedupe key is built from ({@code Idempotency-Key}, SES {@code feedbackId}, ...). */
    public static final int MAX_ID_BYTES = DYNAMODB_SORT_KEY_BYTES;
    /** A whole dedupe key: hashed into the marker's key, and stored beside it. */
    public static final int MAX_DEDUPE_KEY_BYTES = DYNAMODB_PARTITION_KEY_BYTES;
    /** Nesting of stored {@code meta} (an object or array is one level); listings add four levels around it. */
    public static final int MAX_META_DEPTH = 32;
    /** Stored {@code meta} as compact JSON, in UTF-8 bytes; keeps a bounce item far below DynamoDB's 400 KB. */
    public static final int MAX_META_BYTES = 64 * 1024;

    private InputLimits() {
    }

    /** A value that feeds a key or an index: no control characters, well-formed UTF-16, at most {@link #MAX_INDEXED_BYTES}. */
    public static String requireIndexed(String field, String value) {
        return requireKeyText(field, value, MAX_INDEXED_BYTES);
    }

    /** An id that a dedupe key is built from: as {@link #requireIndexed}, at most {@link #MAX_ID_BYTES}. */
    public static String requireId(String field, String value) {
        return requireKeyText(field, value, MAX_ID_BYTES);
    }

    /** Key text: control characters would sort and match unlike what the caller sees, so they are refused, never stripped. */
    public static String requireKeyText(String field, String value, int maxBytes) {
        if (value == null) {
            return null;
        }
        requireWellFormed(field, value);
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new InvalidFieldException(field, String.format("contains the control character U+%04X at position %d",
                        (int) value.charAt(i), i));
            }
        }
        long bytes = utf8Length(value);
        if (bytes > maxBytes) {
            throw new InvalidFieldException(field, "is " + bytes + " bytes long (UTF-8); the limit is " + maxBytes + " bytes");
        }
        return value;
    }

    /** A lone surrogate cannot be written as UTF-8: storing it would silently turn it into '?'. */
    public static String requireWellFormed(String field, String value) {
        int position = loneSurrogateAt(value);
        if (position >= 0) {
            throw new InvalidFieldException(field, String.format("contains a lone surrogate (U+%04X at position %d), "
                    + "which is not a Unicode character", (int) value.charAt(position), position));
        }
        return value;
    }

    /**
     * Stored {@code meta}: JSON text (as produced by a JSON writer) of at most {@link #MAX_META_BYTES}
     * bytes, nested at most {@link #MAX_META_DEPTH} levels, without lone surrogates.
     */
    public static String requireMeta(String metaJson) {
        if (metaJson == null) {
            return null;
        }
        requireWellFormed("meta", metaJson);
        long bytes = utf8Length(metaJson);
        if (bytes > MAX_META_BYTES) {
            throw new InvalidFieldException("meta", "is " + bytes + " bytes as JSON; the limit is " + MAX_META_BYTES + " bytes");
        }
        int depth = jsonDepth(metaJson);
        if (depth > MAX_META_DEPTH) {
            throw new InvalidFieldException("meta", "nests " + depth + " levels deep; the limit is " + MAX_META_DEPTH + " levels");
        }
        return metaJson;
    }

    /** Whether stored meta can be listed as JSON (items stored before the limits may not). */
    public static boolean isRenderableMeta(String metaJson) {
        return metaJson != null && jsonDepth(metaJson) <= MAX_META_DEPTH;
    }

    /** The deepest nesting of objects and arrays in JSON text (0 for a scalar), counted without parsing it. */
    static int jsonDepth(String json) {
        int depth = 0;
        int deepest = 0;
        boolean inString = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                deepest = Math.max(deepest, ++depth);
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
        return deepest;
    }

    static long utf8Length(String value) {
        long bytes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static int loneSurrogateAt(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }
}
