package io.stmails.sns;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
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
    private static final List<String> REQUIRED_FIELDS = List.of("Type", "MessageId", "TopicArn", "Message", "Timestamp",
            "SignatureVersion", "Signature", "SigningCertURL");
    private static final List<String> REQUIRED_SUBSCRIPTION_FIELDS = List.of("SubscribeURL", "Token");
    /** The fields SNS signs, in the order it signs them, for each message type. */
    private static final List<String> SIGNED_NOTIFICATION_FIELDS =
            List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type");
    private static final List<String> SIGNED_SUBSCRIPTION_FIELDS =
            List.of("Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");

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
        REQUIRED_FIELDS.forEach(name -> require(name, field(name)));
        if (isSubscriptionMessage()) {
            REQUIRED_SUBSCRIPTION_FIELDS.forEach(name -> require(name, field(name)));
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
        List<String> signed = NOTIFICATION.equals(type) ? SIGNED_NOTIFICATION_FIELDS
                : isSubscriptionMessage() ? SIGNED_SUBSCRIPTION_FIELDS : null;
        if (signed == null) {
            throw new SnsVerificationException("unknown SNS message type '" + type + "'");
        }
        StringBuilder out = new StringBuilder();
        for (String name : signed) {
            String value = field(name);
            if (value != null) {
                out.append(name).append('\n').append(value).append('\n');
            }
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A field's value by its name in SNS's JSON. */
    private String field(String name) {
        return switch (name) {
            case "Type" -> type;
            case "MessageId" -> messageId;
            case "TopicArn" -> topicArn;
            case "Subject" -> subject;
            case "Message" -> message;
            case "Timestamp" -> timestamp;
            case "SignatureVersion" -> signatureVersion;
            case "Signature" -> signature;
            case "SigningCertURL" -> signingCertUrl;
            case "SubscribeURL" -> subscribeUrl;
            case "UnsubscribeURL" -> unsubscribeUrl;
            case "Token" -> token;
            default -> throw new IllegalArgumentException("SNS messages have no field " + name);
        };
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
