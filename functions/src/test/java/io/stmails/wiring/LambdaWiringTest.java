package io.stmails.wiring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.InvalidSettingsException;
import io.stmails.config.Settings;
import io.stmails.domain.BounceType;
import io.stmails.sns.SubscriptionConfirmer;
import io.stmails.wiring.Environment.Variable;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each function parses the global settings and its own sections only, and builds no AWS client its path does not use. */
class LambdaWiringTest {
    private static final String SES_TOPIC = "arn:aws:sns:us-east-1:123456789012:stack-ses-feedback";
    /** Valid global settings, an SES section, and a providers section that names no provider stmails knows. */
    private static final String SETTINGS = """
            {"actions": {"soft": {"count": 3}}, "ses": {"enabled": true}, "providers": {"no-such-provider": {}}}""";

    private static Environment environment(String settings) {
        return Environment.of(Map.of("STMAILS_SETTINGS", settings, "STMAILS_SES_TOPIC_ARN", SES_TOPIC,
                "STMAILS_DYNAMODB_ENDPOINT", "http://127.0.0.1:1"));
    }

    @Test
    void aFunctionThatDoesNotReadASectionIsNotStoppedByAMistakeInIt() {
        Components parts = LambdaWiring.components(environment(SETTINGS), FunctionWiring.WEBHOOK_BOUNCE_READS);
        assertEquals(3, parts.settings().bounce().thresholdFor(BounceType.SOFT).count());
        assertFalse(parts.settings().ses().enabled(), "webhook-bounce does not read the ses section");
    }

    @Test
    void aFunctionThatReadsTheSectionRefusesTheMistakeNamingTheVariable() {
        InvalidEnvironmentException e = assertThrows(InvalidEnvironmentException.class,
                () -> LambdaWiring.components(environment(SETTINGS), FunctionWiring.PROVIDER_WEBHOOK_READS));
        assertEquals(Variable.STMAILS_SETTINGS, e.variable());
        assertTrue(e.getMessage().contains("no-such-provider"), e.getMessage());
    }

    @Test
    void theSesFunctionsGetTheirSectionAndTheStacksTopic() {
        Settings settings = LambdaWiring.components(environment(SETTINGS), FunctionWiring.SES_READS).settings();
        assertTrue(settings.ses().enabled());
        assertTrue(settings.ses().topicArns().contains(SES_TOPIC));
    }

    @Test
    void anUnknownSettingIsRefusedWithTheMessageSettingsParsingGives() {
        String document = "{\"enable\": true, \"ses\": {}}";
        String expected = assertThrows(InvalidSettingsException.class,
                () -> Settings.parse(document, new ObjectMapper())).getMessage();
        InvalidEnvironmentException e = assertThrows(InvalidEnvironmentException.class,
                () -> LambdaWiring.components(environment(document), FunctionWiring.WEBHOOK_BOUNCE_READS));
        assertTrue(expected.startsWith("unknown setting 'enable' (known: "), expected);
        assertTrue(e.getMessage().endsWith("holds invalid settings: " + expected), e.getMessage());
    }

    @Test
    void invalidGlobalSettingsStopEveryFunctionNamingTheVariable() {
        for (Set<LambdaWiring.Section> reads : Set.of(FunctionWiring.WEBHOOK_BOUNCE_READS, FunctionWiring.API_READS)) {
            InvalidEnvironmentException e = assertThrows(InvalidEnvironmentException.class,
                    () -> LambdaWiring.components(environment("{\"unknown_subscriber\": \"drop\"}"), reads));
            assertEquals(Variable.STMAILS_SETTINGS, e.variable());
            assertTrue(e.getMessage().contains("unknown_subscriber"), e.getMessage());
        }
        InvalidEnvironmentException notJson = assertThrows(InvalidEnvironmentException.class,
                () -> LambdaWiring.components(environment("{\"enabled\": "), FunctionWiring.WEBHOOK_BOUNCE_READS));
        assertTrue(notJson.getMessage().contains("not valid JSON"), notJson.getMessage());
    }

    @Test
    void onlyTheSesFunctionsCanConfirmSubscriptions() {
        assertSame(SubscriptionConfirmer.UNAVAILABLE,
                LambdaWiring.components(environment("{}"), FunctionWiring.WEBHOOK_BOUNCE_READS).subscriptionConfirmer());
        assertNotSame(SubscriptionConfirmer.UNAVAILABLE,
                LambdaWiring.components(environment("{}"), FunctionWiring.SES_READS).subscriptionConfirmer());
    }
}
