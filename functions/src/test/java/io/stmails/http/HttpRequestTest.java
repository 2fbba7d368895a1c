package io.stmails.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpRequestTest {

    @Test
    void headersAreCaseInsensitiveAndRepeatedQueryParametersKeepTheirOrder() {
        HttpRequest request = new HttpRequest("DELETE", "/api/bounces", Map.of("X-Custom", "v"),
                "id=1&id=2&email=a%40b.c&flag", new byte[0]);
        assertEquals(Optional.of("v"), request.header("x-custom"));
        assertEquals(Optional.of("v"), request.header("X-CUSTOM"));
        assertEquals(List.of("1", "2"), request.queryValues("id"));
        assertEquals(Optional.of("a@b.c"), request.query("email"));
        assertEquals(Optional.of(""), request.query("flag"));
        assertEquals(Optional.empty(), request.query("missing"));
    }

    @Test
    void queryValuesAreDecodedStrictlyAndNeverRepaired() {
        assertEquals(Optional.of("a b+c é"), request("q=a+b%2Bc%20%C3%A9").query("q"));
        assertEquals(Optional.of("é😀"), request("q=é😀").query("q"));
        for (String bad : List.of("q=%", "q=%4", "q=%zz", "q=%C3%28", "q=%FF", "q=%ED%A0%80", "q=%C0%AF", "q=\uD800")) {
            assertThrows(BadRequestException.class, () -> request(bad).query("q"), bad);
        }
    }

    @Test
    void theBodyIsDecodedStrictlyAndAByteOrderMarkIsDropped() {
        assertEquals("{\"é\":1}", body("\uFEFF{\"é\":1}".getBytes(StandardCharsets.UTF_8)).bodyText());
        assertThrows(BadRequestException.class, () -> body(new byte[] {'{', (byte) 0xC3, 0x28, '}'}).bodyText());
        assertThrows(BadRequestException.class, () -> body(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}).bodyText());
        assertThrows(BadRequestException.class, () -> body(new byte[] {'a', (byte) 0xE2, (byte) 0x82}).bodyText());
    }

    private static HttpRequest request(String query) {
        return new HttpRequest("GET", "/", Map.of(), query, new byte[0]);
    }

    private static HttpRequest body(byte[] body) {
        return new HttpRequest("POST", "/", Map.of(), "", body);
    }
}
