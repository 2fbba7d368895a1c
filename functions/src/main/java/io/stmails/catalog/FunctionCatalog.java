package io.stmails.catalog;

import io.stmails.http.Route;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

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
            Stream.concat(ApiEndpoint.gatewayRoutes().stream(),
                    Stream.of(new Route("GET", "/console"), new Route("GET", "/console/{proxy+}"))).toList()),
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

    /**
     * The JVM options every function runs with: the stack sets them as {@code JAVA_TOOL_OPTIONS}, and
     * the cold-start benchmark starts both its function JVMs and its bare-handler JVM with them. C1
     * only: a short-lived Lambda JVM gains nothing from C2's profiling and pays for it at start. On
     * java17 and java21 this is Lambda's own default, pinned here so that the benchmark measures what
     * Lambda runs; on java25 Lambda uses the JVM's defaults under SnapStart, so drop it there.
     * {@code MetaspaceSize} is the class-metadata level that triggers the first collection (21 MB by
     * default): a function's start loads 5,600 to 6,900 classes, 23 to 31 MB, so without it every cold
     * start paid a collection for class metadata alone (under G1 a young pause and a concurrent mark
     * cycle, under the serial collector a full collection). It reserves and commits nothing and caps
     * nothing.
     */
    public static final String JVM_OPTIONS = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:MetaspaceSize=64m";

    /** How AWS invokes the function. */
    public enum Trigger {
        HTTP,
        SNS,
        EVENTBRIDGE,
        SCHEDULE,
        DYNAMODB_STREAM
    }

    /** The route API Gateway picks for a request, with its path parameters. */
    public record RouteMatch(FunctionCatalog function, Route route, Map<String, String> pathParameters) {
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

    /**
     * The handler string Lambda needs: the class alone, so that the runtime calls the handler
     * interface the class implements ({@code RequestStreamHandler} for the HTTP functions, which also
     * have a {@code handleRequest} taking the bound event) instead of picking among overloads by name.
     */
    public String handler() {
        return handlerClass;
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

    /** The route serving an HTTP request, by API Gateway's rules ({@link Route#MOST_SPECIFIC_FIRST}); empty: API Gateway's 404. */
    public static Optional<RouteMatch> route(String method, String path) {
        return Arrays.stream(values())
                .flatMap(function -> function.routes.stream()
                        .flatMap(route -> route.match(method, path).map(p -> new RouteMatch(function, route, p)).stream()))
                .min((a, b) -> Route.MOST_SPECIFIC_FIRST.compare(a.route(), b.route()));
    }
}
