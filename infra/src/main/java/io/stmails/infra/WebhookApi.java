package io.stmails.infra;

import io.stmails.http.Route;
import java.util.List;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.apigateway.AccessLogFormat;
import software.amazon.awscdk.services.apigatewayv2.AddRoutesOptions;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.apigatewayv2.HttpMethod;
import software.amazon.awscdk.services.apigatewayv2.HttpStage;
import software.amazon.awscdk.services.apigatewayv2.HttpStageOptions;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogSettings;
import software.amazon.awscdk.services.apigatewayv2.IAccessLogDestination;
import software.amazon.awscdk.services.apigatewayv2.LogGroupLogDestination;
import software.amazon.awscdk.services.apigatewayv2.ThrottleSettings;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The HTTP API: every route of every HTTP function in the catalog, each to that function's alias;
 * one stage with explicit throttling and JSON access logs (no headers, no query strings: they can
 * carry tokens).
 */
final class WebhookApi extends Construct {
    private static final String ACCESS_LOG_FORMAT = "{\"requestId\":\"$context.requestId\","
            + "\"ip\":\"$context.identity.sourceIp\",\"time\":\"$context.requestTime\","
            + "\"method\":\"$context.httpMethod\",\"route\":\"$context.routeKey\",\"status\":\"$context.status\","
            + "\"protocol\":\"$context.protocol\",\"responseLength\":\"$context.responseLength\","
            + "\"latency\":\"$context.responseLatency\",\"integrationStatus\":\"$context.integration.status\","
            + "\"integrationLatency\":\"$context.integration.latency\","
            + "\"integrationError\":\"$context.integrationErrorMessage\",\"error\":\"$context.error.message\"}";

    private final HttpApi api;
    private final HttpStage stage;

    WebhookApi(Construct scope, String id, String namePrefix, List<StmailsFunction> httpFunctions,
            DeploymentConfig.ApiThrottle throttle, RetentionDays logRetention) {
        super(scope, id);
        api = HttpApi.Builder.create(this, "Api")
                .apiName(namePrefix + "http-api")
                .description("stmails webhooks and API")
                .createDefaultStage(false)
                .build();
        LogGroup accessLogs = LogGroup.Builder.create(this, "AccessLogs")
                .retention(logRetention)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        stage = api.addStage("DefaultStage", HttpStageOptions.builder()
                .stageName("$default")
                .autoDeploy(true)
                .throttle(ThrottleSettings.builder()
                        .rateLimit(throttle.rateLimit())
                        .burstLimit(throttle.burstLimit())
                        .build())
                .accessLogSettings(new IAccessLogSettings() {
                    @Override
                    public IAccessLogDestination getDestination() {
                        return new LogGroupLogDestination(accessLogs);
                    }

                    @Override
                    public AccessLogFormat getFormat() {
                        return AccessLogFormat.custom(ACCESS_LOG_FORMAT);
                    }
                })
                .build());
        for (StmailsFunction function : httpFunctions) {
            HttpLambdaIntegration integration = new HttpLambdaIntegration(function.spec().name(),
                    function.alias());
            for (Route route : function.spec().routes()) {
                api.addRoutes(AddRoutesOptions.builder()
                        .path(route.path())
                        .methods(List.of(HttpMethod.valueOf(route.method())))
                        .integration(integration)
                        .build());
            }
        }
        Nag.acknowledge(api, "AwsSolutions-APIG4",
                "Every route authenticates in its function, as each sender requires: provider webhooks verify "
                        + "the provider's signature or basic-auth credentials on the raw body, the SES endpoint "
                        + "verifies SNS signatures, and /api uses listmonk-compatible API tokens. An API Gateway "
                        + "authorizer cannot check body signatures.");
    }

    HttpApi api() {
        return api;
    }

    /** The base URL the webhook paths hang off. */
    String url() {
        return stage.getUrl();
    }
}
