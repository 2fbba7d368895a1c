package io.stmails.sns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SnsMessageTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void notificationStringToSignWithoutSubject() {
        SnsMessage message = new SnsMessage("Notification", "id-1", "arn:aws:sns:us-east-1:123456789012:t", null,
                "{\"a\":1}\n", "2026-03-02T10:15:31.877Z", "1", "sig", "cert", null, "unsub", null);
        assertEquals("Message\n{\"a\":1}\n\nMessageId\nid-1\nTimestamp\n2026-03-02T10:15:31.877Z\n"
                + "TopicArn\narn:aws:sns:us-east-1:123456789012:t\nType\nNotification\n", signed(message));
    }

    @Test
    void notificationStringToSignWithSubject() {
        SnsMessage message = new SnsMessage("Notification", "id-1", "arn:aws:sns:us-east-1:123456789012:t",
                "Amazon SES Email Event Notification", "m", "2026-03-02T10:15:31.877Z", "2", "sig", "cert", null,
                "unsub", null);
        assertEquals("Message\nm\nMessageId\nid-1\nSubject\nAmazon SES Email Event Notification\n"
                + "Timestamp\n2026-03-02T10:15:31.877Z\nTopicArn\narn:aws:sns:us-east-1:123456789012:t\nType\nNotification\n",
                signed(message));
    }

    @Test
    void subscriptionAndUnsubscribeConfirmationsSignTheSameFields() {
        for (String type : new String[] {"SubscriptionConfirmation", "UnsubscribeConfirmation"}) {
            SnsMessage message = new SnsMessage(type, "id-2", "arn:aws:sns:us-east-1:123456789012:t", null,
                    "You have chosen...", "2026-03-01T08:59:58.001Z", "1", "sig", "cert", "https://sns/confirm",
                    null, "tok");
            assertEquals("Message\nYou have chosen...\nMessageId\nid-2\nSubscribeURL\nhttps://sns/confirm\n"
                    + "Timestamp\n2026-03-01T08:59:58.001Z\nToken\ntok\nTopicArn\narn:aws:sns:us-east-1:123456789012:t\n"
                    + "Type\n" + type + "\n", signed(message));
        }
    }

    @Test
    void nonAsciiIsSignedAsUtf8() {
        SnsMessage message = new SnsMessage("Notification", "i", "t", null, "accès", "ts", "1", "s", "c", null, null, null);
        String expected = "Message\naccès\nMessageId\ni\nTimestamp\nts\nTopicArn\nt\nType\nNotification\n";
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), message.stringToSign());
        assertEquals(expected.length() + 1, message.stringToSign().length, "è is two bytes in UTF-8");
    }

    @Test
    void unknownTypeCannotBeSigned() {
        SnsMessage message = new SnsMessage("UnsubscriptionConfirmation", "i", "t", null, "m", "ts", "1", "s", "c",
                null, null, null);
        assertThrows(SnsVerificationException.class, message::stringToSign);
    }

    @Test
    void readsTheHttpsEnvelope() throws Exception {
        ObjectNode body = envelope();
        SnsMessage message = SnsMessage.fromJson(body);
        assertEquals("Notification", message.type());
        assertEquals("https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem", message.signingCertUrl());
        assertNull(message.subject());
        body.putNull("Subject");
        assertNull(SnsMessage.fromJson(body).subject());
    }

    @Test
    void namesTheMissingOrMistypedField() {
        ObjectNode body = envelope();
        body.remove("Signature");
        assertTrue(assertThrows(InvalidSnsMessageException.class, () -> SnsMessage.fromJson(body)).getMessage()
                .contains("Signature"));
        ObjectNode numeric = envelope();
        numeric.put("Timestamp", 12);
        assertTrue(assertThrows(InvalidSnsMessageException.class, () -> SnsMessage.fromJson(numeric)).getMessage()
                .contains("Timestamp must be a string"));
        ObjectNode subscription = envelope();
        subscription.put("Type", "SubscriptionConfirmation");
        assertTrue(assertThrows(InvalidSnsMessageException.class, () -> SnsMessage.fromJson(subscription)).getMessage()
                .contains("SubscribeURL"));
        assertThrows(InvalidSnsMessageException.class, () -> SnsMessage.fromJson(json.createArrayNode()));
    }

    private ObjectNode envelope() {
        ObjectNode body = json.createObjectNode();
        body.put("Type", "Notification").put("MessageId", "id").put("TopicArn", "arn:aws:sns:us-east-1:123456789012:t")
                .put("Message", "m").put("Timestamp", "2026-03-02T10:15:31.877Z").put("SignatureVersion", "1")
                .put("Signature", "c2ln").put("SigningCertURL",
                        "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem")
                .put("UnsubscribeURL", "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe");
        return body;
    }

    private static String signed(SnsMessage message) {
        return new String(message.stringToSign(), StandardCharsets.UTF_8);
    }
}
