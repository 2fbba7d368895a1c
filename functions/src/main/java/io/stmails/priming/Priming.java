package io.stmails.priming;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.http.HttpRequest;
import io.stmails.mailbox.parser.BounceParser;
import io.stmails.sns.SnsMessage;
import io.stmails.store.dynamodb.BounceItems;
import io.stmails.wiring.Components;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart priming: before Lambda takes the snapshot, runs the code a function's first request
 * will run (JSON binding of a built-in event, the DynamoDB client's first request, the signature
 * classes, the bounce parser), so that the restored function does not pay for class loading, JIT
 * warm-up and the SDK's first-request set-up. Nothing is written: the only request is a GetItem of
 * a subscriber key that cannot exist. Every step tolerates failure (no credentials at snapshot time,
 * an unreachable endpoint) and the hook never throws: a failed priming only means a slower first request.
 *
 * <p>Hold on to the instance: CRaC keeps registered resources weakly.
 */
public final class Priming implements Resource {
    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);
    /** A well-formed UUID no subscriber is given: {@link java.util.UUID#randomUUID()} never produces version 0. */
    static final String ABSENT_SUBSCRIBER = "00000000-0000-0000-0000-000000000000";

    private final String function;
    private final List<Step> steps;

    private record Step(String name, ThrowingRunnable work) {
    }

    /** An HTTP function's reading of an API Gateway event, from its JSON to the request it handles. */
    @FunctionalInterface
    public interface EventReader {
        HttpRequest read(String event) throws IOException;
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    private Priming(String function, List<Step> steps) {
        this.function = function;
        this.steps = steps;
    }

    /**
     * The HTTP webhooks (native, providers, SES over HTTPS) and the API: HTTP event binding, DynamoDB, HMAC and SNS signatures.
     *
     * @param decode the handler's own reading of an API Gateway event's JSON
     */
    public static Priming http(String function, Components parts, EventReader decode) {
        return new Builder(function, parts).httpEvent(decode).dynamoRead().hmac().snsSignature().build();
    }

    /** SES feedback through the SNS subscription or EventBridge: JSON, DynamoDB, SNS signatures. */
    public static Priming ses(String function, Components parts) {
        return new Builder(function, parts).snsSignature().dynamoRead().build();
    }

    /** The stream consumer: stream item decoding, DynamoDB reads of a subscriber and of the counters. */
    public static Priming bounceActions(Components parts) {
        return new Builder("bounce-actions", parts).streamItem().dynamoRead().statsRead().build();
    }

    /** The POP3 scanner: the parser on a built-in bounce, DynamoDB. */
    public static Priming pop3Scanner(Components parts) {
        return new Builder("pop3-scanner", parts).parser().dynamoRead().build();
    }

    /** Registers the hook with the global CRaC context (a no-op outside a CRaC/SnapStart runtime) and returns it. */
    public Priming register() {
        Core.getGlobalContext().register(this);
        return this;
    }

    /** Runs every step; never throws. Returns the names of the steps that failed. */
    public List<String> prime() {
        List<String> failed = new ArrayList<>();
        long start = System.nanoTime();
        for (Step step : steps) {
            try {
                step.work().run();
            } catch (Exception | LinkageError e) {
                failed.add(step.name());
                LOG.warn("{}: priming step {} failed (the first request will be slower): {}", function, step.name(),
                        e.toString());
            }
        }
        LOG.info("{}: primed in {} ms{}", function, (System.nanoTime() - start) / 1_000_000,
                failed.isEmpty() ? "" : " (failed: " + String.join(", ", failed) + ")");
        return failed;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // Nothing to renew: clients hold no connection across the snapshot that they do not re-open themselves.
    }

    private static final class Builder {
        private final String function;
        private final Components parts;
        private final List<Step> steps = new ArrayList<>();

        Builder(String function, Components parts) {
            this.function = function;
            this.parts = parts;
        }

        Builder httpEvent(EventReader decode) {
            steps.add(new Step("http-event", () -> {
                ObjectMapper json = parts.json();
                JsonNode body = json.readTree(decode.read(BuiltIn.HTTP_EVENT).bodyText());
                json.writeValueAsString(body);
            }));
            return this;
        }

        Builder dynamoRead() {
            steps.add(new Step("dynamodb-get", () -> parts.subscribers().findByUuid(ABSENT_SUBSCRIBER)));
            return this;
        }

        Builder statsRead() {
            steps.add(new Step("dynamodb-query", () -> parts.stats().read("priming#" + ABSENT_SUBSCRIBER)));
            return this;
        }

        Builder hmac() {
            steps.add(new Step("hmac", () -> {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec("priming".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                mac.doFinal(BuiltIn.HTTP_EVENT.getBytes(StandardCharsets.UTF_8));
            }));
            return this;
        }

        Builder snsSignature() {
            steps.add(new Step("sns-signature", () -> {
                SnsMessage message = SnsMessage.fromJson(parts.json().readTree(BuiltIn.SNS_ENVELOPE));
                parts.json().readTree(message.message());
                Signature verifier = Signature.getInstance("SHA256withRSA");
                verifier.initVerify(KeyFactory.getInstance("RSA").generatePublic(BuiltIn.rsaPublicKey()));
                verifier.update(message.stringToSign());
                verifier.verify(new byte[256]);
            }));
            return this;
        }

        Builder streamItem() {
            steps.add(new Step("stream-item", () -> {
                Map<String, AttributeValue> item = BuiltIn.bounceItem();
                if (BounceItems.isBounce(item)) {
                    BounceItems.fromItem(item);
                }
            }));
            return this;
        }

        Builder parser() {
            steps.add(new Step("parser", () -> new BounceParser().parse(BuiltIn.DSN.getBytes(StandardCharsets.US_ASCII))));
            return this;
        }

        Priming build() {
            return new Priming(function, List.copyOf(steps));
        }
    }
}
