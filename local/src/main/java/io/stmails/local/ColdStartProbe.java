package io.stmails.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.handler.ApiHandler;
import io.stmails.handler.BounceActionsHandler;
import io.stmails.handler.Pop3ScannerHandler;
import io.stmails.handler.ProviderWebhookHandler;
import io.stmails.handler.Services;
import io.stmails.handler.SesEventsHandler;
import io.stmails.handler.SesNotificationsHandler;
import io.stmails.handler.WebhookBounceHandler;
import io.stmails.priming.Priming;
import io.stmails.store.dynamodb.Tables;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The child JVM of {@code bench-coldstart}: {@code FUNCTION ENDPOINT EVENT_FILE REPO [--prime]}.
 * Builds one function as its Lambda constructor would (settings, a DynamoDB client on the
 * url-connection HTTP client, the handler), handles the one event, and prints
 * {@code handled <ms of the handler call>}. {@code bare} does one PutItem with the same SDK and
 * HTTP client instead. With {@code --prime} the function's SnapStart hook runs before the event.
 */
final class ColdStartProbe {
    static final String BARE = "bare";
    static final String BARE_TABLE = "stmails-bare-puts";

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.log.io.stmails", "warn");
        String function = args[0];
        String endpoint = args[1];
        String event = Files.readString(Path.of(args[2]));
        boolean prime = args.length > 4 && args[4].equals("--prime");
        if (function.equals(BARE)) {
            DynamoDbClient client = DynamoDbClient.builder().endpointOverride(java.net.URI.create(endpoint))
                    .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"))).build();
            long start = System.nanoTime();
            client.putItem(b -> b.tableName(BARE_TABLE).item(Map.of("pk", AttributeValue.fromS(event.strip()))));
            System.out.println("handled " + (System.nanoTime() - start) / 1_000_000.0);
            return;
        }
        ObjectMapper json = new ObjectMapper();
        BenchWorld world = new BenchWorld(Path.of(args[3]), json);
        Services services = Services.builder().json(json).settings(world.settings()).secrets(world::secrets)
                .dynamo(Services.localDynamo(endpoint)).tables(Tables.withPrefix("stmails-")).build();
        Probe<?> probe = switch (function) {
            case "webhook-bounce" -> new Probe<>(new WebhookBounceHandler(services), APIGatewayV2HTTPEvent.class,
                    Priming.http(function, services));
            case "webhook-postmark" -> new Probe<>(new ProviderWebhookHandler(services), APIGatewayV2HTTPEvent.class,
                    Priming.http(function, services));
            case "ses-notifications" -> new Probe<>(new SesNotificationsHandler(services), SNSEvent.class,
                    Priming.ses(function, services));
            case "ses-events" -> new Probe<>(new SesEventsHandler(services), ScheduledEvent.class,
                    Priming.ses(function, services));
            case "api" -> new Probe<>(new ApiHandler(services), APIGatewayV2HTTPEvent.class, Priming.http(function, services));
            case "bounce-actions" -> new Probe<>(new BounceActionsHandler(services), DynamodbEvent.class,
                    Priming.bounceActions(services));
            case "pop3-scanner" -> {
                BenchWorld.MemoryMailbox mailbox = new BenchWorld.MemoryMailbox();
                mailbox.add(BenchWorld.dsn("coldstart", Integer.parseInt(event.substring(event.lastIndexOf('#') + 1).strip())));
                yield new Probe<>(new Pop3ScannerHandler(services, mailbox), ScheduledEvent.class, Priming.pop3Scanner(services));
            }
            default -> throw new IllegalArgumentException("unknown function " + function);
        };
        if (prime) {
            probe.priming().prime();
        }
        long start = System.nanoTime();
        probe.handle(function.equals("pop3-scanner") ? event.substring(0, event.lastIndexOf('#')) : event);
        System.out.println("handled " + (System.nanoTime() - start) / 1_000_000.0);
    }

    private record Probe<I>(RequestHandler<I, ?> handler, Class<I> type, Priming priming) {
        void handle(String event) {
            I input = LambdaEventSerializers.serializerFor(type, ColdStartProbe.class.getClassLoader())
                    .fromJson(new ByteArrayInputStream(event.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            Object result = handler.handleRequest(input, new LocalContext("probe", LocalFunctions.TIMEOUT_MILLIS));
            if (result instanceof com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse response
                    && response.getStatusCode() != 200) {
                throw new IllegalStateException("answered " + response.getStatusCode() + ": " + response.getBody());
            }
        }
    }
}
