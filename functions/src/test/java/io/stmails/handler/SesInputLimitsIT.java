package io.stmails.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.domain.InvalidFieldException;
import io.stmails.sns.SnsMessage;
import io.stmails.sns.SnsTestKeys;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** A validly signed SES message carrying a value stmails will not store is a permanent refusal on every SES path, never a retry. */
class SesInputLimitsIT {
    private static final String HUGE_FEEDBACK_ID = "f".repeat(300 * 1024);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void overHttpsAHugeFeedbackIdIsA400NamingIt() throws Exception {
        SesWorld world = SesWorld.create();
        APIGatewayV2HTTPEvent request = SesWorld.https("permanent-bounce");
        ObjectNode body = (ObjectNode) json.readTree(request.getBody());
        body.put("Message", sesEvent(body.get("Message").asText(), bounce -> bounce.put("feedbackId", HUGE_FEEDBACK_ID)));
        SnsMessage signed = SnsTestKeys.sign(SnsMessage.fromJson(body));
        body.put("Signature", signed.signature());
        request.setBody(body.toString());

        APIGatewayV2HTTPResponse response = new WebhookSesHandler(world.services).handleRequest(request, null);
        assertEquals(400, response.getStatusCode(), response.getBody().substring(0, Math.min(300, response.getBody().length())));
        assertTrue(response.getBody().contains("feedbackId") && response.getBody().contains("1024 bytes"),
                response.getBody().substring(0, Math.min(300, response.getBody().length())));
        assertEquals(0, world.storedItems());
    }

    @Test
    void overHttpsAnEventWithTrailingDataIsA400() throws Exception {
        SesWorld world = SesWorld.create();
        APIGatewayV2HTTPEvent request = SesWorld.https("permanent-bounce");
        ObjectNode body = (ObjectNode) json.readTree(request.getBody());
        body.put("Message", body.get("Message").asText() + " {}");
        body.put("Signature", SnsTestKeys.sign(SnsMessage.fromJson(body)).signature());
        request.setBody(body.toString());
        APIGatewayV2HTTPResponse response = new WebhookSesHandler(world.services).handleRequest(request, null);
        assertEquals(400, response.getStatusCode(), response.getBody());
        assertEquals(0, world.storedItems());
    }

    @Test
    void onTheSnsLambdaPathItIsARefusalNotAStorageErrorToRetry() throws Exception {
        SesWorld world = SesWorld.create();
        SNSEvent event = SesWorld.sns("permanent-bounce");
        SNSEvent.SNS sns = event.getRecords().get(0).getSNS();
        sns.setMessage(sesEvent(sns.getMessage(), bounce -> bounce.put("feedbackId", HUGE_FEEDBACK_ID)));
        sns.setSignature(SnsTestKeys.sign(SesNotificationsHandler.toMessage(sns)).signature());

        InvalidFieldException refused = assertThrows(InvalidFieldException.class,
                () -> new SesNotificationsHandler(world.services).handleRequest(event, null));
        assertEquals("feedbackId", refused.field());
        assertEquals(0, world.storedItems());
    }

    private String sesEvent(String text, Consumer<ObjectNode> bounceChange) throws Exception {
        ObjectNode event = (ObjectNode) json.readTree(text);
        bounceChange.accept((ObjectNode) event.get("bounce"));
        return event.toString();
    }
}
