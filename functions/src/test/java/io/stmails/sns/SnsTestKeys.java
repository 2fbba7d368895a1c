package io.stmails.sns;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The committed test-only signing key and its self-signed certificate (see
 * {@code src/test/resources/sns/README.md}), and signing SNS messages with them.
 */
public final class SnsTestKeys {
    public static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:stmails-ses-feedback";
    public static final String CERT_URL = "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-stmailsTestOnly.pem";
    public static final String CERT_FILE = "SimpleNotificationService-stmailsTestOnly.pem";

    private SnsTestKeys() {
    }

    public static PrivateKey testKey() {
        try (InputStream in = SnsTestKeys.class.getResourceAsStream("/sns/TEST-ONLY-signing-key.pem")) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key nobody published a certificate for. */
    public static PrivateKey strangerKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The directory holding the test certificate, on the test classpath. */
    public static Path certificateDir() {
        URL url = SnsTestKeys.class.getResource("/events/ses/certificates/" + CERT_FILE);
        try {
            return Path.of(url.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The message signed with {@code key} according to its own SignatureVersion. */
    public static SnsMessage sign(SnsMessage message, PrivateKey key) {
        return with(message).signature(signature(message.stringToSign(), message.signatureVersion(), key)).build();
    }

    public static SnsMessage sign(SnsMessage message) {
        return sign(message, testKey());
    }

    public static String signature(byte[] data, String version, PrivateKey key) {
        try {
            Signature signer = Signature.getInstance("1".equals(version) ? "SHA1withRSA" : "SHA256withRSA");
            signer.initSign(key);
            signer.update(data);
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A notification from the test topic, signed with the test key. */
    public static SnsMessage notification(String text, String version) {
        return sign(new SnsMessage(SnsMessage.NOTIFICATION, "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324", TOPIC, null, text,
                "2026-03-02T10:15:31.877Z", version, null, CERT_URL, null,
                "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&SubscriptionArn=" + TOPIC + ":1", null));
    }

    public static Builder with(SnsMessage m) {
        return new Builder(m);
    }

    /** Changes fields of a message; records have no withers. */
    public static final class Builder {
        private String type;
        private String messageId;
        private String topicArn;
        private String subject;
        private String message;
        private String timestamp;
        private String signatureVersion;
        private String signature;
        private String signingCertUrl;
        private String subscribeUrl;
        private String unsubscribeUrl;
        private String token;

        Builder(SnsMessage m) {
            type = m.type();
            messageId = m.messageId();
            topicArn = m.topicArn();
            subject = m.subject();
            message = m.message();
            timestamp = m.timestamp();
            signatureVersion = m.signatureVersion();
            signature = m.signature();
            signingCertUrl = m.signingCertUrl();
            subscribeUrl = m.subscribeUrl();
            unsubscribeUrl = m.unsubscribeUrl();
            token = m.token();
        }

        public Builder type(String value) {
            type = value;
            return this;
        }

        public Builder messageId(String value) {
            messageId = value;
            return this;
        }

        public Builder topicArn(String value) {
            topicArn = value;
            return this;
        }

        public Builder subject(String value) {
            subject = value;
            return this;
        }

        public Builder message(String value) {
            message = value;
            return this;
        }

        public Builder timestamp(String value) {
            timestamp = value;
            return this;
        }

        public Builder signatureVersion(String value) {
            signatureVersion = value;
            return this;
        }

        public Builder signature(String value) {
            signature = value;
            return this;
        }

        public Builder signingCertUrl(String value) {
            signingCertUrl = value;
            return this;
        }

        public Builder token(String value) {
            token = value;
            return this;
        }

        public SnsMessage build() {
            return new SnsMessage(type, messageId, topicArn, subject, message, timestamp, signatureVersion, signature,
                    signingCertUrl, subscribeUrl, unsubscribeUrl, token);
        }
    }
}
