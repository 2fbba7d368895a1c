package io.stmails.handler;

import com.amazonaws.services.lambda.runtime.Context;
import io.stmails.priming.Priming;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import io.stmails.metrics.BounceMetrics;
import io.stmails.ses.SesFeedback;
import io.stmails.sns.SnsMessage;
import io.stmails.wiring.Components;
import io.stmails.wiring.Environment;
import io.stmails.wiring.FunctionWiring;
import io.stmails.wiring.LambdaWiring;
import org.joda.time.format.DateTimeFormat;
import org.joda.time.format.DateTimeFormatter;

/**
 * {@code ses-notifications}: the Lambda subscription of the SES feedback topic. Any failure (storage,
 * a refused message) fails the invocation, so Lambda retries and finally hands the event to the
 * function's failure destination; nothing is acknowledged before it is recorded.
 */
public final class SesNotificationsHandler implements RequestHandler<SNSEvent, Void> {
    /** SNS timestamps always have milliseconds and are signed as text: print them back exactly so. */
    private static final DateTimeFormatter SNS_TIMESTAMP = DateTimeFormat.forPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZoneUTC();

    private final SesFeedback feedback;
    private final BounceMetrics metrics;

    /** The SnapStart priming hook, held because CRaC keeps registered resources weakly; null outside Lambda. */
    private final Priming priming;

    public SesNotificationsHandler() {
        this(LambdaWiring.components(Environment.system(), FunctionWiring.SES_READS), true);
    }

    public SesNotificationsHandler(Components parts) {
        this(parts, false);
    }

    private SesNotificationsHandler(Components parts, boolean snapStart) {
        this.feedback = FunctionWiring.sesFeedback(parts);
        this.metrics = parts.metrics();
        this.priming = snapStart ? Priming.ses("ses-notifications", parts).register() : null;
    }

    @Override
    public Void handleRequest(SNSEvent event, Context context) {
        return Invocation.run(context, null, metrics, () -> {
            for (SNSEvent.SNSRecord record : event.getRecords()) {
                Invocation.correlate(record.getSNS().getMessageId());
                feedback.fromLambdaSns(toMessage(record.getSNS()));
            }
            return null;
        });
    }

    static SnsMessage toMessage(SNSEvent.SNS sns) {
        return new SnsMessage(sns.getType(), sns.getMessageId(), sns.getTopicArn(), sns.getSubject(), sns.getMessage(),
                sns.getTimestamp() == null ? null : SNS_TIMESTAMP.print(sns.getTimestamp()), sns.getSignatureVersion(),
                sns.getSignature(), sns.getSigningCertUrl(), null, sns.getUnsubscribeUrl(), null);
    }
}
