package io.stmails.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.config.Secrets;
import io.stmails.domain.InvalidFieldException;
import io.stmails.reliability.Answers;
import io.stmails.reliability.Bounded;
import io.stmails.reliability.Figures;
import io.stmails.reliability.FuzzProperties;
import io.stmails.reliability.FuzzWorld;
import io.stmails.reliability.Mutation;
import io.stmails.reliability.Requests;
import io.stmails.ses.notification.InvalidSesEventException;
import io.stmails.sns.InvalidSnsMessageException;
import io.stmails.sns.SnsMessage;
import io.stmails.sns.SnsTestKeys;
import io.stmails.sns.SnsVerificationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The three ways SES feedback arrives, each with real SES events mutated inside a validly signed
 * envelope: SNS→Lambda, SNS over HTTPS ({@code webhook-ses}) and EventBridge. The event-driven
 * functions have no status code: returning is their 2xx, a typed refusal (an invalid event or field,
 * a refused signature) their 4xx, which ends in the failure destination; any other exception is a failure.
 */
class SesFuzzIT extends FuzzProperties {
    private static final int TRIES = 30;
    private static final String SNS_LAMBDA = "ses-notifications (SNS→Lambda)";
    private static final String EVENTBRIDGE = "ses-events (EventBridge)";
    private static final String HTTPS = "POST /webhooks/service/ses";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PrivateKey KEY = SnsTestKeys.testKey();

    @Override
    protected FuzzWorld createWorld() {
        ObjectNode settings = JSON.createObjectNode();
        settings.putObject("ses").put("enabled", true).put("campaign_tag", "campaign")
                .put("certificate_dir", SnsTestKeys.certificateDir().toString())
                .putArray("topic_arns").add(SnsTestKeys.TOPIC);
        return FuzzWorld.create(settings.toString(), Secrets.empty(), () -> Instant.parse("2026-03-02T12:00:00Z"),
                builder -> builder.subscriptionConfirmer((topic, token) -> { }));
    }

    @Property(tries = TRIES)
    void snsToLambda(@ForAll("snsFixtures") String fixture, @ForAll("mutations") Mutation mutation) {
        SNSEvent event = EventLoader.loadSNSEvent("events/ses/sns/" + fixture + ".json");
        SNSEvent.SNS sns = event.getRecords().get(0).getSNS();
        sns.setMessage(mutated(sns.getMessage(), mutation));
        SnsMessage message = SesNotificationsHandler.toMessage(sns);
        sns.setSignature(SnsTestKeys.signature(message.stringToSign(), message.signatureVersion(), KEY));
        invoke(SNS_LAMBDA, () -> new SesNotificationsHandler(world.services).handleRequest(event, null));
    }

    @Property(tries = TRIES)
    void snsOverHttps(@ForAll("httpsFixtures") String fixture, @ForAll("mutations") Mutation mutation) throws IOException {
        APIGatewayV2HTTPEvent template = EventLoader.loadApiGatewayHttpEvent("events/ses/https/" + fixture + ".json");
        JsonNode envelope = JSON.readTree(template.getBody());
        byte[] envelopeBytes;
        if (envelope.isObject() && envelope.hasNonNull("Message") && envelope.has("Signature")) {
            ObjectNode signed = (ObjectNode) envelope;
            signed.put("Message", mutated(signed.get("Message").asText(), mutation));
            signIfComplete(signed);
            envelopeBytes = JSON.writeValueAsBytes(signed);
        } else {
            // Sent as the mutation wrote it: it may nest deeper than a parser (this test's too) accepts.
            envelopeBytes = mutation.treeOnly().apply(envelope);
        }
        byte[] body = Mutation.apply(mutation.byteEdit(), envelopeBytes);
        if (Answers.isSuccess(Answers.http(HTTPS, new WebhookSesHandler(world.services),
                Requests.withBody(template, body, Map.of())))) {
            world.aftermath.check();
        }
    }

    @Property(tries = TRIES)
    void eventBridge(@ForAll("eventBridgeFixtures") String fixture, @ForAll("mutations") Mutation mutation) throws IOException {
        ObjectNode event = (ObjectNode) JSON.readTree(resource("events/ses/eventbridge/" + fixture + ".json"));
        String detail = new String(mutation.treeOnly()
                .apply(event.get("detail")), StandardCharsets.UTF_8);
        String text = event.toString().replace(event.get("detail").toString(), detail);
        ScheduledEvent delivered;
        try {
            // What the Lambda Java runtime does with the event before the handler sees it.
            PojoSerializer<ScheduledEvent> runtime = LambdaEventSerializers.serializerFor(ScheduledEvent.class,
                    getClass().getClassLoader());
            delivered = runtime.fromJson(text);
        } catch (RuntimeException undeliverable) {
            Figures.answer(EVENTBRIDGE + " (the runtime cannot deserialise it)", 400);
            return;
        }
        invoke(EVENTBRIDGE, () -> new SesEventsHandler(world.services).handleRequest(delivered, null));
    }

    /**
     * Re-signs the mutated envelope; a mutation that emptied the Message leaves nothing SNS would sign,
     * so the old signature stays and the handler must refuse the envelope as invalid.
     */
    private static void signIfComplete(ObjectNode envelope) {
        SnsMessage message;
        try {
            message = SnsMessage.fromJson(envelope);
        } catch (InvalidSnsMessageException incomplete) {
            return;
        }
        envelope.put("Signature", SnsTestKeys.signature(message.stringToSign(), message.signatureVersion(), KEY));
    }

    /** Returning is acknowledging; a typed refusal is the event-driven 4xx; anything else fails the property. */
    private void invoke(String entry, Runnable invocation) {
        Bounded.Outcome<Object> outcome = Bounded.run(entry, () -> {
            invocation.run();
            return null;
        });
        Throwable thrown = outcome.thrown();
        if (thrown == null) {
            Figures.answer(entry, 200);
            world.aftermath.check();
        } else if (thrown instanceof InvalidSesEventException || thrown instanceof InvalidFieldException
                || thrown instanceof SnsVerificationException || thrown instanceof InvalidSnsMessageException) {
            Figures.answer(entry, 400);
        } else {
            Figures.answer(entry, 500);
            Figures.escaped(entry);
            throw new AssertionError(entry + ": " + thrown, thrown);
        }
    }

    /** The SES event inside an SNS message, mutated; as text, as SNS carries it. */
    private static String mutated(String message, Mutation mutation) {
        JsonNode event;
        try {
            event = JSON.readTree(message);
        } catch (IOException notJson) {
            // SES's plain-text setup message.
            event = JSON.getNodeFactory().textNode(message);
        }
        return new String(mutation.apply(event), StandardCharsets.UTF_8);
    }

    private static String resource(String name) {
        try (InputStream in = SesFuzzIT.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return Mutation.any();
    }

    @Provide
    Arbitrary<String> snsFixtures() {
        return Arbitraries.of("complaint", "configuration-set-bounce", "delivery", "permanent-bounce", "setup-message",
                "several-recipients", "suppressed-bounce", "transient-bounce");
    }

    @Provide
    Arbitrary<String> httpsFixtures() {
        return Arbitraries.of("complaint", "configuration-set-bounce", "delivery", "permanent-bounce", "raw-delivery",
                "setup-message", "several-recipients", "subscription-confirmation", "suppressed-bounce", "transient-bounce",
                "unsubscribe-confirmation");
    }

    @Provide
    Arbitrary<String> eventBridgeFixtures() {
        return Arbitraries.of("configuration-set-bounce", "configuration-set-complaint", "delivery");
    }
}
