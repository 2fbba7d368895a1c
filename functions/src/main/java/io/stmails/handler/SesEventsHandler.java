package io.stmails.handler;

import com.amazonaws.services.lambda.runtime.Context;
import io.stmails.priming.Priming;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.metrics.BounceMetrics;
import io.stmails.ses.SesFeedback;
import io.stmails.wiring.Components;
import io.stmails.wiring.Environment;
import io.stmails.wiring.FunctionWiring;
import io.stmails.wiring.LambdaWiring;
import java.time.Instant;

/**
 * {@code ses-events}: SES configuration-set events from the EventBridge rule ({@code source: aws.ses},
 * detail-types "Email Bounced" and "Email Complaint Received"). {@link ScheduledEvent} is the
 * library's class for any EventBridge event. A storage failure fails the invocation, so EventBridge's
 * asynchronous invocation retries it.
 */
public final class SesEventsHandler implements RequestHandler<ScheduledEvent, Void> {
    private final SesFeedback feedback;
    private final ObjectMapper json;
    private final BounceMetrics metrics;

    /** The SnapStart priming hook, held because CRaC keeps registered resources weakly; null outside Lambda. */
    private final Priming priming;

    public SesEventsHandler() {
        this(LambdaWiring.components(Environment.system(), FunctionWiring.SES_READS), true);
    }

    public SesEventsHandler(Components parts) {
        this(parts, false);
    }

    private SesEventsHandler(Components parts, boolean snapStart) {
        this.feedback = FunctionWiring.sesFeedback(parts);
        this.json = parts.json();
        this.metrics = parts.metrics();
        this.priming = snapStart ? Priming.ses("ses-events", parts).register() : null;
    }

    @Override
    public Void handleRequest(ScheduledEvent event, Context context) {
        return Invocation.run(context, event.getId(), metrics, () -> {
            Instant time = event.getTime() == null ? null : Instant.ofEpochMilli(event.getTime().getMillis());
            feedback.fromEventBridge(event.getSource(), event.getDetailType(), event.getId(), time,
                    json.valueToTree(event.getDetail()));
            return null;
        });
    }
}
