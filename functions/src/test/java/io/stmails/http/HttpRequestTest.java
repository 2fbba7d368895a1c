package io.stmails.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
