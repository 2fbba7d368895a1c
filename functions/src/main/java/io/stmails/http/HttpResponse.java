package io.stmails.http;

import java.util.Map;

public record HttpResponse(int status, Map<String, String> headers, String body) {
    public HttpResponse {
        headers = Map.copyOf(headers);
    }
}
