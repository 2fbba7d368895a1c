package io.stmails.testing;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.actions.SnsActionPublisher;
import io.stmails.config.ApiUser;
import io.stmails.config.Secrets;
import io.stmails.config.Settings;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.domain.Subscriber;
import io.stmails.domain.SubscriberStatus;
import io.stmails.domain.SubscriptionStatus;
import io.stmails.handler.BounceActionsHandler;
import io.stmails.wiring.ApiWiring;
import io.stmails.wiring.Components;
import io.stmails.http.HttpRequest;
import io.stmails.http.HttpResponse;
import io.stmails.record.BounceRecorder;
import io.stmails.store.dynamodb.DynamoSuppressionList;
import io.stmails.store.dynamodb.Tables;
import io.stmails.suppression.SuppressedAddress;
import io.stmails.suppression.SuppressionPage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The whole decision loop on DynamoDB Local: the real recorder, the table's real stream feeding
 * {@code bounce-actions}, the api function's router, SNS recorded, and the suppression list kept by
 * its DynamoDB stand-in (wrapped so that calls are seen and can fail).
 */
public final class LoopWorld {
    public static final String TOPIC = "arn:aws:sns:eu-west-1:123456789012:stmails-actions";
    public final ObjectMapper json = new ObjectMapper();
    public final RecordingSns sns = new RecordingSns();
    public final Tables tables = DynamoDbLocal.freshTables();
    public final DynamoSuppressionList standIn =
            DynamoSuppressionList.createIfMissing(DynamoDbLocal.client(), tables, Instant::now);
    public final FlakySuppressionList suppression = new FlakySuppressionList(standIn);
    public final Components services;
    private final BounceActionsHandler streamHandler;
    private final TableStream stream;

    public LoopWorld(String settings) {
        this(settings, () -> Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    public LoopWorld(String settings, Supplier<Instant> clock) {
        Secrets secrets = new Secrets(List.of(new ApiUser("admin", "a", Set.of(ApiUser.ALL))), json.createObjectNode());
        services = Components.builder().dynamo(DynamoDbLocal.client()).tables(tables).secrets(() -> secrets)
                .settings(Settings.parse(settings, json))
                .publisher(new SnsActionPublisher(sns, TOPIC, json))
                .suppressionList(suppression)
                .clock(clock)
                .build();
        streamHandler = new BounceActionsHandler(services);
        stream = new TableStream(tables.bounces());
    }

    /** Suppression sync on, defaults otherwise. */
    public static LoopWorld synced() {
        return new LoopWorld("{\"ses\": {\"suppression_sync\": true}}");
    }

    /** A subscriber confirmed on lists 1 and 2 and unsubscribed from list 3. */
    public Subscriber subscriber(String email) {
        Map<String, SubscriptionStatus> lists = new LinkedHashMap<>();
        lists.put("1", SubscriptionStatus.CONFIRMED);
        lists.put("2", SubscriptionStatus.UNCONFIRMED);
        lists.put("3", SubscriptionStatus.UNSUBSCRIBED);
        Instant now = Instant.now();
        Subscriber subscriber = new Subscriber(UUID.randomUUID().toString(), email, "Jane", SubscriberStatus.ENABLED,
                lists, now, now, 1);
        services.subscribers().create(subscriber);
        return subscriber;
    }

    public BounceRecorder.Result bounce(Subscriber subscriber, BounceType type) {
        return record(new BounceEvent(subscriber.email(), null, null, type, "test", null, null,
                "loop-" + UUID.randomUUID()));
    }

    public BounceRecorder.Result record(BounceEvent event) {
        return services.recorder().record(event);
    }

    /** Hands every new stream record to {@code bounce-actions}; returns the failures it reported. */
    public List<String> deliver() {
        return failures(streamHandler.handleRequest(stream.drain(), null));
    }

    /** Hands what arrived to {@code bounce-actions}, keeping the event so that it can be delivered again. */
    public com.amazonaws.services.lambda.runtime.events.DynamodbEvent drain() {
        return stream.drain();
    }

    public List<String> deliver(com.amazonaws.services.lambda.runtime.events.DynamodbEvent event) {
        return failures(streamHandler.handleRequest(event, null));
    }

    private static List<String> failures(StreamsEventResponse response) {
        return response.getBatchItemFailures().stream().map(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }

    public Subscriber reload(Subscriber subscriber) {
        return services.subscribers().findByUuid(subscriber.uuid()).orElseThrow();
    }

    public HttpResponse call(String method, String path, String query, String body) {
        return ApiWiring.router(services).handle(Routing.request(method, path, Map.of("authorization", "token admin:a"),
                query, body.getBytes(StandardCharsets.UTF_8)));
    }

    public JsonNode data(HttpResponse response) throws Exception {
        return json.readTree(response.body()).path("data");
    }

    /** Every address on the stand-in list, as {@code email=REASON}. */
    public List<String> suppressed() {
        List<String> entries = new ArrayList<>();
        String token = null;
        do {
            SuppressionPage page = standIn.list(token, 100);
            page.addresses().stream().map(SuppressedAddress::email).sorted().forEach(email -> entries.add(email + "="
                    + page.addresses().stream().filter(a -> a.email().equals(email)).findFirst().orElseThrow().reason()));
            token = page.nextToken();
        } while (token != null);
        return entries.stream().sorted().toList();
    }

    /** The actions published to SNS, by their {@code action} field. */
    public List<String> published() throws Exception {
        List<String> actions = new ArrayList<>();
        for (var request : sns.published()) {
            actions.add(json.readTree(request.message()).path("action").asText());
        }
        return actions;
    }
}
