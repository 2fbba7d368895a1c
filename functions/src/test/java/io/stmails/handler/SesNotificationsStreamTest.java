package io.stmails.handler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.sns.SnsMessage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code ses-notifications} reads its SNS event itself; each message must be the one the runtime's binding gave. */
class SesNotificationsStreamTest {
    private final ObjectMapper json = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {"permanent-bounce", "transient-bounce", "suppressed-bounce", "several-recipients",
            "complaint", "delivery", "setup-message", "configuration-set-bounce"})
    void everySnsFixtureReadsAsTheLambdaRuntimeBindsIt(String name) throws IOException {
        byte[] event;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("events/ses/sns/" + name + ".json")) {
            event = in.readAllBytes();
        }
        SNSEvent runtime = LambdaEventSerializers.serializerFor(SNSEvent.class, getClass().getClassLoader())
                .fromJson(new ByteArrayInputStream(event));
        List<SnsMessage> expected = runtime.getRecords().stream()
                .map(record -> SesNotificationsHandler.toMessage(record.getSNS())).toList();
        assertEquals(expected, SesNotificationsHandler.messages(json, new ByteArrayInputStream(event)), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "null", "{}", "[]", "{\"Records\": null}", "{\"Records\": [null]}", "{\"Records\": {}}", "{\"Records\": [{}]}", "{\"Records\": [{\"Sns\": []}]}",
            "{\"Records\": [{\"Sns\": {\"Message\": {\"a\": 1}}}]}"})
    void aPayloadThatIsNotAnSnsEventIsRefusedBeforeAnythingIsHandled(String payload) throws IOException {
        assertThrows(UnreadableEventException.class, () -> SesNotificationsHandler.messages(json,
                new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8))));
    }
}
