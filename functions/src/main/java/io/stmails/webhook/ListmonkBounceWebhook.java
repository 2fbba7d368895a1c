package io.stmails.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.address.Emails;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceSettings;
import io.stmails.domain.BounceType;
import io.stmails.domain.InputLimits;
import io.stmails.domain.InvalidFieldException;
import io.stmails.domain.Uuids;
import io.stmails.http.ApiAuthenticator;
import io.stmails.http.HttpRequest;
import io.stmails.http.BadRequestException;
import io.stmails.http.HttpResponse;
import io.stmails.http.Responses;
import io.stmails.http.StrictJson;
import io.stmails.metrics.BounceMetrics;
import io.stmails.metrics.BounceMetrics.Rejection;
import io.stmails.record.BounceRecorder;
import io.stmails.store.StorageException;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/bounce}: listmonk's body, validation order and messages; answered only after
 * the bounce is durably recorded, with a status that tells the truth.
 */
public final class ListmonkBounceWebhook {
    private static final Logger LOG = LoggerFactory.getLogger(ListmonkBounceWebhook.class);
    public static final String PERMISSION = "webhooks:post_bounce";
    public static final int MAX_BODY_BYTES = 256 * 1024;
    /** The prefix of this webhook's dedupe keys, and its channel in logs and metrics. */
    private static final String CHANNEL = "webhook";

    private final BounceSettings settings;
    private final ApiAuthenticator auth;
    private final BounceRecorder recorder;
    private final Responses responses;
    private final WebhookGate gate;
    private final StrictJson strictJson;

    public ListmonkBounceWebhook(BounceSettings settings, ApiAuthenticator auth, BounceRecorder recorder,
            Responses responses, ObjectMapper json, BounceMetrics metrics) {
        this.settings = settings;
        this.auth = auth;
        this.recorder = recorder;
        this.responses = responses;
        this.gate = new WebhookGate(settings, responses, metrics);
        this.strictJson = new StrictJson(json);
    }

    public HttpResponse handle(HttpRequest request) {
        Optional<HttpResponse> off = gate.webhooksOff();
        if (off.isPresent()) {
            return off.get();
        }
        ApiAuthenticator.Result caller = auth.authorize(request, PERMISSION);
        if (!caller.allowed()) {
            gate.rejected(CHANNEL, Rejection.AUTH, caller.refusal().status() + " " + caller.refusal().body());
            return caller.refusal();
        }
        off = gate.processingOff();
        if (off.isPresent()) {
            return off.get();
        }
        if (request.body().length > MAX_BODY_BYTES) {
            return responses.error(413, "Request body is larger than " + MAX_BODY_BYTES / 1024 + " KB.");
        }
        BounceBody parsed;
        try {
            parsed = BounceBody.of(strictJson.read(request));
        } catch (BounceBody.InvalidBody | BadRequestException e) {
            return responses.error(400, "Invalid data:" + e.getMessage());
        }
        Optional<String> problem = validate(parsed);
        if (problem.isPresent()) {
            return responses.error(400, problem.get());
        }
        BounceEvent event;
        try {
            String dedupeKey = request.header("idempotency-key")
                    .filter(key -> !key.isBlank())
                    .map(key -> CHANNEL + ":" + caller.user().username() + ":" + InputLimits.requireId("Idempotency-Key", key.trim()))
                    .orElseGet(() -> CHANNEL + ":" + UUID.randomUUID());
            event = new BounceEvent(
                    Emails.normalise(parsed.email()).orElse(null),
                    lowerCaseOrNull(parsed.subscriberUuid()),
                    lowerCaseOrNull(parsed.campaignUuid()),
                    BounceType.fromWire(parsed.type()).orElseThrow(),
                    parsed.source(),
                    parsed.createdAtInstant(),
                    parsed.metaJson(),
                    dedupeKey);
        } catch (InvalidFieldException e) {
            return responses.error(400, "Invalid data:" + e.getMessage());
        }
        try {
            BounceRecorder.Result result = recorder.record(event);
            if (result.outcome() == BounceRecorder.Outcome.SUBSCRIBER_NOT_FOUND) {
                return responses.error(404, "Subscriber not found.");
            }
            return responses.data(true);
        } catch (StorageException e) {
            LOG.error("recording a webhook bounce failed; the caller should retry", e);
            return responses.error(500, "Error recording bounce; please retry.");
        }
    }

    private Optional<String> validate(BounceBody bounce) {
        boolean hasEmail = !isBlank(bounce.email());
        boolean hasUuid = !isBlank(bounce.subscriberUuid());
        if (!hasEmail && !hasUuid) {
            return Optional.of("Invalid fields: email / subscriber_uuid");
        }
        if (hasUuid && !Uuids.isWellFormed(bounce.subscriberUuid())) {
            return Optional.of("Invalid fields: subscriber_uuid");
        }
        if (hasEmail) {
            Optional<String> email = Emails.normalise(bounce.email());
            if (email.isEmpty()) {
                return Optional.of("Invalid email.");
            }
            if (settings.domainBlocklist().contains(Emails.domainOf(email.get()))) {
                return Optional.of("The e-mail domain is blocklisted.");
            }
        }
        if (BounceType.fromWire(bounce.type()).isEmpty()) {
            return Optional.of("Invalid fields: type");
        }
        if (!isBlank(bounce.campaignUuid()) && !Uuids.isWellFormed(bounce.campaignUuid())) {
            return Optional.of("Invalid fields: campaign_uuid");
        }
        return Optional.empty();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String lowerCaseOrNull(String uuid) {
        return isBlank(uuid) ? null : uuid.trim().toLowerCase(Locale.ROOT);
    }
}
