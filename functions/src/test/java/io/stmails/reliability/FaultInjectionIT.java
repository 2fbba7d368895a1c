package io.stmails.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.actions.SnsActionPublisher;
import io.stmails.config.ApiUser;
import io.stmails.config.Secrets;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.domain.StatsCounters;
import io.stmails.handler.BounceActionsHandler;
import io.stmails.wiring.Components;
import io.stmails.handler.WebhookBounceHandler;
import io.stmails.store.dynamodb.BounceItems;
import io.stmails.testing.DynamoDbLocal;
import io.stmails.testing.TableStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeTry;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * Faults injected into the real SDK against DynamoDB Local (one per try, on any call of a whole
 * scenario: webhook writes, stream processing, threshold actions) and into SNS publishing, plus a
 * poison record at each position of a stream batch. Whatever was acknowledged is stored exactly
 * once, counted exactly once, its action applied once and announced; only the poison record is
 * sent to the on-failure destination.
 */
class FaultInjectionIT extends FuzzProperties {
    private static final String WEBHOOK = "POST /webhooks/bounce (with injected faults)";
    private static final String FAULTS = "DynamoDB and SNS faults injected";
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:stmails-actions";
    private static final Pattern EVENT_ID = Pattern.compile("\"event_id\":\"([^\"]+)\"");
    private final ObjectMapper json = new ObjectMapper();
    private FaultyHttpClient dynamoHttp;
    private FaultyHttpClient.FakeSns snsHttp;
    private Components faulty;
    private TableStream stream;

    @Override
    protected FuzzWorld createWorld() {
        FuzzWorld created = FuzzWorld.create("{}", Secrets.empty(), null);
        stream = new TableStream(created.tables.bounces());
        return created;
    }

    /** After the tables were emptied: their stream so far skipped, and services whose DynamoDB and SNS go through the fault injectors (no SDK retries, so each fault reaches the code). */
    @BeforeTry
    void freshClients() {
        stream.drain();
        dynamoHttp = new FaultyHttpClient(UrlConnectionHttpClient.create());
        snsHttp = new FaultyHttpClient.FakeSns();
        DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(URI.create(DynamoDbLocal.endpoint()))
                .region(Region.US_EAST_1).httpClient(dynamoHttp)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        SnsClient sns = SnsClient.builder().endpointOverride(URI.create("http://127.0.0.1:9")).region(Region.US_EAST_1)
                .httpClient(snsHttp)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        Secrets secrets = Secrets.empty().withApiUser(new ApiUser(FuzzWorld.HOOK, FuzzWorld.HOOK_TOKEN, Set.of("webhooks:post_bounce")));
        faulty = Components.builder().json(json).dynamo(dynamo).tables(world.tables).secrets(() -> secrets)
                .settings(world.services.settings()).publisher(new SnsActionPublisher(sns, TOPIC, json)).build();
    }

    /**
     * A sender posts bounces (retrying a 5xx, as told), then the stream is delivered as Lambda delivers it, while
     * one DynamoDB call of the whole scenario fails and one SNS publish fails.
     */
    @Property(tries = 25)
    void oneFaultAnywhereLosesNothingAndCountsNothingTwice(@ForAll @IntRange(min = 1, max = 90) int faultAt,
            @ForAll FaultyHttpClient.Fault fault, @ForAll @IntRange(min = 0, max = 3) int snsFailAt,
            @ForAll @IntRange(min = 2, max = 6) int bounces) {
        dynamoHttp.failAt(faultAt, fault);
        if (snsFailAt > 0) {
            snsHttp.failAt(snsFailAt, List.of(0, 400, 500).get(faultAt % 3));
        }
        WebhookBounceHandler webhook = new WebhookBounceHandler(faulty);
        List<String> acknowledged = new ArrayList<>();
        for (int i = 0; i < bounces; i++) {
            String key = "fault-" + i;
            String body = "{\"email\": \"user" + (i % 3) + "@example.com\", \"type\": \"" + BounceType.values()[i % 3].wire()
                    + "\", \"source\": \"faults\", \"meta\": {\"n\": " + i + "}}";
            for (int attempt = 1; attempt <= 3; attempt++) {
                APIGatewayV2HTTPEvent request = Requests.http("POST", "/webhooks/bounce", "", Map.of("authorization",
                        "token " + FuzzWorld.HOOK + ":" + FuzzWorld.HOOK_TOKEN, "idempotency-key", key),
                        body.getBytes(StandardCharsets.UTF_8));
                APIGatewayV2HTTPResponse response = Bounded.call(WEBHOOK, () -> webhook.handleRequest(request, null));
                Figures.answer(WEBHOOK, response.getStatusCode());
                assertTrue(response.getStatusCode() == 200 || response.getStatusCode() >= 500,
                        "a valid bounce answered " + response.getStatusCode() + " " + response.getBody() + " after " + dynamoHttp.injected());
                if (response.getStatusCode() == 200) {
                    acknowledged.add(key);
                    break;
                }
                assertTrue(response.getBody().contains("retry"), "a 5xx that does not ask for a retry: " + response.getBody());
            }
        }
        assertEquals(bounces, acknowledged.size(), "a sender retrying three times got every bounce acknowledged");

        List<DynamodbEvent.DynamodbStreamRecord> records = stream.drain().getRecords();
        List<String> deadLettered = new EventSourceMapping(new BounceActionsHandler(faulty), 10).deliver(records);
        List<String> injected = dynamoHttp.injected();
        injected.forEach(i -> Figures.fault(FAULTS));
        if (snsFailAt > 0 && snsHttp.published().size() >= snsFailAt) {
            Figures.fault(FAULTS);
        }
        assertEquals(List.of(), deadLettered, "one transient fault sent records to the on-failure destination: " + injected);

        Map<String, Integer> stored = new HashMap<>();
        DynamoDbLocal.client().scanPaginator(b -> b.tableName(world.tables.bounces())).items().stream()
                .filter(BounceItems::isBounce).map(BounceItems::fromItem)
                .forEach(b -> stored.merge(b.dedupeKey().substring(b.dedupeKey().lastIndexOf(':') + 1), 1, Integer::sum));
        for (String key : acknowledged) {
            assertEquals(1, stored.getOrDefault(key, 0), key + " acknowledged but stored " + stored.get(key) + " times; faults " + injected);
        }
        assertEquals(Set.copyOf(acknowledged), stored.keySet(), "bounces stored that were never acknowledged; faults " + injected);
        assertEquals((long) bounces, world.services.stats().read(StatsCounters.ALL).getOrDefault(StatsCounters.TOTAL, 0L),
                "counted against stored; faults " + injected);

        Set<String> applied = new TreeSet<>();
        DynamoDbLocal.client().scanPaginator(b -> b.tableName(world.tables.subscribers())).items().stream()
                .filter(item -> item.get("pk").s().startsWith("A#"))
                .forEach(item -> applied.add(item.get("pk").s().substring(2)));
        Set<String> announced = new TreeSet<>();
        for (String message : snsHttp.published()) {
            Matcher id = EVENT_ID.matcher(message);
            assertTrue(id.find(), "an action message without event_id: " + message);
            announced.add(id.group(1).substring(0, id.group(1).indexOf(':')));
        }
        assertEquals(applied, announced, "every applied action announced (at least once), nothing else; faults " + injected);
        world.aftermath.check();
    }

    /** Items no bounce can be read from, and one (a year no RFC 3339 time has) that old data may hold and the code may still count. */
    enum Poison {
        TYPE_MISSING(true), TYPE_UNKNOWN(true), CREATED_AT_NOT_A_TIME(true), CREATED_AT_OUT_OF_RANGE(false);

        final boolean unreadable;

        Poison(boolean unreadable) {
            this.unreadable = unreadable;
        }
    }

    /** Five good bounces of three subscribers and one poison record, at each position of the batch. */
    @Property(generation = GenerationMode.EXHAUSTIVE)
    void onlyThePoisonRecordIsDeadLetteredWhereverItIs(@ForAll @IntRange(min = 0, max = 5) int position,
            @ForAll Poison poison) {
        for (int i = 0; i < 5; i++) {
            world.services.recorder().record(new BounceEvent("user" + (i % 3) + "@example.com", null, null,
                    BounceType.values()[i % 3], "poison-test", Instant.parse("2026-11-20T10:00:00Z").plusSeconds(i), "{}",
                    "good-" + i));
        }
        List<DynamodbEvent.DynamodbStreamRecord> records = new ArrayList<>(stream.drain().getRecords().stream().filter(r -> r.getDynamodb().getNewImage() != null
                        && r.getDynamodb().getNewImage().containsKey("kind")
                        && "bounce".equals(r.getDynamodb().getNewImage().get("kind").getS())).toList());
        assertEquals(5, records.size());
        DynamodbEvent.DynamodbStreamRecord bad = poisoned(records.get(0), poison);
        records.add(position, bad);
        for (int i = 0; i < records.size(); i++) {
            records.get(i).getDynamodb().setSequenceNumber(String.format("%021d", 4_000_000L + 100L * i));
        }
        Figures.fault("stream poison records");

        List<String> deadLettered = new EventSourceMapping(new BounceActionsHandler(world.services), 10).deliver(records);

        String where = "position " + position + ", " + poison + ": ";
        if (poison.unreadable || !deadLettered.isEmpty()) {
            assertEquals(List.of(bad.getDynamodb().getSequenceNumber()), deadLettered,
                    where + "only the poison record goes to the on-failure destination");
        }
        assertEquals(deadLettered.isEmpty() ? 6L : 5L,
                world.services.stats().read(StatsCounters.ALL).getOrDefault(StatsCounters.TOTAL, 0L),
                where + "every good bounce counted once");
    }

    /** A copy of a real INSERT record (another bounce id and key) whose item cannot be read as a bounce. */
    private static DynamodbEvent.DynamodbStreamRecord poisoned(DynamodbEvent.DynamodbStreamRecord good, Poison poison) {
        Map<String, AttributeValue> image = new HashMap<>(good.getDynamodb().getNewImage());
        image.put("id", new AttributeValue().withS("01POISON0000000000000000AA"));
        image.put("sk", new AttributeValue().withS(image.get("sk").getS() + "-poison"));
        switch (poison) {
            case TYPE_MISSING -> image.remove("type");
            case TYPE_UNKNOWN -> image.put("type", new AttributeValue().withS("bogus"));
            case CREATED_AT_OUT_OF_RANGE -> image.put("created_at", new AttributeValue().withS("-999999999-01-01T00:00:00Z"));
            case CREATED_AT_NOT_A_TIME -> image.put("created_at", new AttributeValue().withS("yesterday"));
        }
        var stream = new com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamRecord();
        stream.setKeys(good.getDynamodb().getKeys());
        stream.setNewImage(image);
        stream.setStreamViewType(com.amazonaws.services.lambda.runtime.events.models.dynamodb.StreamViewType.NEW_AND_OLD_IMAGES);
        DynamodbEvent.DynamodbStreamRecord record = new DynamodbEvent.DynamodbStreamRecord();
        record.setEventName("INSERT");
        record.setEventSource("aws:dynamodb");
        record.setEventID("poison");
        record.setDynamodb(stream);
        return record;
    }
}
