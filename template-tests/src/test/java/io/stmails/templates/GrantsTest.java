package io.stmails.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.catalog.FunctionCatalog.Trigger;
import io.stmails.infra.DeploymentConfig;
import io.stmails.infra.FunctionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Least privilege, asserted per role: each function's grants, by resource, exactly. Resources are
 * named by what they are (table:subscribers, index:by-time, secret, topic:ses, queue:own, logs:own)
 * so that a grant on the wrong table or on someone else's queue fails.
 */
class GrantsTest {
    private static final Set<String> LOGS = Set.of("logs:CreateLogStream", "logs:PutLogEvents");
    private static final Set<String> SEND_TO_QUEUE = Set.of("sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl");
    private static final Set<String> READ_STREAM = Set.of("dynamodb:DescribeStream", "dynamodb:GetRecords",
            "dynamodb:GetShardIterator");
    private static final Set<String> CHANGE_SUBSCRIBERS = Set.of("dynamodb:GetItem", "dynamodb:PutItem",
            "dynamodb:UpdateItem", "dynamodb:DeleteItem");

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void eachRoleHoldsExactlyTheGrantsOfItsFunctionsKind(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        for (FunctionSpec function : deployment.catalog) {
            assertEquals(expected(function, deployment == Deployment.EVERYTHING), actual(stack, function), function.name());
        }
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void aBounceSourceOnlyReadsAndCreatesSubscribersAndWritesBounces(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        for (FunctionSpec function : deployment.catalog) {
            if (function.trigger() == Trigger.DYNAMODB_STREAM || function.name().equals("api")) {
                continue;
            }
            Map<String, Set<String>> grants = actual(stack, function);
            assertEquals(Set.of("dynamodb:GetItem", "dynamodb:PutItem"), grants.get("table:subscribers"), function.name());
            // The put is conditional on the bounce's own key; the read looks for the marker a deleted bounce left.
            assertEquals(Set.of("dynamodb:GetItem", "dynamodb:PutItem"), grants.get("table:bounces"), function.name());
            assertTrue(grants.keySet().stream().noneMatch(r -> r.startsWith("index:") || r.startsWith("stream:")),
                    function.name() + " " + grants.keySet());
        }
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void rolesAreAssumedByLambdaOnlyAndCarryNoManagedOrInlinePolicies(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        for (FunctionSpec function : deployment.catalog) {
            JsonNode role = stack.json().properties(roleOf(stack, function));
            assertFalse(role.has("ManagedPolicyArns"), function.name());
            assertFalse(role.has("Policies"), function.name());
            JsonNode assume = role.path("AssumeRolePolicyDocument").path("Statement");
            assertEquals(1, assume.size());
            assertEquals("lambda.amazonaws.com", assume.get(0).path("Principal").path("Service").asText());
        }
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void sesSuppressionListActionsGoOnlyToTheStreamAndApiFunctionsAndOnlyWhenSyncIsOn(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        boolean sync = deployment == Deployment.EVERYTHING;
        for (FunctionSpec function : deployment.catalog) {
            Set<String> ses = new TreeSet<>();
            actual(stack, function).values().forEach(actions -> actions.stream().filter(a -> a.startsWith("ses:"))
                    .forEach(ses::add));
            Set<String> expected = !sync ? Set.of()
                    : function.trigger() == Trigger.DYNAMODB_STREAM ? Set.of("ses:PutSuppressedDestination")
                    : function.name().equals("api") ? Set.of("ses:PutSuppressedDestination",
                            "ses:DeleteSuppressedDestination", "ses:ListSuppressedDestinations")
                    : Set.of();
            assertEquals(expected, ses, function.name());
        }
    }

    private static Map<String, Set<String>> expected(FunctionSpec function, boolean suppressionSync) {
        Map<String, Set<String>> grants = new TreeMap<>();
        grants.put("logs:own", LOGS);
        if (function.trigger() == Trigger.DYNAMODB_STREAM) {
            grants.put("table:subscribers", CHANGE_SUBSCRIBERS);
            grants.put("table:bounces", Set.of("dynamodb:Query", "dynamodb:PutItem", "dynamodb:DeleteItem"));
            grants.put("table:stats", Set.of("dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"));
            grants.put("topic:actions", Set.of("sns:Publish"));
            grants.put("stream:bounces", READ_STREAM);
            grants.put("*", suppressionSync ? Set.of("dynamodb:ListStreams", "ses:PutSuppressedDestination")
                    : Set.of("dynamodb:ListStreams"));
            grants.put("queue:own", SEND_TO_QUEUE);
            return grants;
        }
        if (function.name().equals("api")) {
            Set<String> changeAndBatchRead = new TreeSet<>(CHANGE_SUBSCRIBERS);
            changeAndBatchRead.add("dynamodb:BatchGetItem");
            grants.put("table:subscribers", changeAndBatchRead);
            grants.put("table:bounces", Set.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query",
                    "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"));
            // Reads the counters; adds to the action counters in the transaction of each action it applies.
            grants.put("table:stats", Set.of("dynamodb:Query", "dynamodb:UpdateItem"));
            for (String index : List.of("by-time", "by-email", "by-source", "by-campaign",
                    "by-subscriber")) {
                grants.put("index:" + index, Set.of("dynamodb:Query"));
            }
            if (suppressionSync) {
                grants.put("*", Set.of("ses:PutSuppressedDestination", "ses:DeleteSuppressedDestination",
                        "ses:ListSuppressedDestinations"));
            }
            grants.put("secret", Set.of("secretsmanager:GetSecretValue"));
            return grants;
        }
        grants.put("table:subscribers", Set.of("dynamodb:GetItem", "dynamodb:PutItem"));
        grants.put("table:bounces", Set.of("dynamodb:GetItem", "dynamodb:PutItem"));
        boolean sesWebhook = function.name().equals("webhook-ses");
        if ((function.trigger() == Trigger.HTTP && !sesWebhook) || function.trigger() == Trigger.SCHEDULE) {
            grants.put("secret", Set.of("secretsmanager:GetSecretValue"));
        }
        if (function.trigger() == Trigger.SCHEDULE) {
            grants.put("table:stats", Set.of("dynamodb:PutItem"));
        }
        if (sesWebhook) {
            grants.put("topic:ses", Set.of("sns:ConfirmSubscription"));
        }
        if (Set.of(Trigger.SNS, Trigger.EVENTBRIDGE, Trigger.SCHEDULE).contains(function.trigger())) {
            grants.put("queue:own", SEND_TO_QUEUE);
        }
        return grants;
    }

    private static String roleOf(Synthesized stack, FunctionSpec function) {
        return TemplateJson.reference(stack.json().properties(stack.functionId(function.name())).get("Role"));
    }

    private static Map<String, Set<String>> actual(Synthesized stack, FunctionSpec function) {
        String role = roleOf(stack, function);
        Map<String, Set<String>> grants = new TreeMap<>();
        for (JsonNode policy : stack.json().ofType("AWS::IAM::Policy").values()) {
            Set<String> roles = TemplateJson.references(policy.get("Roles"));
            if (!roles.contains(role)) {
                continue;
            }
            assertEquals(Set.of(role), roles, "a policy shared between roles");
            for (JsonNode statement : policy.path("PolicyDocument").path("Statement")) {
                assertEquals("Allow", statement.path("Effect").asText(), statement.toString());
                assertFalse(statement.has("NotAction") || statement.has("NotResource"), statement.toString());
                for (JsonNode resource : list(statement.get("Resource"))) {
                    grants.computeIfAbsent(name(stack, function, resource), r -> new TreeSet<>())
                            .addAll(list(statement.get("Action")).stream().map(JsonNode::asText).toList());
                }
            }
        }
        return grants;
    }

    /** What a policy resource is, in the words of the expectations. */
    private static String name(Synthesized stack, FunctionSpec function, JsonNode resource) {
        Deployment deployment = stack.deployment();
        String prefix = deployment.prefix();
        if (resource.isTextual()) {
            String arn = resource.asText();
            if (arn.equals("*")) {
                return "*";
            }
            if (arn.equals(deployment.context.get(DeploymentConfig.SECRET_ARN))) {
                return "secret";
            }
            if (arn.equals(deployment.context.get(DeploymentConfig.SES_TOPIC_ARN))) {
                return "topic:ses";
            }
            return "unknown:" + arn;
        }
        String id = TemplateJson.reference(resource);
        JsonNode target = stack.json().properties(id);
        String suffix = resource.toString().contains("/index/")
                ? resource.toString().replaceAll(".*/index/([a-z-]+).*", "$1") : null;
        return switch (stack.json().typeOf(id)) {
            case "AWS::DynamoDB::Table" -> {
                String table = target.path("TableName").asText().substring(prefix.length());
                if (suffix != null) {
                    yield "index:" + suffix;
                }
                yield resource.toString().contains("StreamArn") ? "stream:" + table : "table:" + table;
            }
            case "AWS::SecretsManager::Secret" -> "secret";
            case "AWS::SNS::Topic" -> "topic:" + target.path("TopicName").asText().substring(prefix.length())
                    .replace("ses-feedback", "ses");
            case "AWS::Logs::LogGroup" -> target.path("LogGroupName").asText()
                    .equals("/aws/lambda/" + prefix + function.name()) ? "logs:own" : "logs:other " + id;
            case "AWS::SQS::Queue" -> target.path("QueueName").asText()
                    .equals(prefix + function.name() + "-dlq") ? "queue:own" : "queue:other " + id;
            default -> "unknown:" + id;
        };
    }

    private static List<JsonNode> list(JsonNode value) {
        List<JsonNode> items = new ArrayList<>();
        if (value != null && value.isArray()) {
            value.forEach(items::add);
        } else if (value != null) {
            items.add(value);
        }
        return items;
    }
}
