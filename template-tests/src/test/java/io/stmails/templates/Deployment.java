package io.stmails.templates;

import static io.stmails.infra.DeploymentConfig.ALARM_EMAIL;
import static io.stmails.infra.DeploymentConfig.API_BURST_LIMIT;
import static io.stmails.infra.DeploymentConfig.API_RATE_LIMIT;
import static io.stmails.infra.DeploymentConfig.NAME_PREFIX;
import static io.stmails.infra.DeploymentConfig.SECRET_ARN;
import static io.stmails.infra.DeploymentConfig.SES_CONFIGURATION_SET;
import static io.stmails.infra.DeploymentConfig.SES_CONFIGURATION_SET_DESTINATION;
import static io.stmails.infra.DeploymentConfig.SES_EVENTBRIDGE;
import static io.stmails.infra.DeploymentConfig.SES_IDENTITIES;
import static io.stmails.infra.DeploymentConfig.SES_TOPIC_ARN;
import static io.stmails.infra.DeploymentConfig.SETTINGS;

import io.stmails.catalog.FunctionCatalog.Trigger;
import io.stmails.http.Route;
import io.stmails.infra.FunctionSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The configurations the template tests synthesize. Values are given as {@code cdk -c} gives them
 * (strings) in one and typed (as in cdk.json) in another, so both readings are exercised.
 */
enum Deployment {
    /** What {@code cdk.json} deploys: the catalog as it is and the default options. */
    DEFAULT(FunctionSpec.catalog(), Map.of()),

    /** Every kind of trigger, including functions being written now, and every opt-in. */
    EVERYTHING(withComingFunctions(), Map.of(
            SETTINGS, "{\"unknown_subscriber\": \"ignore\", \"ses\": {\"suppression_sync\": true}, \"mailboxes\": ["
                    + "{\"name\": \"bounces\", \"host\": \"pop.example.com\", \"username\": \"b\", \"enabled\": true, \"scan_interval\": \"5m\"},"
                    + "{\"name\": \"support-inbox\", \"host\": \"pop.example.com\", \"username\": \"s\"},"
                    + "{\"name\": \"old\", \"host\": \"pop.example.com\", \"username\": \"o\", \"enabled\": false, \"scan_interval\": \"1m\"},"
                    + "{\"name\": \"slow\", \"host\": \"pop.example.com\", \"username\": \"w\", \"scan_interval\": \"1h30m\"}]}",
            SES_EVENTBRIDGE, "true",
            SES_IDENTITIES, "example.com, news@example.org",
            SES_CONFIGURATION_SET, "stmails-feedback",
            API_RATE_LIMIT, "7",
            API_BURST_LIMIT, "14",
            ALARM_EMAIL, "ops@example.com")),

    /** An existing SES topic and secret, a configuration set publishing to the event bus, another prefix. */
    IMPORTED(withComingFunctions(), Map.of(
            SES_TOPIC_ARN, "arn:aws:sns:eu-west-1:123456789012:existing-ses-feedback",
            SECRET_ARN, "arn:aws:secretsmanager:eu-west-1:123456789012:secret:existing-stmails-AbCdEf",
            SES_CONFIGURATION_SET, "bounce-feedback",
            SES_CONFIGURATION_SET_DESTINATION, "eventbridge",
            SES_IDENTITIES, List.of("example.net"),
            NAME_PREFIX, "bounce-"));

    /** Functions other engineers are adding to the catalog, as the brief describes them. */
    static List<FunctionSpec> coming() {
        return List.of(
            new FunctionSpec("webhook-ses", "io.stmails.handler.WebhookSesHandler::handleRequest", Trigger.HTTP,
                    List.of(new Route("POST", "/webhooks/service/ses"))),
            new FunctionSpec("ses-notifications", "io.stmails.handler.SesNotificationsHandler::handleRequest",
                    Trigger.SNS, List.of()),
            new FunctionSpec("ses-events", "io.stmails.handler.SesEventsHandler::handleRequest", Trigger.EVENTBRIDGE,
                    List.of()),
            new FunctionSpec("webhook-sendgrid", "io.stmails.handler.WebhookSendgridHandler::handleRequest",
                    Trigger.HTTP, List.of(new Route("POST", "/webhooks/service/sendgrid"))),
            new FunctionSpec("pop3-scanner", "io.stmails.handler.Pop3ScannerHandler::handleRequest", Trigger.SCHEDULE,
                    List.of()));
    }

    final List<FunctionSpec> catalog;
    final Map<String, Object> context;

    Deployment(List<FunctionSpec> catalog, Map<String, Object> context) {
        this.catalog = catalog;
        this.context = context;
    }

    String prefix() {
        return (String) context.getOrDefault(NAME_PREFIX, "stmails-");
    }

    List<FunctionSpec> triggeredBy(Trigger trigger) {
        return catalog.stream().filter(f -> f.trigger() == trigger).toList();
    }

    private static List<FunctionSpec> withComingFunctions() {
        List<FunctionSpec> all = new ArrayList<>(FunctionSpec.catalog());
        Set<String> present = all.stream().map(FunctionSpec::name).collect(Collectors.toSet());
        coming().stream().filter(f -> !present.contains(f.name())).forEach(all::add);
        return all;
    }
}
