package io.stmails.priming;

import java.math.BigInteger;
import java.security.spec.RSAPublicKeySpec;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The built-in, made-up inputs priming runs the code on. None of them names a real subscriber or message. */
final class BuiltIn {
    static final String HTTP_EVENT = """
            {"version": "2.0", "routeKey": "POST /webhooks/bounce", "rawPath": "/webhooks/bounce", "rawQueryString": "",
             "headers": {"content-type": "application/json", "user-agent": "stmails-priming"},
             "requestContext": {"http": {"method": "POST", "path": "/webhooks/bounce", "protocol": "HTTP/1.1",
                                         "sourceIp": "192.0.2.1", "userAgent": "stmails-priming"},
                                "requestId": "priming", "routeKey": "POST /webhooks/bounce", "stage": "$default",
                                "timeEpoch": 1772445601000},
             "body": "{\\"email\\": \\"priming@example.invalid\\", \\"type\\": \\"hard\\", \\"source\\": \\"priming\\", \\"meta\\": \\"{}\\"}",
             "isBase64Encoded": false}
            """;

    static final String SNS_ENVELOPE = """
            {"Type": "Notification", "MessageId": "00000000-0000-0000-0000-000000000000",
             "TopicArn": "arn:aws:sns:us-east-1:000000000000:stmails-priming",
             "Message": "{\\"notificationType\\":\\"Bounce\\",\\"bounce\\":{\\"bounceType\\":\\"Permanent\\",\\"bouncedRecipients\\":[{\\"emailAddress\\":\\"priming@example.invalid\\"}]},\\"mail\\":{\\"messageId\\":\\"priming\\"}}",
             "Timestamp": "2026-01-01T00:00:00.000Z", "SignatureVersion": "2", "Signature": "AA==",
             "SigningCertURL": "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-priming.pem",
             "UnsubscribeURL": "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe"}
            """;

    static final String DSN = """
            From: Mail Delivery System <MAILER-DAEMON@mx.example.invalid>\r
            To: bounces@example.invalid\r
            Subject: Undelivered Mail Returned to Sender\r
            Message-ID: <priming@mx.example.invalid>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/report; report-type=delivery-status; boundary="P"\r
            \r
            --P\r
            Content-Type: text/plain\r
            \r
            <priming@example.invalid>: host mx.example.invalid said: 550 5.1.1 User unknown\r
            \r
            --P\r
            Content-Type: message/delivery-status\r
            \r
            Reporting-MTA: dns; mx.example.invalid\r
            \r
            Final-Recipient: rfc822; priming@example.invalid\r
            Action: failed\r
            Status: 5.1.1\r
            Diagnostic-Code: smtp; 550 5.1.1 User unknown\r
            \r
            --P--\r
            """;

    private BuiltIn() {
    }

    /** A well-formed RSA public key of 2048 bits that signs nothing anyone holds. */
    static RSAPublicKeySpec rsaPublicKey() {
        return new RSAPublicKeySpec(BigInteger.ONE.shiftLeft(2047).add(BigInteger.valueOf(1_000_003)), BigInteger.valueOf(65_537));
    }

    /** A bounce item as the stream carries it. */
    static Map<String, AttributeValue> bounceItem() {
        return Map.of("kind", AttributeValue.fromS("bounce"), "id", AttributeValue.fromS("priming"),
                "subscriber_uuid", AttributeValue.fromS(Priming.ABSENT_SUBSCRIBER),
                "email", AttributeValue.fromS("priming@example.invalid"), "type", AttributeValue.fromS("hard"),
                "source", AttributeValue.fromS("priming"), "meta", AttributeValue.fromS("{}"),
                "created_at", AttributeValue.fromS("2026-01-01T00:00:00.000Z"), "dedupe_key", AttributeValue.fromS("priming"));
    }
}
