package io.stmails.ses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.InvalidSettingsException;
import io.stmails.config.SesSettings;
import io.stmails.config.Settings;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SesSettingsTest {
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void defaultsAreOffLikeListmonk() {
        SesSettings ses = Settings.parse("{}", json).ses();
        assertFalse(ses.enabled());
        assertEquals(Set.of(), ses.topicArns());
        assertNull(ses.campaignTag());
        assertNull(ses.certificateDir());
        assertTrue(ses.verifyLambdaSignatures());
        assertFalse(ses.suppressionSync(), "decisions stay in stmails unless asked");
    }

    @Test
    void readsEveryField() {
        SesSettings ses = Settings.parse("""
                {"ses": {"enabled": true,
                         "topic_arns": ["arn:aws:sns:eu-west-1:123456789012:ses-feedback",
                                        "arn:aws-cn:sns:cn-north-1:123456789012:ses.feedback"],
                         "campaign_tag": "campaign",
                         "certificate_dir": "/opt/sns-certs",
                         "verify_lambda_signatures": false,
                         "suppression_sync": true}}""", json).ses();
        assertTrue(ses.enabled());
        assertEquals(Set.of("arn:aws:sns:eu-west-1:123456789012:ses-feedback",
                "arn:aws-cn:sns:cn-north-1:123456789012:ses.feedback"), ses.topicArns());
        assertEquals("campaign", ses.campaignTag());
        assertEquals(Path.of("/opt/sns-certs"), ses.certificateDir());
        assertFalse(ses.verifyLambdaSignatures());
        assertTrue(ses.suppressionSync());
        assertTrue(Settings.parse("{\"ses\": {\"suppression_sync\": true}}", json).withSesTopic(
                "arn:aws:sns:eu-west-1:123456789012:stack-topic").ses().suppressionSync(), "kept with the stack's topic");
        assertEquals("campaign", Settings.parse("{\"ses\": {\"campaign_tag\": \"campaign\"}}", json)
                .describe(json).path("ses").path("campaign_tag").asText());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"ses\": []}                                                  | ses must be an object",
            "{\"ses\": {\"enable\": true}}                                  | ses: unknown setting 'enable'",
            "{\"ses\": {\"enabled\": \"yes\"}}                              | ses.enabled must be true or false",
            "{\"ses\": {\"topic_arns\": \"arn:aws:sns:eu-west-1:123456789012:t\"}} | ses.topic_arns must be an array",
            "{\"ses\": {\"topic_arns\": [\"arn:aws:sns:eu-west-1:123456789012:t\", \"arn:aws:sqs:eu-west-1:123456789012:q\"]}} | ses.topic_arns[1]: 'arn:aws:sqs:eu-west-1:123456789012:q' is not an SNS topic ARN",
            "{\"ses\": {\"topic_arns\": [42]}}                              | ses.topic_arns[0] must be a string",
            "{\"ses\": {\"campaign_tag\": \"has space\"}}                    | ses.campaign_tag must be an SES message tag name",
            "{\"ses\": {\"certificate_dir\": \"\"}}                         | ses.certificate_dir must be a directory path",
            "{\"ses\": {\"verify_lambda_signatures\": 1}}                   | ses.verify_lambda_signatures must be true or false",
            "{\"ses\": {\"suppression_sync\": \"on\"}}                    | ses.suppression_sync must be true or false"})
    void errorsNameTheField(String settings, String message) {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> Settings.parse(settings, json));
        assertTrue(e.getMessage().startsWith(message.trim()), e.getMessage());
    }
}
