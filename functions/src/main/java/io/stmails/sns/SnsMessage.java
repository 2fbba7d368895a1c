package io.stmails.sns;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * One Amazon SNS message, whichever way it arrived (the HTTPS body, or the {@code Sns} object of an
 * SNS→Lambda record). Values are kept exactly as SNS sent them: the signature covers them.
 *
 * @param subject null when SNS sent none (JSON null in Lambda records, absent over HTTPS)
 */
public record SnsMessage(
        String type,
        String messageId,
        String topicArn,
        String subject,
        String message,
        String timestamp,
        String signatureVersion,
        String signature,
        String signingCertUrl,
        String subscribeUrl,
        String unsubscribeUrl,
        String token) {

    public static final String NOTIFICATION = "Notification";
    public static final String SUBSCRIPTION_CONFIRMATION = "SubscriptionConfirmation";
    public static final String UNSUBSCRIBE_CONFIRMATION = "UnsubscribeConfirmation";

    private static final Set<String> STRING_FIELDS = Set.of("Type", "MessageId", "TopicArn", "Subject", "Message",
            "Timestamp", "SignatureVersion", "Signature", "SigningCertURL", "SubscribeURL", "UnsubscribeURL", "Token");

    /**
     * Reads the JSON envelope SNS posts to HTTPS subscribers.
     *
     * @throws InvalidSnsMessageException when a field has the wrong type or a required one is missing
     */
    public static SnsMessage fromJson(JsonNode envelope) {
        if (envelope == null || !envelope.isObject()) {
            throw new InvalidSnsMessageException("the body is not a JSON object");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = envelope.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (STRING_FIELDS.contains(field.getKey()) && !field.getValue().isTextual() && !field.getValue().isNull()) {
                throw new InvalidSnsMessageException(field.getKey() + " must be a string");
            }
        }
        SnsMessage message = new SnsMessage(text(envelope, "Type"), text(envelope, "MessageId"),
                text(envelope, "TopicArn"), text(envelope, "Subject"), text(envelope, "Message"),
                text(envelope, "Timestamp"), text(envelope, "SignatureVersion"), text(envelope, "Signature"),
                text(envelope, "SigningCertURL"), text(envelope, "SubscribeURL"), text(envelope, "UnsubscribeURL"),
                text(envelope, "Token"));
        message.requireFields();
        return message;
    }

    /** @throws InvalidSnsMessageException naming the first required field that is missing */
    public void requireFields() {
        require("Type", type);
        require("MessageId", messageId);
        require("TopicArn", topicArn);
        require("Message", message);
        require("Timestamp", timestamp);
        require("SignatureVersion", signatureVersion);
        require("Signature", signature);
        require("SigningCertURL", signingCertUrl);
        if (isSubscriptionMessage()) {
            require("SubscribeURL", subscribeUrl);
            require("Token", token);
        }
    }

    public boolean isSubscriptionMessage() {
        return SUBSCRIPTION_CONFIRMATION.equals(type) || UNSUBSCRIBE_CONFIRMATION.equals(type);
    }

    /**
     * The bytes SNS signed: {@code Name\nValue\n} for each field of the message's type, in SNS's
     * order, skipping absent ones. Unsubscribe confirmations use the subscription field list too.
     *
     * @throws SnsVerificationException for a message type SNS does not define
     */
    public byte[] stringToSign() {
        StringBuilder out = new StringBuilder();
        if (NOTIFICATION.equals(type)) {
            append(out, "Message", message);
            append(out, "MessageId", messageId);
            append(out, "Subject", subject);
            append(out, "Timestamp", timestamp);
            append(out, "TopicArn", topicArn);
            append(out, "Type", type);
        } else if (isSubscriptionMessage()) {
            append(out, "Message", message);
            append(out, "MessageId", messageId);
            append(out, "SubscribeURL", subscribeUrl);
            append(out, "Timestamp", timestamp);
            append(out, "Token", token);
            append(out, "TopicArn", topicArn);
            append(out, "Type", type);
        } else {
            throw new SnsVerificationException("unknown SNS message type '" + type + "'");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void append(StringBuilder out, String name, String value) {
        if (value != null) {
            out.append(name).append('\n').append(value).append('\n');
        }
    }

    private static String text(JsonNode envelope, String field) {
        JsonNode node = envelope.get(field);
        return node == null || node.isNull() ? null : node.asText();
    }

    private static void require(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidSnsMessageException("the SNS message has no " + field);
        }
    }
}
