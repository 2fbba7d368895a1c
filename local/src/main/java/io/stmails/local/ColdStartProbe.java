package io.stmails.local;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.handler.ApiHandler;
import io.stmails.handler.BounceActionsHandler;
import io.stmails.handler.HttpApiHandler;
import io.stmails.handler.Pop3ScannerHandler;
import io.stmails.handler.ProviderWebhookHandler;
import io.stmails.handler.SesEventsHandler;
import io.stmails.handler.SesNotificationsHandler;
import io.stmails.handler.WebhookBounceHandler;
import io.stmails.priming.Priming;
import io.stmails.wiring.AwsClients;
import io.stmails.wiring.Components;
import io.stmails.wiring.Environment;
import io.stmails.wiring.FunctionWiring;
import io.stmails.wiring.LambdaWiring;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The child JVM of {@code bench-coldstart}: {@code FUNCTION EVENT_FILE REPO [--prime]}, with the
 * environment the stack gives the function (settings, a DynamoDB endpoint, credentials). Builds the
 * function as its Lambda constructor does ({@link LambdaWiring} from the environment, the function's
 * own wiring and settings sections, then the handler) except that the secrets are the bench's
 * instead of Secrets Manager's, handles the one event, and prints the handler call's time and the
 * JVM's CPU time ({@link #printHandled}). {@code bare} does one PutItem with a DynamoDB client from the same factory instead. With
 * {@code --prime} the function's SnapStart hook runs before the event.
 */
final class ColdStartProbe {
    static final String BARE = "bare";
    static final String BARE_TABLE = "stmails-bare-puts";

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        String function = args[0];
        String event = Files.readString(Path.of(args[1]));
        boolean prime = args.length > 3 && args[3].equals("--prime");
        Environment environment = Environment.system();
        if (function.equals(BARE)) {
            DynamoDbClient client = AwsClients.lambda(environment).dynamo();
            long start = System.nanoTime();
            client.putItem(b -> b.tableName(BARE_TABLE).item(Map.of("pk", AttributeValue.fromS(event.strip()))));
            printHandled(start);
            return;
        }
        // In a nested class: verifying this one does not load the handler classes into the bare handler's JVM.
        Probe probe = Probe.of(function, environment, event, new BenchWorld(Path.of(args[2]), new ObjectMapper()));
        if (prime) {
            probe.priming().prime();
        }
        long start = System.nanoTime();
        probe.handle(function.equals("pop3-scanner") ? event.substring(0, event.lastIndexOf('#')) : event);
        printHandled(start);
    }

    private static Components parts(Environment environment, Set<LambdaWiring.Section> reads, BenchWorld world) {
        return LambdaWiring.builder(environment, reads).secrets(world::secrets).build();
    }

    /** {@code handled <ms of the handler call> cpu <ms of this JVM's CPU time so far, all threads>}. */
    private static void printHandled(long start) {
        double handled = (System.nanoTime() - start) / 1_000_000.0;
        long cpu = ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(0L);
        System.out.println("handled " + handled + " cpu " + cpu);
    }

    /** How Lambda hands the function its event: to a stream handler as it is, through the runtime's serializer to the others. */
    @FunctionalInterface
    private interface Invoke {
        void handle(String event) throws IOException;
    }

    private record Probe(Invoke invoke, Priming priming) {
        /** The function as its Lambda constructor builds it, with the bench's secrets. */
        static Probe of(String function, Environment environment, String event, BenchWorld world) {
            return switch (function) {
                case "webhook-bounce" -> Probe.http(function,
                        parts(environment, FunctionWiring.WEBHOOK_BOUNCE_READS, world), WebhookBounceHandler::new);
                case "webhook-postmark" -> Probe.http(function,
                        parts(environment, FunctionWiring.PROVIDER_WEBHOOK_READS, world), ProviderWebhookHandler::new);
                case "ses-notifications" -> {
                    Components parts = parts(environment, FunctionWiring.SES_READS, world);
                    yield Probe.stream(new SesNotificationsHandler(parts), Priming.ses(function, parts));
                }
                case "ses-events" -> {
                    Components parts = parts(environment, FunctionWiring.SES_READS, world);
                    yield Probe.pojo(new SesEventsHandler(parts), ScheduledEvent.class, Priming.ses(function, parts));
                }
                case "api" -> Probe.http(function, parts(environment, FunctionWiring.API_READS, world), ApiHandler::new);
                case "bounce-actions" -> {
                    Components parts = parts(environment, FunctionWiring.BOUNCE_ACTIONS_READS, world);
                    yield Probe.pojo(new BounceActionsHandler(parts), DynamodbEvent.class, Priming.bounceActions(parts));
                }
                case "pop3-scanner" -> {
                    Components parts = parts(environment, FunctionWiring.POP3_SCANNER_READS, world);
                    BenchWorld.MemoryMailbox mailbox = new BenchWorld.MemoryMailbox();
                    mailbox.add(BenchWorld.dsn("coldstart", Integer.parseInt(event.substring(event.lastIndexOf('#') + 1).strip())));
                    yield Probe.pojo(new Pop3ScannerHandler(parts, mailbox), ScheduledEvent.class, Priming.pop3Scanner(parts));
                }
                default -> throw new IllegalArgumentException("unknown function " + function);
            };
        }

        /** An HTTP function, primed through its own reading of an event. */
        static Probe http(String function, Components parts, Function<Components, HttpApiHandler> build) {
            HttpApiHandler handler = build.apply(parts);
            return stream(handler, Priming.http(function, parts, handler::request));
        }

        /** A stream handler, as Lambda calls it; an HTTP function must answer 200. */
        static Probe stream(RequestStreamHandler handler, Priming priming) {
            return new Probe(event -> {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out,
                        new LocalContext("probe", LocalFunctions.TIMEOUT_MILLIS));
                String response = out.toString(StandardCharsets.UTF_8);
                if (handler instanceof HttpApiHandler && !response.startsWith("{\"statusCode\":200,")) {
                    throw new IllegalStateException("answered " + response);
                }
            }, priming);
        }

        static <I> Probe pojo(RequestHandler<I, ?> handler, Class<I> type, Priming priming) {
            return new Probe(event -> {
                I input = LambdaEventSerializers.serializerFor(type, ColdStartProbe.class.getClassLoader())
                        .fromJson(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)));
                handler.handleRequest(input, new LocalContext("probe", LocalFunctions.TIMEOUT_MILLIS));
            }, priming);
        }

        void handle(String event) throws IOException {
            invoke.handle(event);
        }
    }
}
