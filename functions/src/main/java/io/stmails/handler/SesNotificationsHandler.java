package io.stmails.handler;

import com.amazonaws.services.lambda.runtime.Context;
import io.stmails.priming.Priming;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.metrics.BounceMetrics;
import io.stmails.ses.SesFeedback;
import io.stmails.sns.SnsMessage;
import io.stmails.wiring.Components;
import io.stmails.wiring.Environment;
import io.stmails.wiring.FunctionWiring;
import io.stmails.wiring.LambdaWiring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.joda.time.format.DateTimeFormat;
import org.joda.time.format.DateTimeFormatter;

/**
 * {@code ses-notifications}: the Lambda subscription of the SES feedback topic. Any failure (storage,
 * a refused message) fails the invocation, so Lambda retries and finally hands the event to the
 * function's failure destination; nothing is acknowledged before it is recorded.
 */
public final class SesNotificationsHandler implements RequestStreamHandler {
    private final ObjectMapper json;
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
        this.json = parts.json();
        this.feedback = FunctionWiring.sesFeedback(parts);
        this.metrics = parts.metrics();
        this.priming = snapStart ? Priming.ses("ses-notifications", parts).register() : null;
    }

    /**
     * What Lambda calls: the SNS event read with the function's own {@link ObjectMapper}, as a
     * {@code RequestHandler<SNSEvent, Void>} the runtime would have bound it with its own shaded
     * Jackson (and joda-time for the timestamp, which SNS signs as text and is kept here as sent).
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        handle(messages(json, input), context);
        output.write("null".getBytes(StandardCharsets.US_ASCII));
    }

    /** The function on a bound event: what tests call. */
    public Void handleRequest(SNSEvent event, Context context) {
        return handle(() -> event.getRecords().stream().map(record -> toMessage(record.getSNS())).iterator(), context);
    }

    /** @param messages read one by one as they are handled */
    private Void handle(Iterable<SnsMessage> messages, Context context) {
        return Invocation.run(context, null, metrics, () -> {
            for (SnsMessage message : messages) {
                Invocation.correlate(message.messageId());
                feedback.fromLambdaSns(message);
            }
            return null;
        });
    }

    /**
     * Each record's SNS message of the event Lambda gets from an SNS subscription.
     *
     * @throws UnreadableEventException when the payload is not such an event
     */
    static List<SnsMessage> messages(ObjectMapper json, InputStream event) throws IOException {
        try {
            SnsLambdaEvent bound = json.readValue(event, SnsLambdaEvent.class);
            if (bound == null) {
                throw new UnreadableEventException("the event is not an SNS event: it is null", null);
            }
            return bound.messages();
        } catch (JsonProcessingException e) {
            throw new UnreadableEventException("the event is not an SNS event: " + e.getOriginalMessage(), e);
        }
    }

    static SnsMessage toMessage(SNSEvent.SNS sns) {
        return new SnsMessage(sns.getType(), sns.getMessageId(), sns.getTopicArn(), sns.getSubject(), sns.getMessage(),
                sns.getTimestamp() == null ? null : BoundTimestamps.SNS.print(sns.getTimestamp()), sns.getSignatureVersion(),
                sns.getSignature(), sns.getSigningCertUrl(), null, sns.getUnsubscribeUrl(), null);
    }

    /** Holds joda-time, which only a bound {@link SNSEvent} needs, out of the stream path's class loading. */
    private static final class BoundTimestamps {
        /** SNS timestamps always have milliseconds and are signed as text: print them back exactly so. */
        static final DateTimeFormatter SNS = DateTimeFormat.forPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZoneUTC();
    }
}
