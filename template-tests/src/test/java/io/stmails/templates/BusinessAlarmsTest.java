package io.stmails.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The business metrics that mean trouble raise alarms to the alarm topic: forged webhook requests,
 * refused bounces and, per scanned mailbox, scans that stopped completing; the dashboard graphs them.
 */
class BusinessAlarmsTest {

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void forgedRequestsAndRefusedBouncesAlarmOnTheirTotals(Deployment deployment) {
        TemplateJson template = Synthesized.of(deployment).json();
        Map<String, JsonNode> alarms = businessAlarms(template, deployment.prefix());

        JsonNode forged = alarms.get(deployment.prefix() + "forged-webhook-requests");
        assertEquals("WebhookRejections", forged.path("MetricName").asText());
        assertEquals(Map.of("Service", "stmails", "Reason", "bad_signature"), dimensions(forged));
        assertEquals(20, forged.path("Threshold").asInt());
        assertEquals("GreaterThanOrEqualToThreshold", forged.path("ComparisonOperator").asText());
        assertEquals("notBreaching", forged.path("TreatMissingData").asText());

        JsonNode refused = alarms.get(deployment.prefix() + "refused-bounces");
        assertEquals("BouncesRefused", refused.path("MetricName").asText());
        assertEquals(Map.of("Service", "stmails"), dimensions(refused));
        assertEquals(25, refused.path("Threshold").asInt());

        String alarmTopic = template.ofType("AWS::SNS::Topic").entrySet().stream()
                .filter(e -> e.getValue().path("TopicName").asText().equals(deployment.prefix() + "alarms"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        for (JsonNode alarm : alarms.values()) {
            assertEquals("stmails", alarm.path("Namespace").asText());
            assertEquals("Sum", alarm.path("Statistic").asText());
            assertEquals(alarmTopic, TemplateJson.reference(alarm.path("AlarmActions").get(0)));
        }
        String dashboard = template.ofType("AWS::CloudWatch::Dashboard").values().iterator().next()
                .path("DashboardBody").toString();
        for (String metric : new String[] {"BouncesRecorded", "BouncesRefused", "WebhookRejections", "ThresholdActionsApplied",
                "SuppressionsAdded", "ParserVerdicts"}) {
            assertTrue(dashboard.contains(metric), metric + " on the dashboard: " + dashboard);
        }
    }

    @Test
    void everyScannedMailboxAlarmsWhenNoScanCompletedInThreeOfItsIntervals() {
        TemplateJson template = Synthesized.of(Deployment.EVERYTHING).json();
        Map<String, Integer> periods = new TreeMap<>();
        for (JsonNode alarm : businessAlarms(template, "stmails-").values()) {
            if (alarm.path("MetricName").asText().equals("MailboxScansCompleted")) {
                assertEquals("LessThanThreshold", alarm.path("ComparisonOperator").asText());
                assertEquals(1, alarm.path("Threshold").asInt());
                assertEquals("breaching", alarm.path("TreatMissingData").asText(), "a scan that never ran is the silence");
                periods.put(dimensions(alarm).get("Mailbox"), alarm.path("Period").asInt());
            }
        }
        // bounces every 5 minutes, support-inbox every 15 (the default), slow every 1h30m; old is disabled.
        assertEquals(Map.of("bounces", 900, "support-inbox", 2700, "slow", 16200), periods);
        assertTrue(template.ofType("AWS::CloudWatch::Dashboard").values().iterator().next()
                .path("DashboardBody").toString().contains("MailboxScansFailed"));
    }

    @Test
    void withoutMailboxesNoMailboxIsWatched() {
        TemplateJson template = Synthesized.of(Deployment.DEFAULT).json();
        assertTrue(businessAlarms(template, "stmails-").values().stream()
                .noneMatch(alarm -> alarm.path("MetricName").asText().startsWith("Mailbox")));
    }

    private static Map<String, JsonNode> businessAlarms(TemplateJson template, String prefix) {
        Map<String, JsonNode> alarms = new TreeMap<>();
        template.ofType("AWS::CloudWatch::Alarm").values().stream()
                .filter(alarm -> alarm.path("Namespace").asText().equals("stmails"))
                .forEach(alarm -> alarms.put(alarm.path("AlarmName").asText(), alarm));
        assertTrue(alarms.keySet().stream().allMatch(name -> name.startsWith(prefix)), alarms.keySet().toString());
        return alarms;
    }

    private static Map<String, String> dimensions(JsonNode alarm) {
        Map<String, String> dimensions = new TreeMap<>();
        alarm.path("Dimensions").forEach(d -> dimensions.put(d.path("Name").asText(), d.path("Value").asText()));
        return dimensions;
    }
}
