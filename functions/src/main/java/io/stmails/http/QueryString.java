package io.stmails.http;

import io.stmails.domain.InputLimits;
import io.stmails.domain.InvalidFieldException;
import io.stmails.domain.StrictUtf8;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one reader of query strings ({@code application/x-www-form-urlencoded}) and of percent-encoded path
 * parameters: strict, a malformed escape or UTF-8 sequence is refused, never repaired.
 */
public final class QueryString {
    private QueryString() {
    }

    /**
     * Every name-value pair in order ({@code ?id=1&id=2} gives two); a name without {@code =} has the value "".
     *
     * @throws BadRequestException naming the malformed escape or the invalid UTF-8
     */
    public static List<Map.Entry<String, String>> parse(String rawQuery) {
        return pairs(rawQuery, false);
    }

    /** {@link #parse}, leaving out the pairs that do not decode (for a display of what is readable). */
    public static List<Map.Entry<String, String>> parseSkippingMalformed(String rawQuery) {
        return pairs(rawQuery, true);
    }

    private static List<Map.Entry<String, String>> pairs(String rawQuery, boolean skipMalformed) {
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return pairs;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            try {
                pairs.add(Map.entry(decode(eq < 0 ? pair : pair.substring(0, eq), true, "the query string"),
                        eq < 0 ? "" : decode(pair.substring(eq + 1), true, "the query string")));
            } catch (BadRequestException malformed) {
                if (!skipMalformed) {
                    throw malformed;
                }
            }
        }
        return pairs;
    }

    /** A path segment as API Gateway hands path parameters on: percent-decoded, {@code +} kept. */
    public static String decodePathSegment(String segment) {
        return decode(segment, false, "the path");
    }

    private static String decode(String value, boolean plusIsSpace, String what) {
        try {
            InputLimits.requireWellFormed(what, value);
        } catch (InvalidFieldException e) {
            throw new BadRequestException(e.getMessage());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '+' && plusIsSpace) {
                bytes.write(' ');
            } else if (c == '%') {
                int high = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(value.charAt(i + 2), 16);
                if (low < 0) {
                    throw new BadRequestException(what + " has a malformed percent-escape at \""
                            + value.substring(i, Math.min(value.length(), i + 3)) + "\"");
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                int end = Character.isHighSurrogate(c) ? i + 2 : i + 1;
                byte[] raw = value.substring(i, end).getBytes(StandardCharsets.UTF_8);
                bytes.write(raw, 0, raw.length);
                i = end - 1;
            }
        }
        return StrictUtf8.decode(bytes.toByteArray())
                .orElseThrow(() -> new BadRequestException(what + " is not valid UTF-8"));
    }
}
