package io.stmails.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The part of an HTTP API (payload 2.0) event the functions read ({@link ApiGatewayHttp#toRequest} and
 * the request id), as the stream handlers bind it. Binding the whole of aws-lambda-java-events' class
 * (authorizer, identity, client certificate and more, none of it read) cost Jackson's introspection of
 * about ten classes on a cold start. Turned into that class for the handlers, which tests and the local
 * runner call with events the Lambda runtime's way of binding produced.
 */
record HttpApiEvent(
        @JsonProperty("routeKey") String routeKey,
        @JsonProperty("rawPath") String rawPath,
        @JsonProperty("rawQueryString") String rawQueryString,
        @JsonProperty("headers") Map<String, String> headers,
        @JsonProperty("pathParameters") Map<String, String> pathParameters,
        @JsonProperty("requestContext") RequestContext requestContext,
        @JsonProperty("body") String body,
        @JsonProperty("isBase64Encoded") boolean isBase64Encoded) {

    record RequestContext(@JsonProperty("requestId") String requestId, @JsonProperty("http") Http http) {
    }

    record Http(@JsonProperty("method") String method) {
    }

    APIGatewayV2HTTPEvent toEvent() {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey(routeKey);
        event.setRawPath(rawPath);
        event.setRawQueryString(rawQueryString);
        event.setHeaders(headers);
        event.setPathParameters(pathParameters);
        event.setBody(body);
        event.setIsBase64Encoded(isBase64Encoded);
        if (requestContext != null) {
            APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
            context.setRequestId(requestContext.requestId());
            if (requestContext.http() != null) {
                APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
                http.setMethod(requestContext.http().method());
                context.setHttp(http);
            }
            event.setRequestContext(context);
        }
        return event;
    }
}
