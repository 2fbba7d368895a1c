package io.stmails.local;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.catalog.FunctionCatalog;
import io.stmails.handler.Pop3ScannerHandler;
import io.stmails.wiring.Components;
import io.stmails.store.dynamodb.BounceItems;
import io.stmails.store.dynamodb.TableDefinitions;
import io.stmails.store.dynamodb.Tables;
import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * {@code bench-capacity [--bounces N] [--repo DIR]}: the DynamoDB capacity one recorded bounce
 * consumes on each path, from the request to the threshold action and the statistics counters.
 * Every call goes through an SDK interceptor ({@link CapacityMeter}) that asks for the consumed
 * capacity and sums it; the bounces table's stream is then handed to {@code bounce-actions} the way
 * the local poller does, and its calls are metered too. The {@code -trickle} paths hand the stream over
 * one record per batch, as Lambda does when bounces arrive one at a time (a small sender's normal case):
 * what is shared by a batch (the counters' items) is then paid by every bounce.
 */
final class CapacityBench {
    /** DynamoDB on-demand, us-east-1, standard table class, since 1 November 2024 (see the README, "Performance"). */
    static final double DOLLARS_PER_MILLION_WRITE_UNITS = 0.625;
    static final double DOLLARS_PER_MILLION_READ_UNITS = 0.125;
    static final String PRICES = "on-demand us-east-1 standard: $0.625/M write request units, $0.125/M read request units"
            + " (AWS price list since 2024-11-01, checked 2026-11-26)";

    /**
     * The day the fixtures' bounces happened (the webhook's is moved to it), and the bench's clock: each bounce is
     * counted on the UTC day its action is applied, as when bounces are reported as they happen.
     */
    private static final Instant FIXTURES_DAY = Instant.parse("2026-03-02T12:00:00Z");
    private static final String WEBHOOK_FIXTURE_CREATED_AT = "2026-11-22T10:15:00Z";
    private static final int STREAM_BATCH = 100;
    private static final int TRICKLE_BATCH = 1;

    private CapacityBench() {
    }

    record PathFigures(String path, int bounces, double ingestRead, double ingestWrite, double streamRead, double streamWrite,
            Map<String, CapacityMeter.Tally> operations) {
        double read() {
            return (ingestRead + streamRead) / bounces;
        }

        double write() {
            return (ingestWrite + streamWrite) / bounces;
        }

        double dollarsPerMillion() {
            return write() * DOLLARS_PER_MILLION_WRITE_UNITS + read() * DOLLARS_PER_MILLION_READ_UNITS;
        }
    }

    static int run(List<String> args, PrintStream out) throws Exception {
        int bounces = BenchWorld.intOption(args, "--bounces", 200);
        ObjectMapper json = new ObjectMapper();
        BenchWorld world = new BenchWorld(BenchWorld.repo(args), json);
        CapacityMeter meter = new CapacityMeter();
        List<PathFigures> figures = new ArrayList<>();
        String counterItem;
        try (DynamoServer dynamo = new DynamoServer();
                DynamoDbStreamsClient streams = DynamoDbStreamsClient.builder()
                        .endpointOverride(URI.create(dynamo.endpoint())).region(Region.US_EAST_1)
                        .httpClient(UrlConnectionHttpClient.create())
                        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                        .build()) {
            DynamoDbClient client = dynamo.client(meter);
            DynamoDbClient unmetered = dynamo.client();
            meter.sizeUpdatesFrom(unmetered);
            Tables tables = Tables.withPrefix("stmails-");
            TableDefinitions.createIfMissing(client, tables);
            for (String table : List.of(tables.bounces(), tables.subscribers(), tables.stats())) {
                meter.describe(client.describeTable(b -> b.tableName(table)).table());
            }
            Components services = Components.builder().json(json).settings(world.settings()).secrets(world::secrets)
                    .dynamo(client).tables(tables).clock(() -> FIXTURES_DAY).build();
            LocalFunctions functions = new LocalFunctions(services);
            String streamArn = client.describeTable(b -> b.tableName(tables.bounces())).table().latestStreamArn();
            Stream stream = new Stream(streams, streamArn, functions, json);
            BenchWorld.MemoryMailbox mailbox = new BenchWorld.MemoryMailbox();
            Pop3ScannerHandler scanner = new Pop3ScannerHandler(services, mailbox);
            ScheduledEvent schedule = LambdaEventSerializers.serializerFor(ScheduledEvent.class,
                    CapacityBench.class.getClassLoader()).fromJson(new ByteArrayInputStream(
                            world.pop3Schedule().getBytes(StandardCharsets.UTF_8)));

            figures.add(measure("webhook", bounces, services, meter, stream, STREAM_BATCH,
                    n -> functions.invoke(FunctionCatalog.WEBHOOK_BOUNCE, webhookOnFixturesDay(world, "webhook", n))));
            figures.add(measure("ses", bounces, services, meter, stream, STREAM_BATCH,
                    n -> functions.invoke(FunctionCatalog.SES_NOTIFICATIONS, world.ses("ses", n))));
            figures.add(measure("postmark", bounces, services, meter, stream, STREAM_BATCH,
                    n -> functions.invoke(FunctionCatalog.WEBHOOK_POSTMARK, world.postmark("postmark", n))));
            figures.add(measure("pop3", bounces, services, meter, stream, STREAM_BATCH, n -> {
                mailbox.add(BenchWorld.dsn("pop3", n));
                if (n == bounces - 1 || mailbox.size() == 1000) {
                    while (mailbox.size() > 0) {
                        scanner.handleRequest(schedule, null);
                    }
                }
                return "";
            }));
            figures.add(measure("webhook-trickle", bounces, services, meter, stream, TRICKLE_BATCH,
                    n -> functions.invoke(FunctionCatalog.WEBHOOK_BOUNCE, webhookOnFixturesDay(world, "webhook-trickle", n))));
            figures.add(measure("ses-trickle", bounces, services, meter, stream, TRICKLE_BATCH,
                    n -> functions.invoke(FunctionCatalog.SES_NOTIFICATIONS, world.ses("ses-trickle", n))));
            counterItem = largestCounterItem(unmetered, tables);
        }
        print(figures, bounces, out);
        out.println(counterItem);
        return 0;
    }

    private static String webhookOnFixturesDay(BenchWorld world, String path, int n) {
        String event = world.webhook(path, n);
        if (!event.contains(WEBHOOK_FIXTURE_CREATED_AT)) {
            throw new IllegalStateException("the webhook fixture's created_at is no longer " + WEBHOOK_FIXTURE_CREATED_AT);
        }
        return event.replace(WEBHOOK_FIXTURE_CREATED_AT, FIXTURES_DAY.toString().substring(0, 10) + "T10:15:00Z");
    }

    /** The largest counter item the run left (one per scope and UTC day), with what an update of it costs. */
    private static String largestCounterItem(DynamoDbClient unmetered, Tables tables) {
        Map<String, AttributeValue> largest = unmetered.scan(b -> b.tableName(tables.stats())).items().stream()
                .filter(item -> item.get(Tables.PK).s().startsWith("STATS#"))
                .max(Comparator.comparingLong(ItemSize::of)).orElseThrow();
        long bytes = ItemSize.of(largest);
        long kilobytes = Math.max(1, (bytes + 1023) / 1024);
        return String.format("largest counter item: %s %s, %d attributes, %d bytes: %d KB, %d write units per update"
                + " in a transaction", largest.get(Tables.PK).s(), largest.get(Tables.SK).s(), largest.size() - 2, bytes,
                kilobytes, 2 * kilobytes);
    }

    private static PathFigures measure(String path, int bounces, Components services, CapacityMeter meter, Stream stream,
            int streamBatch, IntFunction<String> send) {
        BenchWorld.seed(services.subscribers(), path, bounces);
        stream.drain(STREAM_BATCH);
        meter.reset();
        for (int n = 0; n < bounces; n++) {
            String response = send.apply(n);
            if (response.contains("\"statusCode\":") && !response.contains("\"statusCode\":200")) {
                throw new IllegalStateException(path + " bounce " + n + " was refused: " + response);
            }
        }
        Map<String, CapacityMeter.Tally> ingest = meter.snapshot();
        meter.reset();
        int delivered = stream.drain(streamBatch);
        Map<String, CapacityMeter.Tally> actions = meter.snapshot();
        long recorded = services.stats().read(io.stmails.domain.StatsCounters.ALL).getOrDefault(
                io.stmails.domain.StatsCounters.TOTAL, 0L);
        if (delivered < bounces) {
            throw new IllegalStateException(path + ": only " + delivered + " stream records for " + bounces + " bounces (total counted "
                    + recorded + ")");
        }
        Map<String, CapacityMeter.Tally> operations = new HashMap<>();
        ingest.forEach((name, tally) -> operations.put("ingest " + name, tally));
        actions.forEach((name, tally) -> operations.put("stream " + name, tally));
        return new PathFigures(path, bounces, sum(ingest, true), sum(ingest, false), sum(actions, true), sum(actions, false),
                operations);
    }

    private static double sum(Map<String, CapacityMeter.Tally> tallies, boolean read) {
        return tallies.values().stream().mapToDouble(t -> read ? t.readUnits : t.writeUnits).sum();
    }

    private static void print(List<PathFigures> figures, int bounces, PrintStream out) {
        StringBuilder line = new StringBuilder("bench-capacity (" + bounces + " bounces per path, RCU/WCU per recorded bounce, $ per million bounces;"
                + " -trickle: the stream handed over one record per batch):");
        for (PathFigures f : figures) {
            line.append(String.format(" %s %.2f RCU %.2f WCU $%.2f;", f.path(), f.read(), f.write(), f.dollarsPerMillion()));
        }
        out.println(line.substring(0, line.length() - 1));
        out.println("prices: " + PRICES + "; transactional requests consume 2 units per item;"
                + " reads and single-item writes as DynamoDB Local reports them (index writes included),"
                + " TransactWriteItems computed from the request (DynamoDB Local misreports them; see README)");
        out.printf("%-15s %9s %9s %9s %9s %9s %9s %12s%n", "path", "ingest R", "ingest W", "stream R", "stream W",
                "RCU/b", "WCU/b", "$/M bounces");
        for (PathFigures f : figures) {
            out.printf("%-15s %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f %12.2f%n", f.path(), f.ingestRead() / f.bounces(),
                    f.ingestWrite() / f.bounces(), f.streamRead() / f.bounces(), f.streamWrite() / f.bounces(), f.read(),
                    f.write(), f.dollarsPerMillion());
        }
        out.println("calls per bounce (units per bounce):");
        for (PathFigures f : figures) {
            StringBuilder calls = new StringBuilder(String.format("  %-15s", f.path()));
            f.operations().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> calls.append(String.format(
                    " %s %.2f (%.2f: table %.2f, indexes %.2f)", e.getKey(), (double) e.getValue().calls / f.bounces(),
                    (e.getValue().readUnits + e.getValue().writeUnits) / f.bounces(), e.getValue().tableUnits / f.bounces(),
                    e.getValue().indexUnits / f.bounces())));
            out.println(calls);
        }
    }

    /** The bounces table's stream handed to {@code bounce-actions} in batches of a given size, as the local poller does. */
    private static final class Stream {
        private final DynamoDbStreamsClient streams;
        private final String arn;
        private final LocalFunctions functions;
        private final ObjectMapper json;
        private final Map<String, String> lastSequence = new HashMap<>();

        Stream(DynamoDbStreamsClient streams, String arn, LocalFunctions functions, ObjectMapper json) {
            this.streams = streams;
            this.arn = arn;
            this.functions = functions;
            this.json = json;
        }

        /**
         * Hands every record not yet handed over to {@code bounce-actions}, at most {@code batchSize} per invocation;
         * returns how many bounce records it saw.
         */
        int drain(int batchSize) {
            int records = 0;
            boolean more = true;
            while (more) {
                more = false;
                for (Shard shard : streams.describeStream(b -> b.streamArn(arn)).streamDescription().shards()) {
                    String after = lastSequence.get(shard.shardId());
                    String iterator = streams.getShardIterator(b -> {
                        b.streamArn(arn).shardId(shard.shardId());
                        if (after == null) {
                            b.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
                        } else {
                            b.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
                        }
                    }).shardIterator();
                    while (iterator != null) {
                        String current = iterator;
                        var response = streams.getRecords(b -> b.shardIterator(current).limit(batchSize));
                        List<Record> batch = response.records();
                        if (batch.isEmpty()) {
                            break;
                        }
                        String result = functions.invoke(FunctionCatalog.BOUNCE_ACTIONS,
                                StreamEvents.toDynamodbEventJson(batch, arn, json));
                        if (result.contains("itemIdentifier")) {
                            throw new IllegalStateException("bounce-actions reported failed records: " + result);
                        }
                        records += (int) batch.stream().filter(r -> "INSERT".equals(r.eventNameAsString())
                                && BounceItems.isBounce(r.dynamodb().newImage())).count();
                        lastSequence.put(shard.shardId(), batch.get(batch.size() - 1).dynamodb().sequenceNumber());
                        iterator = response.nextShardIterator();
                        more = true;
                    }
                }
            }
            return records;
        }
    }
}
