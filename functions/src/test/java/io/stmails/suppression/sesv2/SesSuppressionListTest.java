package io.stmails.suppression.sesv2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.store.StorageException;
import io.stmails.suppression.InvalidNextTokenException;
import io.stmails.suppression.SuppressedAddress;
import io.stmails.suppression.SuppressionPage;
import io.stmails.suppression.SuppressionReason;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/** The exact HTTP requests the adapter makes, marshalled and signed by the real SDK, against canned SES v2 answers. */
class SesSuppressionListTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final RecordingHttpClient http = new RecordingHttpClient();
    private final SesSuppressionList list = new SesSuppressionList(SesV2Client.builder()
            .region(Region.EU_WEST_1)
            .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")))
            .httpClient(http)
            .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()))
            .build());

    @Test
    void putSendsPutSuppressedDestinationWithTheAddressAndReason() throws Exception {
        http.answer(200, "{}").answer(200, "{}");
        list.put("jane@example.com", SuppressionReason.BOUNCE);
        list.put("joe+news@example.com", SuppressionReason.COMPLAINT);

        RecordingHttpClient.Sent first = http.sent().get(0);
        assertEquals(SdkHttpMethod.PUT, first.request().method());
        assertEquals("https://email.eu-west-1.amazonaws.com/v2/email/suppression/addresses",
                first.request().getUri().toString());
        assertEquals(Map.of("EmailAddress", "jane@example.com", "Reason", "BOUNCE"), JSON.readValue(first.body(), Map.class));
        String authorization = first.request().firstMatchingHeader("Authorization").orElseThrow();
        assertTrue(authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
                && authorization.contains("/eu-west-1/ses/aws4_request"), authorization);
        assertEquals(Map.of("EmailAddress", "joe+news@example.com", "Reason", "COMPLAINT"),
                JSON.readValue(http.sent().get(1).body(), Map.class));
    }

    @Test
    void removeSendsDeleteSuppressedDestinationAndTakesNotFoundAsDone() {
        http.answer(200, "{}").error(404, "NotFoundException", "Email address jane@example.com does not exist on your suppression list.");
        assertTrue(list.remove("joe+news@example.com"));
        assertFalse(list.remove("jane@example.com"));

        RecordingHttpClient.Sent first = http.sent().get(0);
        assertEquals(SdkHttpMethod.DELETE, first.request().method());
        assertEquals("/v2/email/suppression/addresses/joe%2Bnews%40example.com", first.request().encodedPath());
        assertEquals("", first.body());
        assertEquals(2, http.sent().size());
    }

    @Test
    void listSendsTheTokenAndPageSizeAndReadsEveryField() {
        http.answer(200, """
                {"SuppressedDestinationSummaries": [
                  {"EmailAddress": "jane@example.com", "Reason": "BOUNCE", "LastUpdateTime": 1763805600.5},
                  {"EmailAddress": "joe@example.com", "Reason": "COMPLAINT", "LastUpdateTime": 1763892000}],
                 "NextToken": "page-3"}""")
                .answer(200, "{\"SuppressedDestinationSummaries\": []}");
        SuppressionPage page = list.list("page-2", 2);
        SuppressionPage last = list.list(null, 1000);

        assertEquals(List.of(
                new SuppressedAddress("jane@example.com", SuppressionReason.BOUNCE, Instant.parse("2025-11-22T10:00:00.500Z")),
                new SuppressedAddress("joe@example.com", SuppressionReason.COMPLAINT, Instant.parse("2025-11-23T10:00:00Z"))),
                page.addresses());
        assertEquals("page-3", page.nextToken());
        assertEquals(List.of(), last.addresses());
        assertEquals(null, last.nextToken());

        RecordingHttpClient.Sent first = http.sent().get(0);
        assertEquals(SdkHttpMethod.GET, first.request().method());
        assertEquals("/v2/email/suppression/addresses", first.request().encodedPath());
        assertEquals(Map.of("NextToken", List.of("page-2"), "PageSize", List.of("2")), first.request().rawQueryParameters());
        assertEquals(Map.of("PageSize", List.of("1000")), http.sent().get(1).request().rawQueryParameters());
    }

    @Test
    void aRefusedTokenIsTheCallersMistakeAndEverythingElseIsRetryable() {
        http.error(400, "BadRequestException", "Invalid NextToken")
                .error(429, "TooManyRequestsException", "Rate exceeded")
                .error(500, "InternalFailure", "oops")
                .error(404, "NotFoundException", "no such thing");
        assertThrows(InvalidNextTokenException.class, () -> list.list("forged", 10));
        assertThrows(StorageException.class, () -> list.put("jane@example.com", SuppressionReason.BOUNCE));
        assertThrows(StorageException.class, () -> list.list(null, 10));
        assertThrows(StorageException.class, () -> list.list(null, 10), "only a delete takes NotFound as success");
    }
}
