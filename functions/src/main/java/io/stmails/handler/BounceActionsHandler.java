package io.stmails.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbAttributeValueTransformer;
import io.stmails.actions.ThresholdProcessor;
import io.stmails.store.dynamodb.BounceItems;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code bounce-actions}: the bounces table's stream. Each new bounce goes through the threshold
 * processor; a record that fails is reported in {@link StreamsEventResponse} (the rest of the batch
 * is still processed), so the event source mapping retries from it and finally sends it to the
 * on-failure queue.
 */
public final class BounceActionsHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(BounceActionsHandler.class);

    private final ThresholdProcessor processor;

    public BounceActionsHandler() {
        this(Services.fromEnvironment());
    }

    public BounceActionsHandler(Services services) {
        this.processor = services.thresholdProcessor();
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (DynamodbEvent.DynamodbStreamRecord record : event.getRecords()) {
            if (!"INSERT".equals(record.getEventName())) {
                continue;
            }
            try {
                Map<String, AttributeValue> image =
                        DynamodbAttributeValueTransformer.toAttributeValueMapV2(record.getDynamodb().getNewImage());
                if (BounceItems.isBounce(image)) {
                    processor.process(BounceItems.fromItem(image));
                }
            } catch (RuntimeException e) {
                String sequence = record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
                LOG.error("stream record {} failed; reported for retry", sequence, e);
                failures.add(new StreamsEventResponse.BatchItemFailure(sequence));
            }
        }
        return new StreamsEventResponse(failures);
    }
}
