package io.stmails.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * The values an attacker or a broken sender puts in a field: limits and one past them, control
 * characters, lone surrogates, spreadsheet formulas, key separators, instants outside RFC 3339,
 * huge numbers, deep nesting. Deep nesting is a placeholder that {@link JsonText} expands, because
 * Jackson refuses to write what this suite wants to send.
 */
public final class Hostile {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Lengths around the limits the code and DynamoDB have (keys 1,024 bytes, items 400 KB). */
    private static final List<Integer> LENGTHS = List.of(255, 256, 257, 320, 999, 1000, 1001, 1024, 1025, 1100, 2048,
            65_536, 120_000, 300_000);
    private static final List<String> SPECIAL = List.of("", " ", "\u0000", "a\u0001zz", "\u0007", "\u001f", "\u007f",
            "\uD800", "\uDFFF", "x\uDBFF", "\uFEFF", "\u202Ebidi", "\u2028", "😀", "e\u0301", "=cmd|' /C calc'!A0",
            "=1+2@example.com", "+1", "-1", "@SUM(1+1)", "\t=1", "\r=1", "null", "true", "{}", "[]", "\"", "\\",
            "'; DROP TABLE bounces; --", "%00", "%ZZ", "../../etc/passwd", "B#", "SUB#x", "#", "~", "|", "a,b\r\nc",
            "Jane <jane@example.com>", "a@b", "user@[127.0.0.1]", "\"quoted\"@example.com", "user@example.com\n",
            "USER@EXAMPLE.COM", "user@xn--bcher-kva.example", "user@bücher.example", "hard", "soft", "complaint",
            "Permanent", "Transient", "bounce", "0", "-0", "NaN", "1e999", "00000000-0000-0000-0000-000000000000",
            "6F2B7C1E-2D3A-4B5C-9D8E-7F6A5B4C3D2E", "6f2b7c1e2d3a4b5c9d8e7f6a5b4c3d2e");
    private static final List<String> INSTANTS = List.of("-999999999-01-01T00:00:00Z", "+999999999-12-31T23:59:59Z",
            "0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "10000-01-01T00:00:00Z",
            "-0001-01-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-11-26T10:00:00+18:00", "2026-11-26T10:00:00-18:00",
            "2026-11-26T10:00:00+19:00", "2026-11-26T10:00:00.123456789Z", "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.999Z", "2026-11-26", "2026-11-26T24:00:00Z", "2026-11-26T10:00:00", "2026-11-26 10:00:00Z",
            "2026-11-26T10:00:60Z", "1764151200", "Thu, 26 Nov 2026 10:00:00 +0000", "2026-W48-4", "2026-11-26T10:00:00z");

    private Hostile() {
    }

    /** Text of any kind, from ordinary to pathological. */
    public static Arbitrary<String> strings() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(SPECIAL)),
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(24)),
                Tuple.of(2, Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(12)),
                Tuple.of(2, longStrings()),
                Tuple.of(2, instants()));
    }

    /** Runs of a character at and around the limits. */
    public static Arbitrary<String> longStrings() {
        return Arbitraries.of(LENGTHS).flatMap(n -> Arbitraries.of("x", "é", "=", "\u0001", "😀")
                .map(c -> c.repeat(c.length() == 2 ? n / 2 : n)));
    }

    /** Instants in and out of what RFC 3339 and DynamoDB sort keys can hold. */
    public static Arbitrary<String> instants() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.of(INSTANTS)),
                Tuple.of(1, Arbitraries.longs().between(-62_135_596_800L * 2, 253_402_300_799L * 2)
                        .map(s -> java.time.Instant.ofEpochSecond(s).toString())));
    }

    public static Arbitrary<String> uuids() {
        return Arbitraries.randomValue(random -> new UUID(random.nextLong(), random.nextLong()).toString());
    }

    /** A JSON value of any type, including deep nesting (expanded by {@link JsonText}) and huge numbers. */
    public static Arbitrary<JsonNode> jsonValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, strings().map(NODES::textNode)),
                Tuple.of(2, Arbitraries.of(NODES.nullNode(), NODES.booleanNode(true), NODES.booleanNode(false),
                        NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(Long.MAX_VALUE),
                        NODES.numberNode(Long.MIN_VALUE), NODES.numberNode(1.5e308), NODES.numberNode(4.9e-324),
                        NODES.numberNode(new BigInteger("1" + "0".repeat(400))),
                        NODES.numberNode(new BigDecimal("1e-400")), NODES.arrayNode(), NODES.objectNode())),
                Tuple.of(2, deep()),
                Tuple.of(2, Arbitraries.maps(strings().filter(k -> k.length() < 2000), strings())
                        .ofMaxSize(4).map(map -> {
                            var object = NODES.objectNode();
                            map.forEach(object::put);
                            return (JsonNode) object;
                        })),
                Tuple.of(1, strings().list().ofMaxSize(4).map(list -> {
                    var array = NODES.arrayNode();
                    list.forEach(array::add);
                    return (JsonNode) array;
                })));
    }

    /** Nested arrays or objects, below, at and beyond the usual parser limits. */
    public static Arbitrary<JsonNode> deep() {
        return Arbitraries.of(3, 32, 64, 100, 400, 500, 900, 990, 999, 1000, 1001, 1500, 5000)
                .flatMap(depth -> Arbitraries.of("[", "{").map(open -> JsonText.deep(depth, open)));
    }
}
