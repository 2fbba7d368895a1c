package io.stmails.handler;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Every Lambda function of stmails: its name (the same in the local runner and in the CDK stack),
 * its handler class, how it is triggered and, for HTTP functions, its routes. Handler classes have
 * a no-argument constructor (Lambda) and a {@code (Components)} constructor (local runner, tests; see {@link io.stmails.wiring.FunctionWiring}).
 */
public enum FunctionCatalog {
    WEBHOOK_BOUNCE("webhook-bounce", "io.stmails.handler.WebhookBounceHandler", Trigger.HTTP,
            List.of(new Route("POST", "/webhooks/bounce"))),
    // GET is routed too, so that a browser check gets a 405 that explains the endpoint instead of the gateway's 404.
    WEBHOOK_SES("webhook-ses", "io.stmails.handler.WebhookSesHandler", Trigger.HTTP,
            List.of(new Route("POST", "/webhooks/service/ses"), new Route("GET", "/webhooks/service/ses"))),
    SES_NOTIFICATIONS("ses-notifications", "io.stmails.handler.SesNotificationsHandler", Trigger.SNS, List.of()),
    SES_EVENTS("ses-events", "io.stmails.handler.SesEventsHandler", Trigger.EVENTBRIDGE, List.of()),
    WEBHOOK_SENDGRID("webhook-sendgrid", ProviderRoute.HANDLER, Trigger.HTTP, ProviderRoute.of("sendgrid")),
    WEBHOOK_POSTMARK("webhook-postmark", ProviderRoute.HANDLER, Trigger.HTTP, ProviderRoute.of("postmark")),
    WEBHOOK_FORWARDEMAIL("webhook-forwardemail", ProviderRoute.HANDLER, Trigger.HTTP, ProviderRoute.of("forwardemail")),
    WEBHOOK_LETTERMINT("webhook-lettermint", ProviderRoute.HANDLER, Trigger.HTTP, ProviderRoute.of("lettermint")),
    WEBHOOK_AZURE("webhook-azure", ProviderRoute.HANDLER, Trigger.HTTP, ProviderRoute.of("azure")),
    WEBHOOK_MAILGUN("webhook-mailgun", ProviderRoute.HANDLER, Trigger.HTTP, ProviderRoute.of("mailgun")),
    WEBHOOK_BREVO("webhook-brevo", ProviderRoute.HANDLER, Trigger.HTTP, ProviderRoute.of("brevo")),
    WEBHOOK_MAILJET("webhook-mailjet", ProviderRoute.HANDLER, Trigger.HTTP, ProviderRoute.of("mailjet")),
    WEBHOOK_SPARKPOST("webhook-sparkpost", ProviderRoute.HANDLER, Trigger.HTTP, ProviderRoute.of("sparkpost")),
    WEBHOOK_RESEND("webhook-resend", ProviderRoute.HANDLER, Trigger.HTTP, ProviderRoute.of("resend")),
    API("api", "io.stmails.handler.ApiHandler", Trigger.HTTP,
            List.of(new Route("ANY", "/api/{proxy+}"), new Route("GET", "/console"), new Route("GET", "/console/{proxy+}"))),
    BOUNCE_ACTIONS("bounce-actions", "io.stmails.handler.BounceActionsHandler", Trigger.DYNAMODB_STREAM, List.of()),
    /** One schedule per enabled mailbox ({@link io.stmails.mailbox.MailboxSchedule}), event {@code detail: {"mailbox": name}}. */
    POP3_SCANNER("pop3-scanner", "io.stmails.handler.Pop3ScannerHandler", Trigger.SCHEDULE, List.of());

    /**
     * Provider webhooks: one function each (own logs, concurrency and alarms), all running
     * {@link ProviderWebhookHandler}, which takes the provider from the route that invoked it.
     */
    private static final class ProviderRoute {
        static final String HANDLER = "io.stmails.handler.ProviderWebhookHandler";

        static List<Route> of(String provider) {
            return List.of(new Route("POST", "/webhooks/service/" + provider));
        }
    }

    /** How AWS invokes the function. */
    public enum Trigger {
        HTTP,
        SNS,
        EVENTBRIDGE,
        SCHEDULE,
        DYNAMODB_STREAM
    }

    /** An HTTP API route; {@code ANY} and {@code {proxy+}} as API Gateway spells them. */
    public record Route(String method, String path) {
        public boolean matches(String requestMethod, String requestPath) {
            if (!method.equals("ANY") && !method.equals(requestMethod)) {
                return false;
            }
            if (path.endsWith("/{proxy+}")) {
                String prefix = path.substring(0, path.length() - "{proxy+}".length());
                return requestPath.startsWith(prefix) || requestPath.equals(prefix.substring(0, prefix.length() - 1));
            }
            return path.equals(requestPath) || (path + "/").equals(requestPath);
        }
    }

    private final String functionName;
    private final String handlerClass;
    private final Trigger trigger;
    private final List<Route> routes;

    FunctionCatalog(String functionName, String handlerClass, Trigger trigger, List<Route> routes) {
        this.functionName = functionName;
        this.handlerClass = handlerClass;
        this.trigger = trigger;
        this.routes = routes;
    }

    public String functionName() {
        return functionName;
    }

    public String handlerClass() {
        return handlerClass;
    }

    /** The handler string Lambda needs. */
    public String handler() {
        return handlerClass + "::handleRequest";
    }

    public Trigger trigger() {
        return trigger;
    }

    public List<Route> routes() {
        return routes;
    }

    public static Optional<FunctionCatalog> byName(String name) {
        return Arrays.stream(values()).filter(f -> f.functionName.equals(name)).findFirst();
    }

    /** The function serving an HTTP request, most specific route first (exact paths before {@code {proxy+}}). */
    public static Optional<FunctionCatalog> forHttp(String method, String path) {
        return Arrays.stream(values())
                .filter(f -> f.routes.stream().anyMatch(r -> !r.path().contains("{") && r.matches(method, path)))
                .findFirst()
                .or(() -> Arrays.stream(values())
                        .filter(f -> f.routes.stream().anyMatch(r -> r.matches(method, path)))
                        .findFirst());
    }
}
