package io.stmails.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.actions.SnsActionPublisher;
import io.stmails.domain.Bounce;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.domain.SubscriberStatus;
import io.stmails.wiring.Components;
import io.stmails.record.BounceRecorder;
import io.stmails.store.dynamodb.TableDefinitions;
import io.stmails.store.dynamodb.Tables;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The recorder and the action publisher against LocalStack's DynamoDB and SNS: the AWS APIs
 * themselves (transactions, conditional writes, SNS publish) rather than DynamoDB Local and a fake.
 * Runs with {@code mvn -Plocalstack -pl functions verify} where Docker is available; skipped otherwise.
 */
@Testcontainers(disabledWithoutDocker = true)
class RecorderAndPublisherLocalStackIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(
            DockerImageName.parse(System.getProperty("localstack.image", "localstack/localstack:4.4")))
            .withServices("dynamodb", "sns", "sqs");

    private static Components services;
    private static SqsClient sqs;
    private static String receivedActions;

    @BeforeAll
    static void wireServicesToLocalStack() {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey()));
        Region region = Region.of(LOCALSTACK.getRegion());
        DynamoDbClient dynamo = DynamoDbClient.builder().endpointOverride(LOCALSTACK.getEndpoint()).region(region)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        SnsClient sns = SnsClient.builder().endpointOverride(LOCALSTACK.getEndpoint()).region(region)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        sqs = SqsClient.builder().endpointOverride(LOCALSTACK.getEndpoint()).region(region)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();

        Tables tables = Tables.withPrefix("stmails-");
        TableDefinitions.createIfMissing(dynamo, tables);
        String topicArn = sns.createTopic(b -> b.name("stmails-actions")).topicArn();
        receivedActions = sqs.createQueue(b -> b.queueName("actions-received")).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(receivedActions)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn)
                .attributes(Map.of("RawMessageDelivery", "true")));

        services = Components.builder()
                .dynamo(dynamo)
                .tables(tables)
                .publisher(new SnsActionPublisher(sns, topicArn, JSON))
                .build();
    }

    @Test
    void aHardBounceIsRecordedOnceAndItsBlocklistActionIsPublishedOnce() throws Exception {
        BounceEvent event = new BounceEvent("someone@example.com", null, null, BounceType.HARD, "localstack",
                Instant.parse("2025-03-01T10:00:00Z"), "{\"status\":\"5.1.1\"}", "localstack-it:hard:1");

        BounceRecorder.Result first = services.recorder().record(event);
        assertEquals(BounceRecorder.Outcome.RECORDED, first.outcome());
        assertEquals(BounceRecorder.Outcome.DUPLICATE, services.recorder().record(event).outcome(),
                "a redelivery records nothing");
        List<Bounce> stored = services.bounces().listBySubscriber(first.subscriberUuid());
        assertEquals(1, stored.size());

        // What the stream delivers, twice, as a retried batch would.
        services.thresholdProcessor().process(stored.get(0));
        services.thresholdProcessor().process(stored.get(0));

        assertEquals(SubscriberStatus.BLOCKLISTED,
                services.subscribers().findByUuid(first.subscriberUuid()).orElseThrow().status());
        assertTrue(services.subscribers().findAction(first.bounceId()).orElseThrow().published());

        List<Message> messages = receiveFor(Duration.ofSeconds(10));
        assertEquals(1, messages.size(), "one action event, however often the record is processed");
        JsonNode action = JSON.readTree(messages.get(0).body());
        assertEquals("blocklist", action.path("action").asText());
        assertEquals(first.bounceId() + ":blocklist", action.path("event_id").asText());
        assertEquals(first.subscriberUuid(), action.path("subscriber_uuid").asText());
        assertEquals("someone@example.com", action.path("email").asText());
        assertEquals("hard", action.path("bounce_type").asText());
    }

    /** Everything that arrives on the subscribed queue within the window (long polls of up to 2 s). */
    private static List<Message> receiveFor(Duration window) {
        List<Message> messages = new ArrayList<>();
        Instant until = Instant.now().plus(window);
        while (Instant.now().isBefore(until)) {
            messages.addAll(sqs.receiveMessage(b -> b.queueUrl(receivedActions).waitTimeSeconds(2)
                    .maxNumberOfMessages(10)).messages());
        }
        return messages;
    }
}
