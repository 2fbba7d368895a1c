package io.stmails.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.catalog.FunctionCatalog;
import io.stmails.wiring.Components;
import io.stmails.wiring.Environment;
import io.stmails.store.dynamodb.TableDefinitions;
import io.stmails.store.dynamodb.Tables;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * {@code bench-coldstart [--runs N] [--repo DIR]}: for each function, N fresh JVMs
 * ({@link ColdStartProbe}, the local jar's classpath) from process start to the first real-shaped
 * event handled against DynamoDB Local (started here, 127.0.0.1, ephemeral port); the median beside
 * a bare handler doing one PutItem with the same SDK and HTTP client, and the ratio. Then N more
 * JVMs per function that run the SnapStart priming hook first: the first event's own latency with
 * and without priming, measured inside the JVM (what priming can save; the restore itself only AWS can measure).
 * Every probe JVM, the bare handler's too, runs with the JVM options the stack gives the functions
 * ({@link FunctionCatalog#JVM_OPTIONS}, as {@code JAVA_TOOL_OPTIONS}).
 */
final class ColdStartBench {
    private static final String JAVA_TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";
    private static final List<String> FUNCTIONS = List.of("webhook-bounce", "webhook-postmark", "ses-notifications",
            "ses-events", "api", "bounce-actions", "pop3-scanner");

    private ColdStartBench() {
    }

    /** @param cpuMillis the JVM's own CPU time, all threads, until the event was handled: what another process's load does not stretch */
    private record Run(double wallMillis, double handleMillis, double cpuMillis) {
    }

    static int run(List<String> args, PrintStream out) throws Exception {
        int runs = BenchWorld.intOption(args, "--runs", 3);
        Path repo = BenchWorld.repo(args);
        ObjectMapper json = new ObjectMapper();
        BenchWorld world = new BenchWorld(repo, json);
        String streamEvent = Files.readString(repo.resolve("events/dynamodb/ttl-expired-bounce-removed.json"));
        Path work = Files.createTempDirectory("stmails-coldstart");
        Map<String, double[]> cold = new LinkedHashMap<>();
        Map<String, double[]> firstEvent = new LinkedHashMap<>();
        Map<String, double[]> primedFirstEvent = new LinkedHashMap<>();
        Map<String, double[]> cpu = new LinkedHashMap<>();
        try (DynamoServer dynamo = new DynamoServer()) {
            DynamoDbClient client = dynamo.client();
            Tables tables = Tables.withPrefix("stmails-");
            TableDefinitions.createIfMissing(client, tables);
            client.createTable(b -> b.tableName(ColdStartProbe.BARE_TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build())
                    .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
            Components seeding = Components.builder().json(json).dynamo(client).tables(tables).build();
            Map<String, String> environment = functionEnvironment(dynamo.endpoint(), world.settingsJson(true));
            for (String path : List.of("wb", "pm", "ses", "sev", "coldstart")) {
                BenchWorld.seed(seeding.subscribers(), path, 2 * runs);
            }
            Map<String, IntFunction<String>> events = new LinkedHashMap<>();
            events.put(ColdStartProbe.BARE, n -> "bare-" + n);
            events.put("webhook-bounce", n -> world.webhook("wb", n));
            events.put("webhook-postmark", n -> world.postmark("pm", n));
            events.put("ses-notifications", n -> world.ses("ses", n));
            events.put("ses-events", n -> world.sesEventBridge("sev", n));
            events.put("api", n -> world.api("find-subscriber-by-email"));
            events.put("bounce-actions", n -> streamEvent.replaceAll("\"SequenceNumber\"\\s*:\\s*\"\\d+\"",
                    "\"SequenceNumber\": \"" + (900000000000000000L + n) + "\""));
            events.put("pop3-scanner", n -> world.pop3Schedule() + "#" + n);
            for (String function : events.keySet()) {
                cold.put(function, new double[runs]);
                firstEvent.put(function, new double[runs]);
                primedFirstEvent.put(function, new double[runs]);
                cpu.put(function, new double[runs]);
            }
            // Round by round, every function once per round: a load change on a shared machine then
            // weighs on every function alike instead of on whichever ran during it.
            for (int r = 0; r < runs; r++) {
                for (var entry : events.entrySet()) {
                    String function = entry.getKey();
                    Run unprimed = probe(function, environment, entry.getValue().apply(r), repo, work, false);
                    cold.get(function)[r] = unprimed.wallMillis();
                    firstEvent.get(function)[r] = unprimed.handleMillis();
                    cpu.get(function)[r] = unprimed.cpuMillis();
                    if (!function.equals(ColdStartProbe.BARE)) {
                        primedFirstEvent.get(function)[r] = probe(function, environment,
                                entry.getValue().apply(runs + r), repo, work, true).handleMillis();
                    }
                }
            }
        } finally {
            try (var files = Files.list(work)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(work);
        }
        double bare = median(cold.get(ColdStartProbe.BARE));
        double bareCpu = median(cpu.get(ColdStartProbe.BARE));
        StringBuilder line = new StringBuilder(String.format(
                "bench-coldstart (median of %d fresh JVMs with %s, start to first event handled): bare PutItem %.0f ms;",
                runs, FunctionCatalog.JVM_OPTIONS, bare));
        for (String function : FUNCTIONS) {
            line.append(String.format(" %s %.0f ms ratio %.2f (CPU %.2f);", function, median(cold.get(function)),
                    median(cold.get(function)) / bare, median(cpu.get(function)) / bareCpu));
        }
        out.println(line.substring(0, line.length() - 1));
        out.printf("%-18s %12s %7s %10s %9s %16s %18s%n", "function", "cold (ms)", "ratio", "CPU (ms)", "CPU ratio",
                "first event (ms)", "after priming (ms)");
        out.printf("%-18s %12.0f %7.2f %10.0f %9.2f %16.1f %18s%n", ColdStartProbe.BARE, bare, 1.0, bareCpu, 1.0,
                median(firstEvent.get(ColdStartProbe.BARE)), "-");
        for (String function : FUNCTIONS) {
            out.printf("%-18s %12.0f %7.2f %10.0f %9.2f %16.1f %18.1f%n", function, median(cold.get(function)),
                    median(cold.get(function)) / bare, median(cpu.get(function)), median(cpu.get(function)) / bareCpu,
                    median(firstEvent.get(function)), median(primedFirstEvent.get(function)));
        }
        return 0;
    }

    /**
     * What the stack gives a function (minus the secret: the probe adds the bench's), pointed at this
     * DynamoDB Local; the bare handler gets the same, so both run with the stack's JVM options. Options
     * the bench itself was started with in {@code JAVA_TOOL_OPTIONS} (a class-loading trace, say) come first.
     */
    private static Map<String, String> functionEnvironment(String endpoint, String settings) {
        String inherited = System.getenv(JAVA_TOOL_OPTIONS);
        return Map.of(Environment.Variable.STMAILS_SETTINGS.name(), settings,
                Environment.Variable.STMAILS_DYNAMODB_ENDPOINT.name(), endpoint,
                Environment.Variable.AWS_REGION.name(), "us-east-1",
                "AWS_ACCESS_KEY_ID", LocalAws.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", LocalAws.SECRET_KEY,
                JAVA_TOOL_OPTIONS, inherited == null || inherited.isBlank() ? FunctionCatalog.JVM_OPTIONS
                        : inherited.strip() + " " + FunctionCatalog.JVM_OPTIONS);
    }

    private static Run probe(String function, Map<String, String> environment, String event, Path repo, Path work,
            boolean prime) throws IOException, InterruptedException {
        Path eventFile = Files.createTempFile(work, function, ".json");
        Files.writeString(eventFile, event);
        Path errors = Files.createTempFile(work, function, ".err");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ColdStartProbe.class.getName(),
                function, eventFile.toString(), repo.toAbsolutePath().toString()));
        if (prime) {
            command.add("--prime");
        }
        long start = System.nanoTime();
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(errors.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        Double handled = null;
        double wall = 0;
        double cpu = 0;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String text = reader.readLine(); text != null; text = reader.readLine()) {
                if (text.startsWith("handled ")) {
                    wall = (System.nanoTime() - start) / 1e6;
                    String[] figures = text.split(" ");
                    handled = Double.parseDouble(figures[1]);
                    cpu = Double.parseDouble(figures[3]);
                }
            }
        }
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        if (handled == null || process.exitValue() != 0) {
            throw new IllegalStateException(function + ": the probe JVM did not handle its event (exit "
                    + process.exitValue() + "): " + Files.readString(errors));
        }
        return new Run(wall, handled, cpu);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
