package io.stmails.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.domain.Bounce;
import io.stmails.domain.BounceType;
import io.stmails.sns.SnsTestKeys;
import io.stmails.sns.SnsVerificationException;
import io.stmails.store.StorageException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SesNotificationsHandlerIT {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void permanentBounceIsHardAndLinkedToCampaignAndSubscriberUuid() throws Exception {
        SesWorld world = SesWorld.create();
        world.subscribe(SesWorld.JANE, "jane@new.example");
        new SesNotificationsHandler(world.services).handleRequest(SesWorld.sns("permanent-bounce"), null);
        List<Bounce> bounces = world.bouncesOf("jane@new.example");
        assertEquals(1, bounces.size(), "the X-Stmails-Subscriber header finds Jane under her new address");
        Bounce bounce = bounces.get(0);
        assertEquals(BounceType.HARD, bounce.type());
        assertEquals(SesWorld.CAMPAIGN, bounce.campaignUuid());
        assertEquals("ses", bounce.source());
        assertEquals(Instant.parse("2026-03-02T10:15:31.402Z"), bounce.createdAt());
        JsonNode meta = json.readTree(bounce.metaJson());
        assertEquals("General", meta.path("bounce_subtype").asText());
        assertTrue(meta.path("diagnostic_code").asText().contains("accès refusé"));
        assertEquals(List.of(), world.bouncesOf("jane.doe@example.com"));
    }

    @Test
    void lambdaHandsTheEventAsJsonAndTheFunctionRecordsTheSameBounce() throws Exception {
        SesWorld world = SesWorld.create();
        world.subscribe(SesWorld.JANE, "jane@new.example");
        byte[] event;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("events/ses/sns/permanent-bounce.json")) {
            event = in.readAllBytes();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new SesNotificationsHandler(world.services).handleRequest(new ByteArrayInputStream(event), out, null);
        assertEquals("null", out.toString(StandardCharsets.UTF_8));
        List<Bounce> bounces = world.bouncesOf("jane@new.example");
        assertEquals(1, bounces.size());
        assertEquals(BounceType.HARD, bounces.get(0).type());
        assertEquals(Instant.parse("2026-03-02T10:15:31.402Z"), bounces.get(0).createdAt());
    }

    @Test
    void eachFixtureRecordsWhatItShould() throws Exception {
        SesWorld world = SesWorld.create();
        SesNotificationsHandler handler = new SesNotificationsHandler(world.services);
        for (String name : List.of("transient-bounce", "suppressed-bounce", "several-recipients", "complaint",
                "delivery", "setup-message", "configuration-set-bounce")) {
            handler.handleRequest(SesWorld.sns(name), null);
        }
        assertEquals(List.of(BounceType.SOFT), types(world, "mike@example.net"));
        assertEquals(SesWorld.CAMPAIGN, world.bouncesOf("mike@example.net").get(0).campaignUuid(),
                "lower-case x-listmonk-campaign header");
        assertEquals(List.of(BounceType.HARD), types(world, "gone@example.org"));
        assertTrue(json.readTree(world.bouncesOf("gone@example.org").get(0).metaJson()).path("suppressed").asBoolean());
        assertEquals(List.of(BounceType.HARD), types(world, "alice@example.com"));
        assertEquals(List.of(), types(world, "bob@example.com"), "bob is a destination that did not bounce");
        assertEquals(List.of(BounceType.HARD), types(world, "carol@example.com"));
        assertEquals(List.of(BounceType.COMPLAINT), types(world, "reader@example.com"));
        assertEquals(List.of(), types(world, "ok@example.com"), "deliveries are not bounces");
        assertEquals(List.of(BounceType.HARD), types(world, "sam@example.com"));
        assertEquals(SesWorld.TAGGED_CAMPAIGN, world.bouncesOf("sam@example.com").get(0).campaignUuid(),
                "campaign from the SES message tag when the headers were truncated");
    }

    @Test
    void redeliveryRecordsOnce() {
        SesWorld world = SesWorld.create();
        SesNotificationsHandler handler = new SesNotificationsHandler(world.services);
        handler.handleRequest(SesWorld.sns("several-recipients"), null);
        handler.handleRequest(SesWorld.sns("several-recipients"), null);
        assertEquals(1, world.bouncesOf("alice@example.com").size());
        assertEquals(1, world.bouncesOf("carol@example.com").size());
    }

    @Test
    void forgedWrongTopicForeignHostAndTamperedMessagesFailAndRecordNothing() {
        refused(sns -> sns.setSignature(SnsTestKeys.sign(SesNotificationsHandler.toMessage(sns),
                SnsTestKeys.strangerKey()).signature()), "does not match");
        refused(sns -> sns.setTopicArn("arn:aws:sns:us-east-1:999999999999:attacker"), "not in the allow-list");
        refused(sns -> sns.setSigningCertUrl("https://attacker.example/SimpleNotificationService-stmailsTestOnly.pem"),
                "SigningCertURL");
        refused(sns -> sns.setMessage(sns.getMessage().replace("\"Permanent\"", "\"Transient\"")), "does not match");
    }

    @Test
    void theTopicAllowListStillAppliesWhenLambdaSignaturesAreNotChecked() {
        SesWorld world = SesWorld.create(settings -> SesWorld.ses(settings).put("verify_lambda_signatures", false));
        SesNotificationsHandler handler = new SesNotificationsHandler(world.services);
        SNSEvent unsigned = SesWorld.sns("transient-bounce");
        unsigned.getRecords().get(0).getSNS().setSignature(null);
        handler.handleRequest(unsigned, null);
        assertEquals(1, world.bouncesOf("mike@example.net").size());
        SNSEvent foreign = SesWorld.sns("complaint");
        foreign.getRecords().get(0).getSNS().setTopicArn("arn:aws:sns:us-east-1:999999999999:attacker");
        assertThrows(SnsVerificationException.class, () -> handler.handleRequest(foreign, null));
        assertEquals(List.of(), world.bouncesOf("reader@example.com"));
    }

    @Test
    void disabledSesAcknowledgesWithoutRecording() {
        acknowledgedWithoutRecording(settings -> SesWorld.ses(settings).put("enabled", false));
        acknowledgedWithoutRecording(settings -> settings.put("enabled", false));
    }

    @Test
    void aStorageFailureFailsTheInvocationSoLambdaRetries() {
        SesWorld world = SesWorld.withBrokenStorage();
        assertThrows(StorageException.class,
                () -> new SesNotificationsHandler(world.services).handleRequest(SesWorld.sns("permanent-bounce"), null));
    }

    private static void refused(Consumer<SNSEvent.SNS> change, String reason) {
        SesWorld world = SesWorld.create();
        SNSEvent event = SesWorld.sns("permanent-bounce");
        change.accept(event.getRecords().get(0).getSNS());
        SnsVerificationException e = assertThrows(SnsVerificationException.class,
                () -> new SesNotificationsHandler(world.services).handleRequest(event, null));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertEquals(0, world.storedItems());
    }

    private static void acknowledgedWithoutRecording(Consumer<ObjectNode> settingsChange) {
        SesWorld world = SesWorld.create(settingsChange);
        new SesNotificationsHandler(world.services).handleRequest(SesWorld.sns("permanent-bounce"), null);
        assertEquals(0, world.storedItems());
    }

    private static List<BounceType> types(SesWorld world, String email) {
        return world.bouncesOf(email).stream().map(Bounce::type).toList();
    }
}
