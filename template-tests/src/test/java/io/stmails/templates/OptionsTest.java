package io.stmails.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.catalog.FunctionCatalog.Trigger;
import io.stmails.infra.DeploymentConfig;
import io.stmails.store.dynamodb.Tables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The parts that depend on the deployment's options: tables, SES wiring, imports, mailbox schedules. */
class OptionsTest {

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void tablesAreLaidOutAsTheCodeExpectsAndKeptOnDelete(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        Map<String, JsonNode> tables = new HashMap<>();
        stack.json().ofType("AWS::DynamoDB::Table").forEach((id, table) -> {
            tables.put(table.path("TableName").asText(), table);
            JsonNode resource = Synthesized.JSON.valueToTree(stack.template().toJSON()).get("Resources").get(id);
            assertEquals("Retain", resource.path("DeletionPolicy").asText(), "the data outlives the stack");
        });
        Tables names = Tables.withPrefix(deployment.prefix());
        assertEquals(Set.of(names.bounces(), names.subscribers(), names.stats()), tables.keySet());

        JsonNode bounces = tables.get(names.bounces());
        assertEquals(Map.of(Tables.PK, "HASH", Tables.SK, "RANGE"), keys(bounces.path("KeySchema")));
        assertEquals("NEW_AND_OLD_IMAGES", bounces.path("StreamSpecification").path("StreamViewType").asText());
        Map<String, Map<String, String>> indexes = new TreeMap<>();
        for (JsonNode index : bounces.path("GlobalSecondaryIndexes")) {
            String name = index.path("IndexName").asText();
            JsonNode projection = index.path("Projection");
            assertEquals("INCLUDE", projection.path("ProjectionType").asText(), name);
            List<String> included = new ArrayList<>();
            projection.path("NonKeyAttributes").forEach(attribute -> included.add(attribute.asText()));
            assertEquals(Tables.LISTING_PROJECTION, included, name);
            indexes.put(name, keys(index.path("KeySchema")));
        }
        assertEquals(Map.of(
                "by-time", Map.of("all_shard", "HASH", "time_id", "RANGE"),
                "by-email", Map.of("all_shard", "HASH", "email_sk", "RANGE"),
                "by-source", Map.of("all_shard", "HASH", "source_sk", "RANGE"),
                "by-campaign", Map.of("all_shard", "HASH", "campaign_sk", "RANGE")), indexes);

        JsonNode subscribers = tables.get(names.subscribers());
        assertEquals(Map.of(Tables.PK, "HASH"), keys(subscribers.path("KeySchema")));
        assertFalse(subscribers.has("StreamSpecification"));
        JsonNode stats = tables.get(names.stats());
        assertEquals(Map.of(Tables.PK, "HASH", Tables.SK, "RANGE"), keys(stats.path("KeySchema")));
        assertFalse(stats.has("StreamSpecification"));
        for (JsonNode table : tables.values()) {
            assertEquals("PAY_PER_REQUEST", table.path("BillingMode").asText());
            assertTrue(table.path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled").asBoolean());
            assertEquals(Tables.TTL, table.path("TimeToLiveSpecification").path("AttributeName").asText());
            assertTrue(table.path("TimeToLiveSpecification").path("Enabled").asBoolean());
            table.path("AttributeDefinitions").forEach(a -> assertEquals("S", a.path("AttributeType").asText()));
        }
    }

    @Test
    void eachEnabledMailboxIsScannedOnItsOwnScheduleWithItsNameInTheScheduledEvent() throws Exception {
        Synthesized stack = Synthesized.of(Deployment.EVERYTHING);
        String scanner = stack.json().aliasOf(stack.functionId(
                Deployment.EVERYTHING.triggeredBy(Trigger.SCHEDULE).get(0).name()));
        Map<String, String> schedules = new TreeMap<>();
        for (JsonNode rule : stack.json().ofType("AWS::Events::Rule").values()) {
            if (!rule.has("ScheduleExpression")) {
                continue;
            }
            JsonNode target = rule.path("Targets").get(0);
            assertEquals(scanner, TemplateJson.reference(target.get("Arn")));
            String template = target.path("InputTransformer").path("InputTemplate").asText();
            JsonNode event = Synthesized.JSON.readTree(template
                    .replace("<id>", "\"e1\"").replace("<time>", "\"2025-01-01T00:00:00Z\"")
                    .replace("<account>", "\"123456789012\"").replace("<region>", "\"eu-west-1\"")
                    .replace("<resources>", "[\"arn:aws:events:eu-west-1:123456789012:rule/r\"]"));
            assertEquals("Scheduled Event", event.path("detail-type").asText());
            assertEquals("aws.events", event.path("source").asText());
            assertEquals(1, event.path("resources").size());
            schedules.put(event.path("detail").path("mailbox").asText(), rule.path("ScheduleExpression").asText());
        }
        assertEquals(Map.of("bounces", "rate(5 minutes)", "support-inbox", "rate(15 minutes)",
                "slow", "rate(90 minutes)"), schedules, "the disabled mailbox has no schedule");
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void sesEventsOnTheDefaultBusReachSesEventsOnlyWhenAskedFor(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        List<JsonNode> sesRules = stack.json().ofType("AWS::Events::Rule").values().stream()
                .filter(rule -> rule.has("EventPattern"))
                .toList();
        if (deployment == Deployment.DEFAULT) {
            assertEquals(List.of(), sesRules);
            return;
        }
        assertEquals(1, sesRules.size());
        JsonNode pattern = sesRules.get(0).path("EventPattern");
        assertEquals("[\"aws.ses\"]", pattern.path("source").toString());
        assertEquals("[\"Email Bounced\",\"Email Complaint Received\"]", pattern.path("detail-type").toString());
        Set<String> targets = new TreeSet<>();
        sesRules.get(0).path("Targets").forEach(t -> targets.add(TemplateJson.reference(t.get("Arn"))));
        assertEquals(deployment.triggeredBy(Trigger.EVENTBRIDGE).stream()
                .map(f -> stack.json().aliasOf(stack.functionId(f.name())))
                .collect(Collectors.toCollection(TreeSet::new)), targets);
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void theSesTopicIsCreatedForSesOfThisAccountOrImported(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        Map<String, JsonNode> sesTopics = stack.json().ofType("AWS::SNS::Topic").entrySet().stream()
                .filter(t -> t.getValue().path("TopicName").asText().endsWith("ses-feedback"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        String imported = (String) deployment.context.get(DeploymentConfig.SES_TOPIC_ARN);
        List<JsonNode> subscriptions = stack.json().ofType("AWS::SNS::Subscription").values().stream()
                .filter(s -> s.path("Protocol").asText().equals("lambda"))
                .toList();
        if (imported != null) {
            assertEquals(Map.of(), sesTopics);
            subscriptions.forEach(s -> assertEquals(imported, s.path("TopicArn").asText()));
            return;
        }
        assertEquals(1, sesTopics.size());
        String topic = sesTopics.keySet().iterator().next();
        assertEquals("2", sesTopics.get(topic).path("SignatureVersion").asText());
        subscriptions.forEach(s -> assertEquals(topic, TemplateJson.reference(s.get("TopicArn"))));
        JsonNode sesStatement = stack.json().ofType("AWS::SNS::TopicPolicy").values().stream()
                .filter(p -> TemplateJson.references(p.get("Topics")).contains(topic))
                .flatMap(p -> List.of(p.path("PolicyDocument").path("Statement")).stream())
                .flatMap(statements -> StreamSupport.stream(statements.spliterator(), false))
                .filter(s -> s.path("Principal").path("Service").asText().equals("ses.amazonaws.com"))
                .findFirst().orElseThrow(() -> new AssertionError("SES may not publish to its topic"));
        assertEquals("Allow", sesStatement.path("Effect").asText());
        assertEquals("sns:Publish", sesStatement.path("Action").asText());
        assertTrue(sesStatement.path("Condition").path("StringEquals").has("aws:SourceAccount"));
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void theSecretIsCreatedEmptyAndKeptOrImported(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        Map<String, JsonNode> secrets = stack.json().ofType("AWS::SecretsManager::Secret");
        if (deployment.context.containsKey(DeploymentConfig.SECRET_ARN)) {
            assertEquals(Map.of(), secrets);
            return;
        }
        assertEquals(1, secrets.size());
        JsonNode secret = secrets.values().iterator().next();
        assertEquals(deployment.prefix() + "secrets", secret.path("Name").asText());
        assertEquals("{}", secret.path("SecretString").asText());
        String id = secrets.keySet().iterator().next();
        JsonNode resource = Synthesized.JSON.valueToTree(stack.template().toJSON()).get("Resources").get(id);
        assertEquals("Retain", resource.path("DeletionPolicy").asText());
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void listedIdentitiesSendBounceAndComplaintNotificationsWithHeadersToTheSesTopic(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        Map<String, JsonNode> calls = stack.json().ofType("Custom::StmailsSesIdentityFeedback");
        List<String> identities = switch (deployment) {
            case DEFAULT -> List.of();
            case EVERYTHING -> List.of("example.com", "news@example.org");
            case IMPORTED -> List.of("example.net");
        };
        assertEquals(identities.size() * 4, calls.size());
        Set<String> made = new TreeSet<>();
        for (JsonNode call : calls.values()) {
            String create = call.path("Create").toString();
            JsonNode delete = call.path("Delete");
            for (String identity : identities) {
                for (String type : List.of("Bounce", "Complaint")) {
                    if (!create.contains("\\\"Identity\\\":\\\"" + identity + "\\\"")
                            || !create.contains("\\\"NotificationType\\\":\\\"" + type + "\\\"")) {
                        continue;
                    }
                    if (create.contains("SetIdentityNotificationTopic")) {
                        assertTrue(create.contains("SnsTopic"), create);
                        assertFalse(delete.toString().contains("SnsTopic"), "deleting the stack unsets the topic");
                        made.add(identity + " " + type + " topic");
                    } else if (create.contains("SetIdentityHeadersInNotificationsEnabled")) {
                        assertTrue(create.contains("\\\"Enabled\\\":true"), create);
                        made.add(identity + " " + type + " headers");
                    }
                }
            }
        }
        assertEquals(identities.size() * 4, made.size(), made.toString());
        if (!identities.isEmpty()) {
            List<String> grants = stack.json().ofType("AWS::IAM::Policy").values().stream()
                    .flatMap(p -> StreamSupport.stream(
                            p.path("PolicyDocument").path("Statement").spliterator(), false))
                    // The suppression-list actions have no resource type; GrantsTest holds them to their two functions.
                    .filter(s -> s.toString().contains("ses:SetIdentity"))
                    .map(JsonNode::toString)
                    .toList();
            assertFalse(grants.isEmpty());
            grants.forEach(grant -> assertTrue(grant.contains(":identity/") && !grant.contains("\"*\""), grant));
        }
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void aConfigurationSetSendsBouncesAndComplaintsToTheChosenDestination(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        Map<String, JsonNode> destinations = stack.json().ofType("AWS::SES::ConfigurationSetEventDestination");
        if (deployment == Deployment.DEFAULT) {
            assertEquals(Map.of(), destinations);
            assertEquals(Map.of(), stack.json().ofType("AWS::SES::ConfigurationSet"));
            return;
        }
        assertEquals(1, destinations.size());
        JsonNode destination = destinations.values().iterator().next().path("EventDestination");
        assertEquals("[\"bounce\",\"complaint\"]", destination.path("MatchingEventTypes").toString());
        if (deployment == Deployment.EVERYTHING) {
            String topic = TemplateJson.reference(destination.path("SnsDestination").get("TopicARN"));
            assertTrue(stack.json().properties(topic).path("TopicName").asText().endsWith("ses-feedback"));
        } else {
            assertTrue(destination.path("EventBridgeDestination").path("EventBusArn").toString().contains("event-bus/default"),
                    destination.toString());
        }
    }

    private static Map<String, String> keys(JsonNode keySchema) {
        Map<String, String> keys = new HashMap<>();
        keySchema.forEach(k -> keys.put(k.path("AttributeName").asText(), k.path("KeyType").asText()));
        return keys;
    }
}
