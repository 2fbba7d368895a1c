package io.stmails.handler;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.sns.Certificates;
import io.stmails.sns.SnsMessage;
import io.stmails.sns.SnsMessageVerifier;
import io.stmails.sns.SnsTestKeys;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The committed fixtures are signed with the test key and both forms of a case carry the same SNS
 * message. After editing a fixture, re-sign with {@code io.stmails.sns.SesFixtureSigner}.
 */
class SesFixturesTest {
    private final ObjectMapper json = new ObjectMapper();
    private final SnsMessageVerifier verifier =
            new SnsMessageVerifier(Set.of(SnsTestKeys.TOPIC), Certificates.standard(SnsTestKeys.certificateDir()));

    @ParameterizedTest
    @ValueSource(strings = {"permanent-bounce", "transient-bounce", "suppressed-bounce", "several-recipients",
            "complaint", "delivery", "setup-message", "configuration-set-bounce"})
    void bothFormsAreTheSameSignedMessage(String name) throws Exception {
        SNSEvent lambda = SesWorld.sns(name);
        SnsMessage viaLambda = SesNotificationsHandler.toMessage(lambda.getRecords().get(0).getSNS());
        SnsMessage viaHttps = SnsMessage.fromJson(json.readTree(SesWorld.https(name).getBody()));
        assertDoesNotThrow(() -> verifier.verify(viaLambda), name + " (SNS→Lambda)");
        assertDoesNotThrow(() -> verifier.verify(viaHttps), name + " (HTTPS)");
        assertEquals(viaHttps.message(), viaLambda.message());
        assertEquals(viaHttps.timestamp(), viaLambda.timestamp());
        assertEquals(viaHttps.signature(), viaLambda.signature());
    }

    @ParameterizedTest
    @ValueSource(strings = {"subscription-confirmation", "unsubscribe-confirmation"})
    void confirmationsAreSigned(String name) throws Exception {
        SnsMessage message = SnsMessage.fromJson(json.readTree(SesWorld.https(name).getBody()));
        assertDoesNotThrow(() -> verifier.verify(message), name);
    }

    @Test
    void theConfigurationSetBounceIsTheSameEventOnEveryPath() throws Exception {
        SnsMessage viaSns = SesNotificationsHandler.toMessage(SesWorld.sns("configuration-set-bounce")
                .getRecords().get(0).getSNS());
        assertEquals(json.readTree(viaSns.message()),
                json.valueToTree(SesWorld.eventBridge("configuration-set-bounce").getDetail()));
    }
}
