package io.stmails.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.catalog.FunctionCatalog;
import io.stmails.infra.DeploymentConfig;
import io.stmails.infra.FunctionSpec;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FunctionsTest {
    private static final Set<String> ENVIRONMENT = Set.of(
            "STMAILS_SETTINGS", "STMAILS_TABLE_PREFIX", "STMAILS_SECRET_ID", "STMAILS_ACTIONS_TOPIC_ARN",
            "STMAILS_SES_TOPIC_ARN", "JAVA_TOOL_OPTIONS");

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void theFunctionsTakingSesNotificationsFromSnsKnowTheStacksTopic(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        for (FunctionSpec function : deployment.catalog) {
            boolean fromSns = function.trigger() == FunctionCatalog.Trigger.SNS || function.name().equals("webhook-ses");
            JsonNode topic = stack.json().properties(stack.functionId(function.name()))
                    .path("Environment").path("Variables").get("STMAILS_SES_TOPIC_ARN");
            assertEquals(fromSns, topic != null, function.name());
        }
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void everyCatalogFunctionRunsItsHandlerOnJava21WithExplicitMemoryAndTimeout(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        for (FunctionSpec function : deployment.catalog) {
            JsonNode properties = stack.json().properties(stack.functionId(function.name()));
            assertEquals(function.handler(), properties.path("Handler").asText());
            assertEquals("java21", properties.path("Runtime").asText());
            assertTrue(properties.path("MemorySize").asInt() >= 512, function.name() + " memory");
            int timeout = properties.path("Timeout").asInt();
            assertTrue(timeout > 3 && timeout <= 900, function.name() + " timeout " + timeout);
        }
        Set<String> deployed = new HashSet<>();
        int unnamed = 0;
        for (JsonNode function : stack.json().ofType("AWS::Lambda::Function").values()) {
            if (function.has("FunctionName")) {
                deployed.add(function.path("FunctionName").asText());
            } else {
                unnamed++;
            }
        }
        assertEquals(deployment.catalog.stream().map(f -> deployment.prefix() + f.name()).collect(Collectors.toSet()),
                deployed, "one function per catalog entry");
        boolean identities = deployment.context.containsKey(DeploymentConfig.SES_IDENTITIES);
        assertEquals(identities ? 1 : 0, unnamed, "the only other function makes the SES identity calls");
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void everyFunctionRunsTheJvmOptionsTheColdStartBenchmarkMeasures(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        for (FunctionSpec function : deployment.catalog) {
            JsonNode options = stack.json().properties(stack.functionId(function.name()))
                    .path("Environment").path("Variables").path("JAVA_TOOL_OPTIONS");
            assertEquals("-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:MetaspaceSize=64m", options.asText(), function.name());
            assertEquals(FunctionCatalog.JVM_OPTIONS, options.asText(), function.name());
        }
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void snapStartRunsOnAPublishedVersionBehindTheLiveAlias(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        for (FunctionSpec function : deployment.catalog) {
            String id = stack.functionId(function.name());
            assertEquals("PublishedVersions", stack.json().properties(id).path("SnapStart").path("ApplyOn").asText());
            String alias = stack.json().aliasOf(id);
            assertEquals("live", stack.json().aliasesOf(id).get(alias));
            String version = TemplateJson.reference(stack.json().properties(alias).get("FunctionVersion"));
            assertEquals("AWS::Lambda::Version", stack.json().typeOf(version));
            assertEquals(id, TemplateJson.reference(stack.json().properties(version).get("FunctionName")));
        }
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void nothingInvokesAFunctionOtherThanThroughItsAlias(Deployment deployment) {
        TemplateJson json = Synthesized.of(deployment).json();
        Set<String> functions = json.ofType("AWS::Lambda::Function").keySet();
        Set<String> aliases = json.ofType("AWS::Lambda::Alias").keySet();
        Map<String, String> invokers = Map.of(
                "AWS::Lambda::Permission", "FunctionName",
                "AWS::Lambda::EventSourceMapping", "FunctionName",
                "AWS::Lambda::EventInvokeConfig", "FunctionName",
                "AWS::SNS::Subscription", "Endpoint",
                "AWS::ApiGatewayV2::Integration", "IntegrationUri");
        int checked = 0;
        for (Map.Entry<String, String> invoker : invokers.entrySet()) {
            for (JsonNode resource : json.ofType(invoker.getKey()).values()) {
                if (invoker.getKey().equals("AWS::SNS::Subscription") && !resource.path("Protocol").asText().equals("lambda")) {
                    continue;
                }
                Set<String> targets = TemplateJson.references(resource.get(invoker.getValue()));
                if (invoker.getKey().equals("AWS::Lambda::EventInvokeConfig")) {
                    targets = TemplateJson.references(resource.get("Qualifier"));
                }
                assertTrue(targets.stream().noneMatch(functions::contains), invoker.getKey() + " " + targets);
                assertTrue(targets.stream().anyMatch(aliases::contains), invoker.getKey() + " " + targets);
                checked++;
            }
        }
        for (JsonNode rule : json.ofType("AWS::Events::Rule").values()) {
            for (JsonNode target : rule.path("Targets")) {
                assertTrue(aliases.contains(TemplateJson.reference(target.get("Arn"))), "rule target " + target);
                checked++;
            }
        }
        assertTrue(checked >= deployment.catalog.size(), "every trigger checked: " + checked);
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void eachFunctionHasItsOwnRoleAndALogGroupWithRetention(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        Set<String> roles = new HashSet<>();
        for (FunctionSpec function : deployment.catalog) {
            JsonNode properties = stack.json().properties(stack.functionId(function.name()));
            assertTrue(roles.add(TemplateJson.reference(properties.get("Role"))), function.name() + " shares a role");
            String logGroup = TemplateJson.reference(properties.path("LoggingConfig").get("LogGroup"));
            JsonNode logs = stack.json().properties(logGroup);
            assertEquals("/aws/lambda/" + deployment.prefix() + function.name(), logs.path("LogGroupName").asText());
            assertEquals(30, logs.path("RetentionInDays").asInt());
        }
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void noSecretTravelsInAnEnvironmentVariable(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        String secret = (String) deployment.context.get(DeploymentConfig.SECRET_ARN);
        for (FunctionSpec function : deployment.catalog) {
            JsonNode variables = stack.json().properties(stack.functionId(function.name()))
                    .path("Environment").path("Variables");
            for (Iterator<Map.Entry<String, JsonNode>> it = variables.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> variable = it.next();
                assertTrue(ENVIRONMENT.contains(variable.getKey()), function.name() + ": unexpected " + variable.getKey());
                String value = variable.getValue().toString();
                assertFalse(value.contains("resolve:secretsmanager") || value.contains("SecretString"),
                        function.name() + " " + variable.getKey() + " holds a secret value: " + value);
            }
            JsonNode secretId = variables.get("STMAILS_SECRET_ID");
            if (secretId != null) {
                if (secret == null) {
                    String secretResource = TemplateJson.reference(secretId);
                    assertEquals("AWS::SecretsManager::Secret", stack.json().typeOf(secretResource),
                            "the secret's ARN, never its value");
                } else {
                    assertEquals(secret, secretId.asText());
                }
            }
        }
        for (JsonNode created : stack.json().ofType("AWS::SecretsManager::Secret").values()) {
            assertEquals("{}", created.path("SecretString").asText(), "the stack creates the secret empty");
        }
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void everyFunctionReadsTheSettingsDocumentAndTablePrefixOfItsDeployment(Deployment deployment) throws Exception {
        Synthesized stack = Synthesized.of(deployment);
        Object settings = stack.context().get(DeploymentConfig.SETTINGS);
        JsonNode expected = settings instanceof String text
                ? Synthesized.JSON.readTree(text) : Synthesized.JSON.valueToTree(settings);
        for (FunctionSpec function : deployment.catalog) {
            JsonNode variables = stack.json().properties(stack.functionId(function.name()))
                    .path("Environment").path("Variables");
            assertEquals(expected, Synthesized.JSON.readTree(variables.path("STMAILS_SETTINGS").asText()));
            assertEquals(deployment.prefix(), variables.path("STMAILS_TABLE_PREFIX").asText());
        }
    }
}
