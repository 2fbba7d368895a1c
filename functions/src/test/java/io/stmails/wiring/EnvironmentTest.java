package io.stmails.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stmails.wiring.Environment.Variable;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.regions.Region;

class EnvironmentTest {
    @Test
    void anEmptyEnvironmentMeansEveryDefault() {
        Environment environment = Environment.of(Map.of());
        assertEquals("{}", environment.settingsJson());
        assertEquals("stmails-", environment.tablePrefix());
        assertEquals(Region.US_EAST_1, environment.region());
        assertEquals(Optional.empty(), environment.secretId());
        assertEquals(Optional.empty(), environment.sesTopicArn());
        assertEquals(Optional.empty(), environment.actionsTopicArn());
        assertEquals(Optional.empty(), environment.dynamoEndpoint());
    }

    @Test
    void blankIsUnset() {
        Environment environment = Environment.of(Map.of("STMAILS_SECRET_ID", " ", "STMAILS_TABLE_PREFIX", "",
                "STMAILS_ACTIONS_TOPIC_ARN", ""));
        assertEquals(Optional.empty(), environment.secretId());
        assertEquals("stmails-", environment.tablePrefix());
        assertEquals(Optional.empty(), environment.actionsTopicArn());
    }

    @Test
    void setValuesAreReadAsTheStackWritesThem() {
        Environment environment = Environment.of(Map.of("STMAILS_SETTINGS", "{\"enabled\": false}",
                "STMAILS_TABLE_PREFIX", "prod-stmails-", "AWS_REGION", "eu-west-1",
                "STMAILS_SECRET_ID", "arn:aws:secretsmanager:eu-west-1:123456789012:secret:stmails-AbCdEf",
                "STMAILS_SES_TOPIC_ARN", "arn:aws:sns:eu-west-1:123456789012:ses-feedback",
                "STMAILS_DYNAMODB_ENDPOINT", "http://127.0.0.1:8000"));
        assertEquals("{\"enabled\": false}", environment.settingsJson());
        assertEquals("prod-stmails-", environment.tablePrefix());
        assertEquals(Region.EU_WEST_1, environment.region());
        assertEquals(Optional.of("arn:aws:sns:eu-west-1:123456789012:ses-feedback"), environment.sesTopicArn());
        assertEquals(Optional.of(URI.create("http://127.0.0.1:8000")), environment.dynamoEndpoint());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            STMAILS_DYNAMODB_ENDPOINT | localhost:8000      | must be an absolute http(s) URL
            STMAILS_DYNAMODB_ENDPOINT | http://[::1         | is not a URL
            STMAILS_SES_TOPIC_ARN     | ses-feedback        | is not an ARN
            STMAILS_ACTIONS_TOPIC_ARN | arn:aws:sns         | is not an ARN
            STMAILS_TABLE_PREFIX      | prod stmails        | may hold only
            AWS_REGION                | EU West             | is not a region name
            """)
    void anUnusableValueIsRefusedNamingItsVariable(String variable, String value, String problem) {
        Environment environment = Environment.of(Map.of(variable, value));
        InvalidEnvironmentException e = assertThrows(InvalidEnvironmentException.class, () -> {
            environment.dynamoEndpoint();
            environment.sesTopicArn();
            environment.actionsTopicArn();
            environment.tablePrefix();
            environment.region();
        });
        assertEquals(Variable.valueOf(variable), e.variable());
        assertTrue(e.getMessage().startsWith("environment variable " + variable + " "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }
}
