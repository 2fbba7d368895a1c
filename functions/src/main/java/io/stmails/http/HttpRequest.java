package io.stmails.http;

import io.stmails.domain.InputLimits;
import io.stmails.domain.InvalidFieldException;
import io.stmails.domain.StrictUtf8;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as the services see it, whatever carried it (API Gateway payload v2 in AWS, the
 * local runner on a laptop). Header names are lower-cased; the body is the raw bytes as received.
 */
public record HttpRequest(String method, String path, Map<String, String> headers, String rawQuery, byte[] body) {

    public HttpRequest {
        Map<String, String> lower = new HashMap<>();
        headers.forEach((name, value) -> lower.put(name.toLowerCase(Locale.ROOT), value));
        headers = Map.copyOf(lower);
        rawQuery = rawQuery == null ? "" : rawQuery;
        body = body == null ? new byte[0] : body;
    }

    public Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * The body decoded as UTF-8, strictly: a malformed byte sequence is refused rather than turned into
     * U+FFFD (which would alter what is stored). A leading byte order mark is dropped.
     *
     * @throws BadRequestException when the body is not valid UTF-8
     */
    public String bodyText() {
        String text = strictUtf8(body, "the body");
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Every value of a query parameter, in order ({@code ?id=1&id=2}). */
    public List<String> queryValues(String name) {
        List<String> values = new ArrayList<>();
        if (rawQuery.isEmpty()) {
            return values;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (key.equals(name)) {
                values.add(eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return values;
    }

    public Optional<String> query(String name) {
        List<String> values = queryValues(name);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** {@code application/x-www-form-urlencoded} decoding that refuses, never repairs, a malformed escape or UTF-8. */
    private static String decode(String value) {
        try {
            InputLimits.requireWellFormed("the query string", value);
        } catch (InvalidFieldException e) {
            throw new BadRequestException(e.getMessage());
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                int high = i + 2 < value.length() ? Character.digit(value.charAt(i + 1), 16) : -1;
                int low = high < 0 ? -1 : Character.digit(value.charAt(i + 2), 16);
                if (low < 0) {
                    throw new BadRequestException("the query string has a malformed percent-escape at \""
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
        return strictUtf8(bytes.toByteArray(), "the query string");
    }

    private static String strictUtf8(byte[] bytes, String what) {
        return StrictUtf8.decode(bytes).orElseThrow(() -> new BadRequestException(what + " is not valid UTF-8"));
    }
}
