package io.stmails.reliability;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import io.stmails.handler.BounceActionsHandler;
import io.stmails.testing.StreamFixtures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lambda's DynamoDB event source mapping with {@code ReportBatchItemFailures}, as documented: batches
 * in stream order; when the function reports failures, the checkpoint moves to the lowest reported
 * sequence number and the batch is delivered again from there; a record still failing after
 * {@link #MAX_RETRIES} retries is sent to the on-failure destination (after bisection, only that record)
 * and processing goes on after it.
 */
public final class EventSourceMapping {
    static final int MAX_RETRIES = 3;
    private static final String ENTRY = "bounce-actions (stream batches)";
    private final BounceActionsHandler handler;
    private final int batchSize;
    private final List<String> deadLettered = new ArrayList<>();

    public EventSourceMapping(BounceActionsHandler handler, int batchSize) {
        this.handler = handler;
        this.batchSize = batchSize;
    }

    /** Delivers every record; returns the sequence numbers sent to the on-failure destination. */
    public List<String> deliver(List<DynamodbEvent.DynamodbStreamRecord> records) {
        Map<Integer, Integer> retries = new HashMap<>();
        int start = 0;
        while (start < records.size()) {
            List<DynamodbEvent.DynamodbStreamRecord> batch = records.subList(start, Math.min(records.size(), start + batchSize));
            StreamsEventResponse response = Bounded.call(ENTRY, () -> handler.handleRequest(StreamFixtures.event(batch), null));
            List<String> failed = response.getBatchItemFailures().stream()
                    .map(StreamsEventResponse.BatchItemFailure::getItemIdentifier).toList();
            Figures.answer(ENTRY, failed.isEmpty() ? 200 : 500);
            if (failed.isEmpty()) {
                start += batch.size();
                continue;
            }
            int lowest = Integer.MAX_VALUE;
            for (String sequence : failed) {
                int index = indexOf(batch, sequence);
                if (index < 0) {
                    throw new AssertionError("the handler reported " + sequence + ", which is not in its batch");
                }
                lowest = Math.min(lowest, start + index);
            }
            if (retries.merge(lowest, 1, Integer::sum) > MAX_RETRIES) {
                deadLettered.add(records.get(lowest).getDynamodb().getSequenceNumber());
                start = lowest + 1;
            } else {
                start = lowest;
            }
        }
        return List.copyOf(deadLettered);
    }

    private static int indexOf(List<DynamodbEvent.DynamodbStreamRecord> batch, String sequence) {
        for (int i = 0; i < batch.size(); i++) {
            if (batch.get(i).getDynamodb().getSequenceNumber().equals(sequence)) {
                return i;
            }
        }
        return -1;
    }
}
