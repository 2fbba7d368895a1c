package io.stmails.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.stmails.catalog.ApiEndpoint;
import io.stmails.catalog.FunctionCatalog.Trigger;
import io.stmails.http.Route;
import io.stmails.infra.FunctionSpec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HttpRoutesTest {

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void everyCatalogRouteInvokesTheLiveAliasOfItsOwnFunction(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        TemplateJson json = stack.json();
        Map<String, JsonNode> routesByKey = new HashMap<>();
        json.ofType("AWS::ApiGatewayV2::Route").values()
                .forEach(route -> routesByKey.put(route.path("RouteKey").asText(), route));

        for (FunctionSpec function : deployment.triggeredBy(Trigger.HTTP)) {
            String alias = json.aliasOf(stack.functionId(function.name()));
            for (Route route : function.routes()) {
                String key = route.method() + " " + route.path();
                JsonNode apiRoute = routesByKey.get(key);
                assertTrue(apiRoute != null, "no route " + key + " for " + function.name());
                String integration = TemplateJson.reference(apiRoute.get("Target"));
                JsonNode uri = json.properties(integration).get("IntegrationUri");
                assertEquals(alias, TemplateJson.reference(uri), key + " must invoke " + function.name() + "'s alias");
                assertEquals("2.0", json.properties(integration).path("PayloadFormatVersion").asText());
            }
            assertTrue(json.ofType("AWS::Lambda::Permission").values().stream().anyMatch(permission ->
                            "apigateway.amazonaws.com".equals(permission.path("Principal").asText())
                                    && alias.equals(TemplateJson.reference(permission.get("FunctionName")))),
                    "API Gateway may invoke " + function.name());
        }
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void theApiServesExactlyTheCatalogRoutes(Deployment deployment) {
        Set<String> expected = deployment.triggeredBy(Trigger.HTTP).stream()
                .flatMap(f -> f.routes().stream())
                .map(r -> r.method() + " " + r.path())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> actual = Synthesized.of(deployment).json().ofType("AWS::ApiGatewayV2::Route").values().stream()
                .map(route -> route.path("RouteKey").asText())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(expected, actual);
        assertTrue(actual.contains("POST /webhooks/bounce"));
    }

    /** API Gateway matches the API's routes (unknown paths get its 404); a wrong method reaches the function as ANY, for a 405. */
    @ParameterizedTest
    @EnumSource(Deployment.class)
    void everyDeclaredApiRouteHasItsOwnGatewayRouteAndNoCatchAll(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        TemplateJson json = stack.json();
        String apiAlias = json.aliasOf(stack.functionId("api"));
        Map<String, String> targetByKey = new HashMap<>();
        json.ofType("AWS::ApiGatewayV2::Route").values().forEach(route -> targetByKey.put(route.path("RouteKey").asText(),
                TemplateJson.reference(json.properties(TemplateJson.reference(route.get("Target"))).get("IntegrationUri"))));
        for (ApiEndpoint endpoint : ApiEndpoint.values()) {
            for (String key : List.of(endpoint.route().key(), "ANY " + endpoint.route().path())) {
                assertEquals(apiAlias, targetByKey.get(key), key + " must invoke the api function");
            }
        }
        assertTrue(targetByKey.keySet().stream().noneMatch(key -> key.startsWith("ANY /api/{") || key.equals("$default")),
                "no catch-all route: " + targetByKey.keySet());
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void theConsoleIsServedByTheApiFunction(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        TemplateJson json = stack.json();
        String apiAlias = json.aliasOf(stack.functionId("api"));
        for (String key : List.of("GET /console", "GET /console/{proxy+}")) {
            JsonNode route = json.ofType("AWS::ApiGatewayV2::Route").values().stream()
                    .filter(r -> key.equals(r.path("RouteKey").asText())).findFirst().orElse(null);
            assertTrue(route != null, "no route " + key);
            assertTrue(route.path("AuthorizationType").isMissingNode() || "NONE".equals(route.path("AuthorizationType").asText()),
                    "the console's static files need no credentials; its API calls carry them");
            String integration = TemplateJson.reference(route.get("Target"));
            assertEquals(apiAlias, TemplateJson.reference(json.properties(integration).get("IntegrationUri")),
                    key + " must invoke the api function");
        }
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void theStageThrottlesExplicitlyAndWritesAccessLogsWithRetention(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        Map<String, JsonNode> stages = stack.json().ofType("AWS::ApiGatewayV2::Stage");
        assertEquals(1, stages.size());
        JsonNode stage = stages.values().iterator().next();
        assertEquals("$default", stage.path("StageName").asText());
        int rate = deployment == Deployment.EVERYTHING ? 7 : 50;
        int burst = deployment == Deployment.EVERYTHING ? 14 : 100;
        assertEquals(rate, stage.path("DefaultRouteSettings").path("ThrottlingRateLimit").asInt());
        assertEquals(burst, stage.path("DefaultRouteSettings").path("ThrottlingBurstLimit").asInt());

        JsonNode accessLogs = stage.path("AccessLogSettings");
        String logGroup = TemplateJson.reference(accessLogs.get("DestinationArn"));
        assertEquals("AWS::Logs::LogGroup", stack.json().typeOf(logGroup));
        assertEquals(30, stack.json().properties(logGroup).path("RetentionInDays").asInt());
        String format = accessLogs.path("Format").asText();
        assertTrue(format.contains("$context.requestId") && format.contains("$context.status"), format);
        assertTrue(!format.contains("$context.authorizer") && !format.contains("querystring"),
                "access logs must not record credentials or query strings: " + format);
    }
}
