package io.stmails.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.infra.DeploymentConfig;
import io.stmails.infra.FunctionSpec;
import io.stmails.infra.StmailsStack;
import io.stmails.store.dynamodb.Tables;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * Warned before SES acts: four alarms on the account's reputation metrics, to the alarm topic, on
 * the dashboard, their levels configurable; and retention's side of the template: expiry on the
 * bounces table, whose removals (TTL's included) reach the stream function.
 */
class ReputationAlarmsTest {

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void fourReputationAlarmsAtTheDefaultLevelsNotifyTheAlarmTopic(Deployment deployment) {
        TemplateJson template = Synthesized.of(deployment).json();
        assertEquals(Map.of(
                "Reputation.BounceRate warning", 0.025, "Reputation.BounceRate critical", 0.05,
                "Reputation.ComplaintRate warning", 0.0005, "Reputation.ComplaintRate critical", 0.001),
                levels(template, deployment.prefix()));
        String alarmTopic = alarmTopic(template, deployment.prefix());
        for (JsonNode alarm : reputationAlarms(template).values()) {
            assertEquals("AWS/SES", alarm.path("Namespace").asText());
            assertEquals("Maximum", alarm.path("Statistic").asText());
            assertEquals(3600, alarm.path("Period").asInt());
            assertEquals("GreaterThanOrEqualToThreshold", alarm.path("ComparisonOperator").asText());
            assertEquals("ignore", alarm.path("TreatMissingData").asText());
            assertFalse(alarm.has("Dimensions"), "the account-wide metric, not a configuration set's");
            assertEquals(alarmTopic, TemplateJson.reference(alarm.path("AlarmActions").get(0)));
        }
        String dashboard = template.ofType("AWS::CloudWatch::Dashboard").values().iterator().next()
                .path("DashboardBody").toString();
        assertTrue(dashboard.contains("Reputation.BounceRate") && dashboard.contains("Reputation.ComplaintRate"), dashboard);
    }

    @Test
    void theLevelsComeFromTheContextInPercent() {
        TemplateJson template = synthesize(Map.of(
                DeploymentConfig.SES_BOUNCE_RATE_WARNING, "2", DeploymentConfig.SES_BOUNCE_RATE_CRITICAL, 4,
                DeploymentConfig.SES_COMPLAINT_RATE_WARNING, "0.03", DeploymentConfig.SES_COMPLAINT_RATE_CRITICAL, 0.08));
        assertEquals(Map.of(
                "Reputation.BounceRate warning", 0.02, "Reputation.BounceRate critical", 0.04,
                "Reputation.ComplaintRate warning", 0.0003, "Reputation.ComplaintRate critical", 0.0008),
                levels(template, "stmails-"));
    }

    @Test
    void levelsOutOfRangeOrAWarningNotBelowItsCriticalStopTheSynth() {
        assertFails(Map.of(DeploymentConfig.SES_BOUNCE_RATE_WARNING, "0"),
                "context stmails:sesBounceRateWarningPercent must be a number above 0.0 and below 100.0, not '0'");
        assertFails(Map.of(DeploymentConfig.SES_COMPLAINT_RATE_CRITICAL, "lots"),
                "context stmails:sesComplaintRateCriticalPercent must be a number");
        assertFails(Map.of(DeploymentConfig.SES_BOUNCE_RATE_WARNING, "6"),
                "context stmails:sesBounceRateWarningPercent (6.0) must be below stmails:sesBounceRateCriticalPercent (5.0)");
        assertFails(Map.of(DeploymentConfig.SES_COMPLAINT_RATE_WARNING, 0.1),
                "context stmails:sesComplaintRateWarningPercent (0.1) must be below stmails:sesComplaintRateCriticalPercent (0.1)");
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void bouncesExpireOnTheirTtlAttributeAndTheStreamFilterLetsTtlRemovalsThrough(Deployment deployment) throws Exception {
        Synthesized stack = Synthesized.of(deployment);
        JsonNode bounces = stack.json().ofType("AWS::DynamoDB::Table").values().stream()
                .filter(t -> t.path("TableName").asText().equals(deployment.prefix() + "bounces")).findFirst().orElseThrow();
        assertEquals(Tables.TTL, bounces.path("TimeToLiveSpecification").path("AttributeName").asText());
        assertTrue(bounces.path("TimeToLiveSpecification").path("Enabled").asBoolean());
        assertEquals("NEW_AND_OLD_IMAGES", bounces.path("StreamSpecification").path("StreamViewType").asText(),
                "a removal carries the removed bounce, so its counters can be taken back");
        for (JsonNode mapping : stack.json().ofType("AWS::Lambda::EventSourceMapping").values()) {
            for (JsonNode filter : mapping.path("FilterCriteria").path("Filters")) {
                JsonNode pattern = Synthesized.JSON.readTree(filter.path("Pattern").asText());
                assertFalse(pattern.has("userIdentity"), "TTL's removals (userIdentity dynamodb.amazonaws.com) pass");
            }
        }
    }

    private static Map<String, JsonNode> reputationAlarms(TemplateJson template) {
        Map<String, JsonNode> alarms = new TreeMap<>(template.ofType("AWS::CloudWatch::Alarm"));
        alarms.values().removeIf(alarm -> !alarm.path("MetricName").asText().startsWith("Reputation."));
        return alarms;
    }

    /** "metric level" to threshold, the level read from the alarm's name. */
    private static Map<String, Double> levels(TemplateJson template, String prefix) {
        Map<String, Double> levels = new TreeMap<>();
        for (JsonNode alarm : reputationAlarms(template).values()) {
            String name = alarm.path("AlarmName").asText();
            assertTrue(name.startsWith(prefix + "ses-"), name);
            levels.put(alarm.path("MetricName").asText() + " " + name.substring(name.lastIndexOf('-') + 1),
                    alarm.path("Threshold").asDouble());
        }
        return levels;
    }

    private static String alarmTopic(TemplateJson template, String prefix) {
        return template.ofType("AWS::SNS::Topic").entrySet().stream()
                .filter(e -> e.getValue().path("TopicName").asText().equals(prefix + "alarms"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private static TemplateJson synthesize(Map<String, Object> overrides) {
        App app = new App(AppProps.builder().context(Synthesized.contextFor(overrides)).build());
        StmailsStack stack = new StmailsStack(app, "Stmails", StackProps.builder()
                .env(Environment.builder().account(Synthesized.ACCOUNT).region(Synthesized.REGION).build()).build(),
                FunctionSpec.catalog(), DeploymentConfig.from(app.getNode()));
        return new TemplateJson(Synthesized.JSON.valueToTree(Template.fromStack(stack).toJSON()));
    }

    private static void assertFails(Map<String, Object> overrides, String expected) {
        App app = new App(AppProps.builder().context(Synthesized.contextFor(overrides)).build());
        RuntimeException failure = assertThrows(RuntimeException.class, () -> DeploymentConfig.from(app.getNode()));
        assertTrue(failure.getMessage().contains(expected), failure.getMessage());
    }
}
