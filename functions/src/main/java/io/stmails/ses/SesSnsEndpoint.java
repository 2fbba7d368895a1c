package io.stmails.ses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.SesSettings;
import io.stmails.domain.InvalidFieldException;
import io.stmails.http.BadRequestException;
import io.stmails.http.HttpRequest;
import io.stmails.http.HttpResponse;
import io.stmails.http.Responses;
import io.stmails.http.StrictJson;
import io.stmails.metrics.BounceMetrics.Rejection;
import io.stmails.ses.notification.InvalidSesEventException;
import io.stmails.sns.CertificateUnavailableException;
import io.stmails.sns.InvalidSnsMessageException;
import io.stmails.sns.SnsMessage;
import io.stmails.sns.SnsVerificationException;
import io.stmails.sns.SubscriptionConfirmer;
import io.stmails.store.StorageException;
import io.stmails.webhook.WebhookGate;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/service/ses}: an SNS HTTPS subscription, listmonk-compatible. Every message
 * is verified (topic allow-list, certificate URL, signature) before anything else happens. A
 * subscription is confirmed through the SNS API, an unsubscribe confirmation is only logged.
 * Refusals are 4xx and record nothing; a storage failure is a 5xx, so SNS delivers again.
 */
public final class SesSnsEndpoint {
    private static final Logger LOG = LoggerFactory.getLogger(SesSnsEndpoint.class);
    static final int MAX_BODY_BYTES = 512 * 1024;
    static final String RAW_DELIVERY = "This SNS subscription uses raw message delivery, which drops the SNS envelope "
            + "and its signature: turn raw message delivery off for the subscription.";

    private final SesSettings ses;
    private final WebhookGate gate;
    private final SesFeedback feedback;
    private final SubscriptionConfirmer confirmer;
    private final Responses responses;
    private final StrictJson strictJson;

    public SesSnsEndpoint(SesSettings ses, WebhookGate gate, SesFeedback feedback, SubscriptionConfirmer confirmer,
            Responses responses, ObjectMapper json) {
        this.ses = ses;
        this.gate = gate;
        this.feedback = feedback;
        this.confirmer = confirmer;
        this.responses = responses;
        this.strictJson = new StrictJson(json);
    }

    public HttpResponse handle(HttpRequest request) {
        if (!"POST".equals(request.method())) {
            return responses.error(405, "Only POST: this endpoint receives the Amazon SNS messages of an HTTPS "
                    + "subscription for SES bounces and complaints.", Map.of("allow", "POST"));
        }
        Optional<HttpResponse> off = gate.provider(ses.enabled());
        if (off.isPresent()) {
            return off.get();
        }
        if (request.body().length > MAX_BODY_BYTES) {
            return refuse(413, "Request body is larger than " + MAX_BODY_BYTES / 1024 + " KB.");
        }
        if (request.header("x-amz-sns-rawdelivery").filter("true"::equalsIgnoreCase).isPresent()) {
            return refuse(400, RAW_DELIVERY);
        }
        JsonNode body;
        try {
            body = strictJson.read(request);
        } catch (BadRequestException e) {
            return refuse(400, "Invalid data: " + e.getMessage() + ".");
        }
        if (body != null && body.isObject() && !body.has("Type")
                && (body.has("notificationType") || body.has("eventType"))) {
            return refuse(400, RAW_DELIVERY);
        }
        SnsMessage message;
        try {
            message = SnsMessage.fromJson(body);
        } catch (InvalidSnsMessageException e) {
            return refuse(400, "Invalid data: " + e.getMessage() + ".");
        }
        Optional<String> mismatch = headerMismatch(request, message);
        if (mismatch.isPresent()) {
            return refuse(400, "Invalid data: " + mismatch.get() + ".");
        }
        if (ses.topicArns().isEmpty()) {
            return reject(Rejection.AUTH, "SNS message refused: no topic is allowed yet; add " + message.topicArn()
                    + " to the setting ses.topic_arns if it is yours.");
        }
        try {
            feedback.verifier().verify(message);
        } catch (SnsVerificationException e) {
            return reject(Rejection.BAD_SIGNATURE, "SNS message refused: " + e.getMessage() + ".");
        } catch (CertificateUnavailableException e) {
            LOG.error("SNS message {}: cannot check its signature now, SNS will retry: {}", message.messageId(), e.getMessage());
            return responses.error(503, "The SNS signing certificate cannot be fetched right now; please retry.");
        }
        return switch (message.type()) {
            case SnsMessage.SUBSCRIPTION_CONFIRMATION -> confirm(message);
            case SnsMessage.UNSUBSCRIBE_CONFIRMATION -> {
                LOG.info("SNS unsubscribe confirmation for {} acknowledged; not subscribing again", message.topicArn());
                yield responses.data(true);
            }
            default -> notification(message);
        };
    }

    private HttpResponse confirm(SnsMessage message) {
        try {
            confirmer.confirm(message.topicArn(), message.token());
        } catch (RuntimeException e) {
            LOG.error("confirming the SNS subscription to {} failed", message.topicArn(), e);
            return responses.error(502, "Could not confirm the SNS subscription: " + e.getMessage());
        }
        LOG.info("confirmed the SNS subscription to {} through the SNS API", message.topicArn());
        return responses.data(true);
    }

    private HttpResponse notification(SnsMessage message) {
        try {
            feedback.fromSnsNotification(message);
            return responses.data(true);
        } catch (InvalidSesEventException | InvalidFieldException | BadRequestException e) {
            return refuse(400, "Invalid data: " + e.getMessage() + ".");
        } catch (StorageException e) {
            LOG.error("recording SES feedback from SNS message {} failed; SNS will retry", message.messageId(), e);
            return responses.error(500, "Error recording bounce; please retry.");
        }
    }

    /** SNS repeats the type, id and topic in headers; a body that disagrees with them was not sent by SNS as is. */
    private static Optional<String> headerMismatch(HttpRequest request, SnsMessage message) {
        Optional<String> type = request.header("x-amz-sns-message-type");
        if (type.isEmpty()) {
            return Optional.of("the x-amz-sns-message-type header is missing");
        }
        if (!type.get().equals(message.type())) {
            return Optional.of("x-amz-sns-message-type " + type.get() + " differs from the body's Type " + message.type());
        }
        if (request.header("x-amz-sns-message-id").filter(id -> !id.equals(message.messageId())).isPresent()) {
            return Optional.of("x-amz-sns-message-id differs from the body's MessageId");
        }
        if (request.header("x-amz-sns-topic-arn").filter(arn -> !arn.equals(message.topicArn())).isPresent()) {
            return Optional.of("x-amz-sns-topic-arn differs from the body's TopicArn");
        }
        return Optional.empty();
    }

    /** 403 for a message that is not proven to come from an allowed topic; counted by the gate. */
    private HttpResponse reject(Rejection rejection, String reason) {
        gate.rejected(SesEventMapper.SOURCE, rejection, reason);
        return responses.error(403, reason);
    }

    private HttpResponse refuse(int status, String reason) {
        LOG.warn("refused an SNS request to the SES endpoint ({}): {}", status, reason);
        return responses.error(status, reason);
    }
}
