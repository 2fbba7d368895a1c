package io.stmails.handler;

import io.stmails.catalog.FunctionCatalog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.domain.Bounce;
import io.stmails.domain.BounceType;
import io.stmails.sns.SnsMessage;
import io.stmails.sns.SnsTestKeys;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class WebhookSesHandlerIT {
    private static final String ATTACKER_TOPIC = "arn:aws:sns:us-east-1:999999999999:attacker";
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyNotificationFixtureIsAcknowledgedAfterRecording() {
        SesWorld world = SesWorld.create();
        WebhookSesHandler handler = new WebhookSesHandler(world.services);
        for (String name : List.of("permanent-bounce", "transient-bounce", "suppressed-bounce", "several-recipients",
                "complaint", "delivery", "setup-message", "configuration-set-bounce")) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(SesWorld.https(name), null);
            assertEquals(200, response.getStatusCode(), name + ": " + response.getBody());
            assertEquals("{\"data\":true}", response.getBody());
        }
        assertEquals(List.of(BounceType.HARD), types(world, "jane.doe@example.com"));
        assertEquals(List.of(BounceType.SOFT), types(world, "mike@example.net"));
        assertEquals(List.of(BounceType.HARD), types(world, "gone@example.org"));
        assertEquals(List.of(BounceType.HARD), types(world, "alice@example.com"));
        assertEquals(List.of(), types(world, "bob@example.com"));
        assertEquals(List.of(BounceType.HARD), types(world, "carol@example.com"));
        assertEquals(List.of(BounceType.COMPLAINT), types(world, "reader@example.com"));
        assertEquals(List.of(), types(world, "ok@example.com"));
        assertEquals(SesWorld.TAGGED_CAMPAIGN, world.bouncesOf("sam@example.com").get(0).campaignUuid());
    }

    @Test
    void redeliveryRecordsOnce() {
        SesWorld world = SesWorld.create();
        WebhookSesHandler handler = new WebhookSesHandler(world.services);
        assertEquals(200, handler.handleRequest(SesWorld.https("complaint"), null).getStatusCode());
        assertEquals(200, handler.handleRequest(SesWorld.https("complaint"), null).getStatusCode());
        assertEquals(1, world.bouncesOf("reader@example.com").size());
    }

    @Test
    void subscriptionIsConfirmedThroughTheSnsApi() {
        SesWorld world = SesWorld.create();
        APIGatewayV2HTTPEvent request = SesWorld.https("subscription-confirmation");
        APIGatewayV2HTTPResponse response = new WebhookSesHandler(world.services).handleRequest(request, null);
        assertEquals(200, response.getStatusCode(), response.getBody());
        assertEquals(1, world.confirmer.confirmed.size());
        assertEquals(SnsTestKeys.TOPIC, world.confirmer.confirmed.get(0).get(0));
        assertTrue(world.confirmer.confirmed.get(0).get(1).startsWith("2336412f37fb687f"));
    }

    @Test
    void aFailedConfirmationIsReportedSoSnsCanSendItAgain() {
        SesWorld world = SesWorld.create();
        world.confirmer.failure = new IllegalStateException("SNS said: token expired");
        APIGatewayV2HTTPResponse response =
                new WebhookSesHandler(world.services).handleRequest(SesWorld.https("subscription-confirmation"), null);
        assertEquals(502, response.getStatusCode());
        assertTrue(response.getBody().contains("token expired"), response.getBody());
    }

    @Test
    void subscriptionToAnotherTopicIsRefusedAndNotConfirmed() {
        SesWorld world = SesWorld.create(settings -> SesWorld.ses(settings).putArray("topic_arns")
                .add("arn:aws:sns:us-east-1:123456789012:some-other-topic"));
        APIGatewayV2HTTPResponse response =
                new WebhookSesHandler(world.services).handleRequest(SesWorld.https("subscription-confirmation"), null);
        assertEquals(403, response.getStatusCode());
        assertTrue(response.getBody().contains("not in the allow-list"), response.getBody());
        assertEquals(List.of(), world.confirmer.confirmed);
    }

    @Test
    void withNoTopicAllowedEveryMessageIsRefusedWithTheSettingToChange() {
        SesWorld world = SesWorld.create(settings -> SesWorld.ses(settings).remove("topic_arns"));
        WebhookSesHandler handler = new WebhookSesHandler(world.services);
        for (String name : List.of("subscription-confirmation", "permanent-bounce")) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(SesWorld.https(name), null);
            assertEquals(403, response.getStatusCode());
            assertTrue(response.getBody().contains("add " + SnsTestKeys.TOPIC + " to the setting ses.topic_arns"),
                    response.getBody());
        }
        assertEquals(List.of(), world.confirmer.confirmed);
        assertEquals(0, world.storedItems());
    }

    @Test
    void unsubscribeConfirmationNeverSubscribesAgain() {
        SesWorld world = SesWorld.create();
        APIGatewayV2HTTPResponse response =
                new WebhookSesHandler(world.services).handleRequest(SesWorld.https("unsubscribe-confirmation"), null);
        assertEquals(200, response.getStatusCode());
        assertEquals(List.of(), world.confirmer.confirmed);
        assertEquals(0, world.storedItems());
    }

    @Test
    void rawMessageDeliveryIsRefusedWithTheFix() {
        SesWorld world = SesWorld.create();
        WebhookSesHandler handler = new WebhookSesHandler(world.services);
        APIGatewayV2HTTPEvent withHeader = SesWorld.https("raw-delivery");
        APIGatewayV2HTTPEvent withoutHeader = SesWorld.https("raw-delivery");
        withoutHeader.getHeaders().remove("x-amz-sns-rawdelivery");
        for (APIGatewayV2HTTPEvent request : List.of(withHeader, withoutHeader)) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(request, null);
            assertEquals(400, response.getStatusCode());
            assertTrue(response.getBody().contains("turn raw message delivery off"), response.getBody());
        }
        assertEquals(0, world.storedItems());
    }

    @Test
    void forgedWrongTopicForeignHostAndTamperedMessagesAreRefusedAndRecordNothing() {
        refused(body -> body.put("Signature", SnsTestKeys.sign(message(body), SnsTestKeys.strangerKey()).signature()),
                403, "does not match");
        refused(body -> body.put("TopicArn", ATTACKER_TOPIC), 403, "not in the allow-list");
        refused(body -> body.put("SigningCertURL", "https://sns.us-east-1.amazonaws.com.attacker.example/"
                + SnsTestKeys.CERT_FILE), 403, "SigningCertURL");
        refused(body -> body.put("Message", body.get("Message").asText().replace("5.1.1", "5.1.2")), 403, "does not match");
        refused(body -> body.put("Subject", "injected"), 403, "does not match");
        refused(body -> body.remove("Signature"), 400, "no Signature");
        refused(body -> body.put("Message", ""), 400, "no Message");
        refused(body -> body.put("SignatureVersion", "2"), 403, "does not match");
    }

    @Test
    void headersThatContradictTheBodyAreRefused() {
        for (String header : List.of("x-amz-sns-message-id", "x-amz-sns-topic-arn", "x-amz-sns-message-type")) {
            SesWorld world = SesWorld.create();
            APIGatewayV2HTTPEvent request = SesWorld.https("permanent-bounce");
            request.getHeaders().put(header, "something-else");
            APIGatewayV2HTTPResponse response = new WebhookSesHandler(world.services).handleRequest(request, null);
            assertEquals(400, response.getStatusCode(), header);
            assertEquals(0, world.storedItems());
        }
        SesWorld world = SesWorld.create();
        APIGatewayV2HTTPEvent request = SesWorld.https("permanent-bounce");
        request.getHeaders().remove("x-amz-sns-message-type");
        assertEquals(400, new WebhookSesHandler(world.services).handleRequest(request, null).getStatusCode());
    }

    @Test
    void bodiesThatAreNotSnsMessagesAreRefused() {
        SesWorld world = SesWorld.create();
        WebhookSesHandler handler = new WebhookSesHandler(world.services);
        APIGatewayV2HTTPEvent notJson = SesWorld.https("permanent-bounce");
        notJson.setBody("Type=Notification");
        assertEquals(400, handler.handleRequest(notJson, null).getStatusCode());
        APIGatewayV2HTTPEvent tooLarge = SesWorld.https("permanent-bounce");
        tooLarge.setBody(" ".repeat(600 * 1024) + tooLarge.getBody());
        assertEquals(413, handler.handleRequest(tooLarge, null).getStatusCode());
        assertEquals(0, world.storedItems());
    }

    @Test
    void getExplainsTheEndpointWith405() {
        SesWorld world = SesWorld.create();
        APIGatewayV2HTTPEvent get = SesWorld.https("permanent-bounce");
        get.getRequestContext().getHttp().setMethod("GET");
        get.setBody(null);
        APIGatewayV2HTTPResponse response = new WebhookSesHandler(world.services).handleRequest(get, null);
        assertEquals(405, response.getStatusCode());
        assertEquals("POST", response.getHeaders().get("allow"));
        assertTrue(response.getBody().contains("Amazon SNS"), response.getBody());
        assertEquals(FunctionCatalog.WEBHOOK_SES, FunctionCatalog.route("GET", "/webhooks/service/ses").orElseThrow().function());
        assertEquals(FunctionCatalog.WEBHOOK_SES, FunctionCatalog.route("POST", "/webhooks/service/ses").orElseThrow().function());
    }

    @Test
    void listmonkSwitches() {
        switched(settings -> SesWorld.ses(settings).put("enabled", false), 400, "{\"message\":\"Unknown service.\"}");
        switched(settings -> settings.put("enabled", false), 503, null);
        switched(settings -> settings.put("webhooks_enabled", false), 404, null);
    }

    @Test
    void aStorageFailureAnswers500SoSnsDeliversAgain() {
        SesWorld world = SesWorld.withBrokenStorage();
        APIGatewayV2HTTPResponse response =
                new WebhookSesHandler(world.services).handleRequest(SesWorld.https("permanent-bounce"), null);
        assertEquals(500, response.getStatusCode());
    }

    private void refused(Consumer<ObjectNode> change, int status, String reason) {
        SesWorld world = SesWorld.create();
        APIGatewayV2HTTPEvent request = SesWorld.https("permanent-bounce");
        try {
            ObjectNode body = (ObjectNode) json.readTree(request.getBody());
            change.accept(body);
            request.setBody(body.toString());
            if (body.path("TopicArn").asText().equals(ATTACKER_TOPIC)) {
                request.getHeaders().put("x-amz-sns-topic-arn", ATTACKER_TOPIC);
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        APIGatewayV2HTTPResponse response = new WebhookSesHandler(world.services).handleRequest(request, null);
        assertEquals(status, response.getStatusCode(), response.getBody());
        assertTrue(response.getBody().contains(reason), "expected '" + reason + "' in " + response.getBody());
        assertEquals(0, world.storedItems());
    }

    private static void switched(Consumer<ObjectNode> settingsChange, int status, String body) {
        SesWorld world = SesWorld.create(settingsChange);
        APIGatewayV2HTTPResponse response =
                new WebhookSesHandler(world.services).handleRequest(SesWorld.https("permanent-bounce"), null);
        assertEquals(status, response.getStatusCode(), response.getBody());
        if (body != null) {
            assertEquals(body, response.getBody());
        }
        assertEquals(0, world.storedItems());
    }

    private static SnsMessage message(ObjectNode body) {
        return SnsMessage.fromJson(body);
    }

    private static List<BounceType> types(SesWorld world, String email) {
        return world.bouncesOf(email).stream().map(Bounce::type).toList();
    }
}
