package io.stmails.handler;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.stmails.sns.SnsMessage;
import java.util.List;

/**
 * The event Lambda gets from an SNS subscription, bound to what {@code ses-notifications} reads. A
 * value the runtime's own binding would have taken as text (a number, a boolean) is taken as text;
 * an object or array where text belongs does not bind.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record SnsLambdaEvent(@JsonProperty("Records") List<Entry> records) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Entry(@JsonProperty("Sns") Sns sns) {
    }

    /** The message as SNS sent it: every value kept as text, the timestamp too, since SNS signs the text. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Sns(
            @JsonProperty("Type") String type,
            @JsonProperty("MessageId") String messageId,
            @JsonProperty("TopicArn") String topicArn,
            @JsonProperty("Subject") String subject,
            @JsonProperty("Message") String message,
            @JsonProperty("Timestamp") String timestamp,
            @JsonProperty("SignatureVersion") String signatureVersion,
            @JsonProperty("Signature") String signature,
            @JsonProperty("SigningCertUrl") String signingCertUrl,
            @JsonProperty("UnsubscribeUrl") String unsubscribeUrl) {

        SnsMessage toMessage() {
            return new SnsMessage(type, messageId, topicArn, subject, message, timestamp, signatureVersion, signature,
                    signingCertUrl, null, unsubscribeUrl, null);
        }
    }

    /** @throws UnreadableEventException when it has no records, or a record has no SNS message */
    List<SnsMessage> messages() {
        if (records == null) {
            throw new UnreadableEventException("the event is not an SNS event: it has no Records array", null);
        }
        return records.stream().map(entry -> {
            if (entry == null || entry.sns() == null) {
                throw new UnreadableEventException("the event is not an SNS event: a record has no Sns object", null);
            }
            return entry.sns().toMessage();
        }).toList();
    }
}
