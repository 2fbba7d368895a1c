package io.stmails.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import io.stmails.metrics.BounceMetrics;
import java.util.function.Supplier;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * What every handler does around its work, without touching it: Powertools' keys on every log line
 * of the invocation (function name, request id, cold start, trace id) plus a correlation id from the
 * event, and the invocation's business metrics written when it ends, whether it succeeded or threw.
 */
final class Invocation {
    /** The context key Powertools' layout prints as {@code correlation_id}. */
    private static final String CORRELATION_ID = "correlation_id";

    private Invocation() {
    }

    /** @param correlationId the event's own id (API Gateway's request id, SNS's MessageId, EventBridge's id); may be null */
    static <T> T run(Context context, String correlationId, BounceMetrics metrics, Supplier<T> work) {
        return PowertoolsLogging.withLogging(context, () -> {
            correlate(correlationId);
            try {
                return work.get();
            } finally {
                metrics.flush();
            }
        });
    }

    /** For an invocation that carries several messages (an SNS batch): the one being handled now. */
    static void correlate(String correlationId) {
        if (correlationId == null || correlationId.isEmpty()) {
            MDC.remove(CORRELATION_ID);
        } else {
            MDC.put(CORRELATION_ID, correlationId);
        }
    }

    /** API Gateway's id of the HTTP request ({@code requestContext.requestId}). */
    static String requestId(APIGatewayV2HTTPEvent event) {
        return event.getRequestContext() == null ? null : event.getRequestContext().getRequestId();
    }
}
