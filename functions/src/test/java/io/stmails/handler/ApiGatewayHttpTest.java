package io.stmails.handler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.stmails.http.BadRequestException;
import io.stmails.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ApiGatewayHttpTest {

    @Test
    void aTextBodyIsItsUtf8Bytes() {
        String body = "{\"s\": \"é 😀 \uFFFD\"}";
        assertArrayEquals(body.getBytes(StandardCharsets.UTF_8), ApiGatewayHttp.bytesOf(body));
        assertEquals(body, request(body).bodyText());
    }

    @Test
    void aLoneSurrogateInATextBodyIsRefusedNotTurnedIntoAQuestionMark() {
        for (String body : new String[] {"{\"s\": \"a\ud800b\"}", "\udc00", "x\ud83d", "\ude00\ud83d"}) {
            assertThrows(BadRequestException.class, () -> request(body).bodyText(), body);
        }
    }

    private static HttpRequest request(String body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath("/webhooks/bounce");
        event.setBody(body);
        event.setIsBase64Encoded(false);
        return ApiGatewayHttp.toRequest(event);
    }
}
