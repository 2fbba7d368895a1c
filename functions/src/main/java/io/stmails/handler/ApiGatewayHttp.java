package io.stmails.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.stmails.http.HttpRequest;
import io.stmails.http.HttpResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Converts API Gateway HTTP API (payload v2) events to {@link HttpRequest} and responses back. */
public final class ApiGatewayHttp {
    private ApiGatewayHttp() {
    }

    public static HttpRequest toRequest(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        byte[] bytes = body == null ? new byte[0]
                : event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : bytesOf(body);
        String method = event.getRequestContext() != null && event.getRequestContext().getHttp() != null
                ? event.getRequestContext().getHttp().getMethod() : "GET";
        Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
        return new HttpRequest(method, event.getRawPath(), headers, event.getRawQueryString(), bytes, event.getRouteKey(),
                event.getPathParameters());
    }

    /**
     * The text body as UTF-8. A lone surrogate (which the event's JSON can carry as {@code \ud800})
     * has no UTF-8 form: {@code getBytes} would turn it into '?', so it is written as its three-byte
     * surrogate form instead, which the strict decoding of {@link HttpRequest#bodyText()} refuses.
     */
    static byte[] bytesOf(String body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length() + 16);
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < body.length() && Character.isLowSurrogate(body.charAt(i + 1));
            if (paired) {
                i++;
            } else if (Character.isSurrogate(c)) {
                out.writeBytes(body.substring(start, i).getBytes(StandardCharsets.UTF_8));
                out.write(0xE0 | (c >> 12));
                out.write(0x80 | ((c >> 6) & 0x3F));
                out.write(0x80 | (c & 0x3F));
                start = i + 1;
            }
        }
        out.writeBytes(body.substring(start).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    public static APIGatewayV2HTTPResponse toResponse(HttpResponse response) {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(response.headers())
                .withBody(response.body())
                .withIsBase64Encoded(false)
                .build();
    }
}
