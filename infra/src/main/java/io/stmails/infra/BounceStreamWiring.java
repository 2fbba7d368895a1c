package io.stmails.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.lambda.FilterCriteria;
import software.amazon.awscdk.services.lambda.FilterRule;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSourceProps;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.constructs.Construct;

/**
 * The bounces table's stream feeding each stream-triggered function. With the defaults a poison
 * record would block its shard until the stream drops it 24 h later, unseen; so: bisect a failing
 * batch, report single failed records, retry a bounded number of times, give up on records older
 * than {@link #MAX_RECORD_AGE} (leaving the rest of the stream's 24 h to replay them), and send the
 * failed batch's coordinates to the function's failure queue. Only bounces that appear or
 * disappear are delivered (new bounces get their threshold action; both change the counters), not
 * dedupe markers expiring.
 */
final class BounceStreamWiring extends Construct {
    static final int BATCH_SIZE = 50;
    static final int RETRY_ATTEMPTS = 10;
    static final Duration MAX_RECORD_AGE = Duration.hours(6);

    BounceStreamWiring(Construct scope, String id, ITable bounces, List<StmailsFunction> streamFunctions) {
        super(scope, id);
        for (StmailsFunction function : streamFunctions) {
            function.alias().addEventSource(new DynamoEventSource(bounces, DynamoEventSourceProps.builder()
                    .startingPosition(StartingPosition.TRIM_HORIZON)
                    .batchSize(BATCH_SIZE)
                    .bisectBatchOnError(true)
                    .reportBatchItemFailures(true)
                    .retryAttempts(RETRY_ATTEMPTS)
                    .maxRecordAge(MAX_RECORD_AGE)
                    .onFailure(new SqsDlq(function.failureQueue()))
                    .filters(List.of(
                            bounceChange("INSERT", "NewImage"),
                            bounceChange("REMOVE", "OldImage")))
                    .build()));
            Nag.acknowledge(function, "AwsSolutions-IAM5", List.of("Resource::*"),
                    "dynamodb:ListStreams, added by the stream event source, has no resource-level permissions; "
                            + "reading records is limited to the bounces stream.");
        }
    }

    /** Records of {@code eventName} whose image is a bounce item ({@code kind = bounce}). */
    private static Map<String, Object> bounceChange(String eventName, String image) {
        return FilterCriteria.filter(Map.of(
                "eventName", FilterRule.isEqual(eventName),
                "dynamodb", Map.of(image, Map.of("kind", Map.of("S", FilterRule.isEqual("bounce"))))));
    }
}
