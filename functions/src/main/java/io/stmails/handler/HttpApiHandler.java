package io.stmails.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.stmails.http.HttpRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An HTTP API function (payload format 2.0) as Lambda runs it: a stream handler that binds the
 * event ({@link HttpApiEvent}: the fields the functions read) and writes the response with the
 * function's own {@link ObjectMapper}. Were it a
 * {@code RequestHandler}, the Lambda runtime would bind them with its serialization library, a
 * second, shaded Jackson: about 850 more classes to load before a cold function answers. Tests and
 * the local runner call {@link #handleRequest(APIGatewayV2HTTPEvent, Context)} with the event bound.
 */
public abstract class HttpApiHandler implements RequestStreamHandler {
    private final ObjectMapper json;
    /** API Gateway adds fields to its events over time; the handlers read only a few. */
    private final ObjectReader events;

    protected HttpApiHandler(ObjectMapper json) {
        this.json = json;
        this.events = json.readerFor(HttpApiEvent.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** What Lambda calls: the event's JSON in, the response's JSON out. */
    @Override
    public final void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        write(handleRequest(read(input), context), output);
    }

    /** The request an event's JSON comes to, read as {@link #handleRequest(InputStream, OutputStream, Context)} reads it (SnapStart priming). */
    public final HttpRequest request(String event) throws IOException {
        return ApiGatewayHttp.toRequest(read(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8))));
    }

    private APIGatewayV2HTTPEvent read(InputStream input) throws IOException {
        HttpApiEvent event;
        try {
            event = events.readValue(input);
        } catch (JsonProcessingException e) {
            throw new UnreadableEventException("the event is not an HTTP API event: " + e.getOriginalMessage(), e);
        }
        if (event == null) {
            throw new UnreadableEventException("the event is not an HTTP API event: null", null);
        }
        return event.toEvent();
    }

    /** The function on a bound event. */
    public abstract APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context);

    /** The fields of API Gateway's payload 2.0 response the handlers set ({@link ApiGatewayHttp#toResponse}). */
    private void write(APIGatewayV2HTTPResponse response, OutputStream output) throws IOException {
        try (JsonGenerator out = json.getFactory().createGenerator(output)) {
            out.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            out.writeStartObject();
            out.writeNumberField("statusCode", response.getStatusCode());
            if (response.getHeaders() != null) {
                out.writeObjectFieldStart("headers");
                for (Map.Entry<String, String> header : response.getHeaders().entrySet()) {
                    out.writeStringField(header.getKey(), header.getValue());
                }
                out.writeEndObject();
            }
            if (response.getBody() != null) {
                out.writeStringField("body", response.getBody());
            }
            out.writeBooleanField("isBase64Encoded", response.getIsBase64Encoded());
            out.writeEndObject();
        }
    }
}
