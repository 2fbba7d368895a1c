package io.stmails.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.actions.Reactivation;
import io.stmails.config.Settings;
import io.stmails.domain.Bounce;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceType;
import io.stmails.domain.SubscriberStatus;
import io.stmails.wiring.Components;
import io.stmails.record.BounceRecorder;
import io.stmails.store.dynamodb.DynamoSuppressionList;
import io.stmails.store.dynamodb.TableDefinitions;
import io.stmails.store.dynamodb.Tables;
import io.stmails.suppression.SuppressedAddress;
import io.stmails.suppression.SuppressionList;
import io.stmails.suppression.SuppressionReason;
import io.stmails.suppression.sesv2.SesSuppressionList;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * The suppression loop on LocalStack's DynamoDB (the real API's transactions, conditional writes
 * and the sparse history index), and the SES v2 adapter against LocalStack's SES v2 where the image
 * implements the suppression-list operations (the community image does not yet: that test is then
 * skipped with the reason; {@code -Dlocalstack.image=...} picks another image). Runs with
 * {@code mvn -Plocalstack -pl functions verify} where Docker is available; skipped otherwise.
 */
@Testcontainers(disabledWithoutDocker = true)
class SuppressionLoopLocalStackIT {

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer(
            DockerImageName.parse(System.getProperty("localstack.image", "localstack/localstack:4.4")))
            .withServices("dynamodb", "ses");

    private static DynamoDbClient dynamo;
    private static SesV2Client ses;

    @BeforeAll
    static void clients() {
        StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
                AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey()));
        Region region = Region.of(LOCALSTACK.getRegion());
        dynamo = DynamoDbClient.builder().endpointOverride(LOCALSTACK.getEndpoint()).region(region)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
        ses = SesV2Client.builder().endpointOverride(LOCALSTACK.getEndpoint()).region(region)
                .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @Test
    void aHardBounceSuppressesReactivationUnsuppressesAndErasureLeavesNothing() {
        Tables tables = Tables.withPrefix("loop-");
        TableDefinitions.createIfMissing(dynamo, tables);
        SuppressionList list = DynamoSuppressionList.createIfMissing(dynamo, tables, Instant::now);
        Components services = Components.builder().dynamo(dynamo).tables(tables)
                .settings(Settings.parse("{\"ses\": {\"suppression_sync\": true}}", new ObjectMapper()))
                .suppressionList(list).build();

        BounceRecorder.Result recorded = services.recorder().record(new BounceEvent("jane@example.com", null, null,
                BounceType.HARD, "localstack", null, null, "localstack-loop:1"));
        Bounce bounce = services.bounces().listBySubscriber(recorded.subscriberUuid()).get(0);
        services.thresholdProcessor().process(bounce);
        services.thresholdProcessor().process(bounce);
        assertEquals(SubscriberStatus.BLOCKLISTED,
                services.subscribers().findByUuid(recorded.subscriberUuid()).orElseThrow().status());
        assertEquals(List.of("jane@example.com"), list.list(null, 10).addresses().stream()
                .map(SuppressedAddress::email).toList());

        Reactivation.Result reactivated = services.reactivation().reactivate(recorded.subscriberUuid(), false);
        assertEquals(Reactivation.Outcome.REACTIVATED, reactivated.outcome());
        assertEquals(List.of(), list.list(null, 10).addresses());
        assertEquals(0, services.bounces().count(recorded.subscriberUuid(), BounceType.HARD, null));
    }

    @Test
    void theSesAdapterPutsListsAndRemovesAnAddress() {
        assumeTrue(implementsSuppressionList(), "this LocalStack image does not implement SES v2's suppression list");
        SesSuppressionList list = new SesSuppressionList(ses);
        list.put("jane@example.com", SuppressionReason.COMPLAINT);
        list.put("jane@example.com", SuppressionReason.COMPLAINT);
        List<SuppressedAddress> listed = list.list(null, 100).addresses();
        assertEquals(1, listed.stream().filter(a -> a.email().equals("jane@example.com")).count());
        assertEquals(SuppressionReason.COMPLAINT, listed.stream().filter(a -> a.email().equals("jane@example.com"))
                .findFirst().orElseThrow().reason());
        list.remove("jane@example.com");
        list.remove("jane@example.com");
        assertTrue(list.list(null, 100).addresses().stream().noneMatch(a -> a.email().equals("jane@example.com")));
    }

    private static boolean implementsSuppressionList() {
        try {
            ses.listSuppressedDestinations(b -> b.pageSize(1));
            return true;
        } catch (AwsServiceException e) {
            return e.statusCode() != 501 && !String.valueOf(e.awsErrorDetails().errorMessage()).contains("not yet implemented");
        }
    }
}
