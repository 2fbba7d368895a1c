package io.stmails.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.catalog.FunctionCatalog.Trigger;
import io.stmails.infra.FunctionSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Nothing accepted is lost: every asynchronous path ends in a queue, and every queue is watched. */
class AsyncPathsTest {

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void everyAsynchronouslyInvokedFunctionSendsWhatItFinallyFailsOnToItsQueue(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        Map<String, JsonNode> configs = stack.json().ofType("AWS::Lambda::EventInvokeConfig");
        List<FunctionSpec> asynchronous = deployment.catalog.stream()
                .filter(f -> Set.of(Trigger.SNS, Trigger.EVENTBRIDGE, Trigger.SCHEDULE).contains(f.trigger()))
                .toList();
        for (FunctionSpec function : asynchronous) {
            String id = stack.functionId(function.name());
            List<JsonNode> mine = configs.values().stream()
                    .filter(c -> id.equals(TemplateJson.reference(c.get("FunctionName"))))
                    .toList();
            assertEquals(1, mine.size(), function.name() + " async invoke config");
            JsonNode config = mine.get(0);
            assertEquals(stack.json().aliasOf(id), TemplateJson.reference(config.get("Qualifier")),
                    "the configuration applies to the alias every trigger invokes");
            assertEquals(2, config.path("MaximumRetryAttempts").asInt());
            assertEquals(6 * 3600, config.path("MaximumEventAgeInSeconds").asInt());
            assertQueue(stack, config.path("DestinationConfig").path("OnFailure").get("Destination"));
        }
        assertEquals(asynchronous.size(), configs.size());
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void everySesSubscriptionHasADeadLetterQueue(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        Map<String, JsonNode> subscriptions = stack.json().ofType("AWS::SNS::Subscription");
        List<JsonNode> lambdaSubscriptions = subscriptions.values().stream()
                .filter(s -> "lambda".equals(s.path("Protocol").asText()))
                .toList();
        assertEquals(deployment.triggeredBy(Trigger.SNS).size(), lambdaSubscriptions.size());
        for (JsonNode subscription : lambdaSubscriptions) {
            assertQueue(stack, subscription.path("RedrivePolicy").get("deadLetterTargetArn"));
        }
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void everyEventBridgeTargetHasADeadLetterQueueAndARetryPolicy(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        int targets = 0;
        for (JsonNode rule : stack.json().ofType("AWS::Events::Rule").values()) {
            for (JsonNode target : rule.path("Targets")) {
                assertQueue(stack, target.path("DeadLetterConfig").get("Arn"));
                assertTrue(target.path("RetryPolicy").has("MaximumRetryAttempts"), target.toString());
                assertTrue(target.path("RetryPolicy").has("MaximumEventAgeInSeconds"), target.toString());
                targets++;
            }
        }
        int expected = switch (deployment) {
            case DEFAULT -> 0;
            // the SES events rule, and three enabled mailboxes
            case EVERYTHING -> deployment.triggeredBy(Trigger.EVENTBRIDGE).size()
                    + 3 * deployment.triggeredBy(Trigger.SCHEDULE).size();
            // a configuration set publishing to the event bus needs the SES events rule
            case IMPORTED -> deployment.triggeredBy(Trigger.EVENTBRIDGE).size();
        };
        assertEquals(expected, targets);
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void theBounceStreamBisectsRetriesBoundedlyReportsItemFailuresAndKeepsWhatFails(Deployment deployment) throws Exception {
        Synthesized stack = Synthesized.of(deployment);
        Map<String, JsonNode> mappings = stack.json().ofType("AWS::Lambda::EventSourceMapping");
        List<FunctionSpec> streamFunctions = deployment.triggeredBy(Trigger.DYNAMODB_STREAM);
        assertFalse(streamFunctions.isEmpty());
        assertEquals(streamFunctions.size(), mappings.size());
        String bounces = stack.json().ofType("AWS::DynamoDB::Table").entrySet().stream()
                .filter(t -> t.getValue().path("TableName").asText().equals(deployment.prefix() + "bounces"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        for (JsonNode mapping : mappings.values()) {
            assertEquals(Set.of(bounces), TemplateJson.references(mapping.get("EventSourceArn")));
            assertTrue(mapping.path("BisectBatchOnFunctionError").asBoolean());
            assertEquals(10, mapping.path("MaximumRetryAttempts").asInt());
            assertEquals(6 * 3600, mapping.path("MaximumRecordAgeInSeconds").asInt());
            assertEquals("[\"ReportBatchItemFailures\"]", mapping.path("FunctionResponseTypes").toString());
            assertEquals("TRIM_HORIZON", mapping.path("StartingPosition").asText());
            JsonNode filters = mapping.path("FilterCriteria").path("Filters");
            assertEquals(2, filters.size());
            assertEquals(Synthesized.JSON.readTree("{\"eventName\":[\"INSERT\"],\"dynamodb\":{\"NewImage\":{\"kind\":{\"S\":[\"bounce\"]}}}}"),
                    Synthesized.JSON.readTree(filters.get(0).path("Pattern").asText()));
            assertEquals(Synthesized.JSON.readTree("{\"eventName\":[\"REMOVE\"],\"dynamodb\":{\"OldImage\":{\"kind\":{\"S\":[\"bounce\"]}}}}"),
                    Synthesized.JSON.readTree(filters.get(1).path("Pattern").asText()));
            assertQueue(stack, mapping.path("DestinationConfig").path("OnFailure").get("Destination"));
        }
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void everyQueueAndFunctionIsAlarmedAndTheStreamsAgeToo(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        Map<String, JsonNode> alarms = stack.json().ofType("AWS::CloudWatch::Alarm");
        Set<String> alarmedQueues = new HashSet<>();
        Set<String> alarmed = new HashSet<>();
        for (JsonNode alarm : alarms.values()) {
            assertEquals(1, alarm.path("AlarmActions").size(), "every alarm notifies");
            for (JsonNode dimension : alarm.path("Dimensions")) {
                Set<String> refs = TemplateJson.references(dimension.get("Value"));
                if (alarm.path("MetricName").asText().equals("ApproximateNumberOfMessagesVisible")) {
                    alarmedQueues.addAll(refs);
                }
                refs.forEach(ref -> alarmed.add(alarm.path("MetricName").asText() + " " + ref));
            }
        }
        Set<String> queues = stack.json().ofType("AWS::SQS::Queue").keySet();
        assertEquals(queues, alarmedQueues, "every dead-letter queue's depth is alarmed");
        for (FunctionSpec function : deployment.catalog) {
            String id = stack.functionId(function.name());
            assertTrue(alarmed.contains("Errors " + id), function.name() + " errors");
            assertTrue(alarmed.contains("Throttles " + id), function.name() + " throttles");
            assertEquals(function.trigger() == Trigger.DYNAMODB_STREAM, alarmed.contains("IteratorAge " + id),
                    function.name() + " iterator age");
        }
        assertEquals(1, stack.json().ofType("AWS::CloudWatch::Dashboard").size());
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void everyFailureQueueIsEncryptedAndKeepsMessagesTwoWeeks(Deployment deployment) {
        Map<String, JsonNode> queues = Synthesized.of(deployment).json().ofType("AWS::SQS::Queue");
        Set<String> names = queues.values().stream().map(q -> q.path("QueueName").asText()).collect(Collectors.toSet());
        assertEquals(queues.size(), names.size());
        for (JsonNode queue : queues.values()) {
            assertTrue(queue.path("SqsManagedSseEnabled").asBoolean(), queue.toString());
            assertEquals(14 * 24 * 3600, queue.path("MessageRetentionPeriod").asInt());
            assertTrue(queue.path("QueueName").asText().startsWith(deployment.prefix()));
        }
    }

    private static void assertQueue(Synthesized stack, JsonNode arn) {
        assertTrue(arn != null && !arn.isMissingNode(), "a dead-letter destination is set");
        assertEquals("AWS::SQS::Queue", stack.json().typeOf(TemplateJson.reference(arn)), arn.toString());
    }
}
