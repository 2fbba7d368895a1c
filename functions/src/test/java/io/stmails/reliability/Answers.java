package io.stmails.reliability;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.handler.HttpApiHandler;

/**
 * The suite's one rule for an HTTP answer: a 2xx, or a 4xx whose JSON body carries a message that
 * names the problem. A 5xx (which tells the sender to retry), a hang or an escaped exception fails.
 */
public final class Answers {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Answers() {
    }

    /** Calls the handler within {@link Bounded#LIMIT} and checks its answer; returns it when acceptable. */
    public static APIGatewayV2HTTPResponse http(String entryPoint,
            HttpApiHandler handler, APIGatewayV2HTTPEvent request) {
        APIGatewayV2HTTPResponse response = Bounded.call(entryPoint, () -> handler.handleRequest(request, null));
        int status = response.getStatusCode();
        Figures.answer(entryPoint, status);
        String described = entryPoint + " answered " + status + " " + abbreviated(response.getBody())
                + " to " + describe(request);
        if (status >= 200 && status < 300) {
            return response;
        }
        if (status < 400 || status >= 500) {
            throw new AssertionError(described);
        }
        String message;
        try {
            JsonNode body = JSON.readTree(response.getBody() == null ? "" : response.getBody());
            message = body == null ? "" : body.path("message").asText("");
        } catch (Exception e) {
            throw new AssertionError(described + ": the body of a 4xx is not JSON", e);
        }
        if (message.isBlank()) {
            throw new AssertionError(described + ": a 4xx without a message");
        }
        return response;
    }

    public static boolean isSuccess(APIGatewayV2HTTPResponse response) {
        return response.getStatusCode() >= 200 && response.getStatusCode() < 300;
    }

    static String describe(APIGatewayV2HTTPEvent request) {
        String method = request.getRequestContext() == null || request.getRequestContext().getHttp() == null ? "?"
                : request.getRequestContext().getHttp().getMethod();
        return method + " " + request.getRawPath() + (request.getRawQueryString() == null || request.getRawQueryString().isEmpty()
                ? "" : "?" + abbreviated(request.getRawQueryString()))
                + (request.getBody() == null ? "" : " body " + (request.getIsBase64Encoded() ? "(base64) " : "")
                        + abbreviated(request.getBody()));
    }

    public static String abbreviated(String text) {
        if (text == null) {
            return "null";
        }
        return text.length() <= 400 ? text : text.substring(0, 400) + "... (" + text.length() + " chars)";
    }
}
