package io.stmails.handler;

import com.amazonaws.services.lambda.runtime.Context;
import io.stmails.priming.Priming;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.amazonaws.services.lambda.runtime.events.models.dynamodb.AttributeValue;
import com.amazonaws.services.lambda.runtime.events.transformers.v2.dynamodb.DynamodbAttributeValueTransformer;
import io.stmails.actions.BounceStreamProcessor;
import io.stmails.actions.StreamChange;
import io.stmails.metrics.BounceMetrics;
import io.stmails.store.dynamodb.BounceItems;
import io.stmails.wiring.Components;
import io.stmails.wiring.Environment;
import io.stmails.wiring.FunctionWiring;
import io.stmails.wiring.LambdaWiring;
import java.util.List;
import java.util.Map;

/**
 * {@code bounce-actions}: the bounces table's stream. New bounces get their threshold action and
 * every bounce change updates the statistics; failed records are reported in
 * {@link StreamsEventResponse}, so the event source mapping retries from the first of them and
 * finally sends it to the on-failure queue, without dropping the rest of the batch.
 */
public final class BounceActionsHandler implements RequestHandler<DynamodbEvent, StreamsEventResponse> {
    private final BounceStreamProcessor processor;
    private final BounceMetrics metrics;

    /** The SnapStart priming hook, held because CRaC keeps registered resources weakly; null outside Lambda. */
    private final Priming priming;

    public BounceActionsHandler() {
        this(LambdaWiring.components(Environment.system(), FunctionWiring.BOUNCE_ACTIONS_READS), true);
    }

    public BounceActionsHandler(Components parts) {
        this(parts, false);
    }

    private BounceActionsHandler(Components parts, boolean snapStart) {
        this.processor = FunctionWiring.bounceActions(parts);
        this.metrics = parts.metrics();
        this.priming = snapStart ? Priming.bounceActions(parts).register() : null;
    }

    @Override
    public StreamsEventResponse handleRequest(DynamodbEvent event, Context context) {
        return Invocation.run(context, null, metrics, () -> {
            List<StreamChange> changes = event.getRecords().stream().map(BounceActionsHandler::decode).toList();
            return new StreamsEventResponse(processor.process(changes).stream()
                    .map(StreamsEventResponse.BatchItemFailure::new).toList());
        });
    }

    private static StreamChange decode(DynamodbEvent.DynamodbStreamRecord record) {
        String sequence = record.getDynamodb() == null ? null : record.getDynamodb().getSequenceNumber();
        try {
            boolean removed = "REMOVE".equals(record.getEventName());
            Map<String, AttributeValue> image = removed ? record.getDynamodb().getOldImage() : record.getDynamodb().getNewImage();
            if (image == null || !("INSERT".equals(record.getEventName()) || removed)) {
                return StreamChange.other(sequence);
            }
            var item = DynamodbAttributeValueTransformer.toAttributeValueMapV2(image);
            if (!BounceItems.isBounce(item)) {
                return StreamChange.other(sequence);
            }
            return removed ? StreamChange.removed(sequence, BounceItems.fromItem(item))
                    : StreamChange.inserted(sequence, BounceItems.fromItem(item));
        } catch (RuntimeException e) {
            return StreamChange.undecodable(sequence, e);
        }
    }
}
