package io.stmails.reliability;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.stmails.testing.Routing;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/** API Gateway (payload v2) requests as the HTTP API delivers them to a function. */
public final class Requests {
    private Requests() {
    }

    /** A request whose body travels base64-encoded, as API Gateway sends any body that is not valid text. */
    public static APIGatewayV2HTTPEvent http(String method, String path, String rawQuery, Map<String, String> headers,
            byte[] body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRawPath(path);
        event.setRawQueryString(rawQuery == null ? "" : rawQuery);
        event.setHeaders(new HashMap<>(headers));
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        http.setPath(path);
        http.setProtocol("HTTP/1.1");
        http.setSourceIp("127.0.0.1");
        context.setHttp(http);
        context.setStage("$default");
        event.setRequestContext(context);
        Routing.route(event);
        if (body != null) {
            event.setBody(Base64.getEncoder().encodeToString(body));
            event.setIsBase64Encoded(true);
        }
        return event;
    }

    /** {@code template} (a fixture) with another body, sent base64-encoded. */
    public static APIGatewayV2HTTPEvent withBody(APIGatewayV2HTTPEvent template, byte[] body, Map<String, String> headers) {
        Map<String, String> merged = new HashMap<>(template.getHeaders() == null ? Map.of() : template.getHeaders());
        merged.remove("content-length");
        merged.putAll(headers);
        APIGatewayV2HTTPEvent event = http(template.getRequestContext().getHttp().getMethod(), template.getRawPath(),
                template.getRawQueryString(), merged, body);
        event.getHeaders().put("content-length", Integer.toString(body.length));
        return event;
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
