package io.stmails.ses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.config.SesSettings;
import io.stmails.config.Settings;
import io.stmails.domain.BounceEvent;
import io.stmails.domain.BounceSettings;
import io.stmails.domain.Instants;
import io.stmails.domain.InvalidFieldException;
import io.stmails.http.BadRequestException;
import io.stmails.http.StrictJson;
import io.stmails.record.BounceRecorder;
import io.stmails.ses.notification.InvalidSesEventException;
import io.stmails.sns.Certificates;
import io.stmails.sns.InvalidSnsMessageException;
import io.stmails.sns.SnsMessage;
import io.stmails.sns.SnsMessageVerifier;
import io.stmails.sns.SnsVerificationException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records SES bounces and complaints, whichever path delivered them: SNS→Lambda, SNS over HTTPS
 * (after {@link SesSnsEndpoint} verified the message) or EventBridge. Returns only after every
 * bounce of the event is durably recorded; a storage failure propagates, so the sender retries,
 * and the per-recipient dedupe key makes the retry harmless.
 */
public final class SesFeedback {
    private static final Logger LOG = LoggerFactory.getLogger(SesFeedback.class);
    /** The plain-text notification SES publishes when a topic is set as a destination. */
    static final String SETUP_MESSAGE = "Successfully validated SNS topic";
    static final String EVENTBRIDGE_SOURCE = "aws.ses";
    static final Set<String> EVENTBRIDGE_DETAIL_TYPES = Set.of("Email Bounced", "Email Complaint Received");

    /** What happened to one SNS message or EventBridge event. */
    public record Summary(int recorded, int duplicates, int subscribersNotFound, List<String> notRecorded) {
        public Summary {
            notRecorded = List.copyOf(notRecorded);
        }

        static Summary ignored(String reason) {
            return new Summary(0, 0, 0, List.of(reason));
        }
    }

    private final SesSettings ses;
    private final BounceSettings bounce;
    private final SnsMessageVerifier verifier;
    private final SesEventMapper mapper;
    private final BounceRecorder recorder;
    private final StrictJson json;

    public SesFeedback(SesSettings ses, BounceSettings bounce, SnsMessageVerifier verifier, BounceRecorder recorder,
            ObjectMapper json) {
        this.ses = ses;
        this.bounce = bounce;
        this.verifier = verifier;
        this.mapper = new SesEventMapper(ses.campaignTag(), json);
        this.recorder = recorder;
        this.json = new StrictJson(json);
    }

    /** Verifies against {@code ses.topic_arns}, with certificates from {@code ses.certificate_dir} first, then SNS. */
    public static SesFeedback create(Settings settings, BounceRecorder recorder, ObjectMapper json) {
        SesSettings ses = settings.ses();
        SnsMessageVerifier verifier = new SnsMessageVerifier(ses.topicArns(), Certificates.standard(ses.certificateDir()));
        return new SesFeedback(ses, settings.bounce(), verifier, recorder, json);
    }

    public SnsMessageVerifier verifier() {
        return verifier;
    }

    /**
     * A record of the SNS→Lambda subscription. IAM already limits who can invoke the function; the
     * topic allow-list (when set) and the signature (unless {@code verify_lambda_signatures} is false)
     * are checked as well.
     *
     * @throws SnsVerificationException a refused message: the invocation fails, so it ends in the
     *                                  function's failure destination rather than vanishing
     */
    public Summary fromLambdaSns(SnsMessage message) {
        Optional<String> off = disabled();
        if (off.isPresent()) {
            LOG.warn("SNS message {} not processed: {}", message.messageId(), off.get());
            return Summary.ignored(off.get());
        }
        try {
            if (!ses.topicArns().isEmpty()) {
                verifier.checkTopic(message);
            }
            if (ses.verifyLambdaSignatures()) {
                message.requireFields();
                verifier.verifySignature(message);
            }
            return fromSnsNotification(message);
        } catch (SnsVerificationException | InvalidSnsMessageException | InvalidSesEventException | InvalidFieldException e) {
            LOG.error("refused SNS message {} from topic {}: {}", message.messageId(), message.topicArn(), e.getMessage());
            throw e;
        }
    }

    /** A verified SNS notification: SES's JSON event, or its plain-text setup message. */
    public Summary fromSnsNotification(SnsMessage message) {
        String text = message.message();
        String origin = "SNS message " + message.messageId();
        if (text == null) {
            throw new InvalidSesEventException("the SNS message has no Message");
        }
        if (text.startsWith(SETUP_MESSAGE)) {
            return logged(origin, Summary.ignored("SES setup message: " + text.trim()));
        }
        JsonNode event;
        try {
            event = json.read(text);
        } catch (BadRequestException e) {
            throw new InvalidSesEventException("the SNS Message is neither an SES event (JSON) nor SES's setup message: "
                    + e.getMessage());
        }
        return record(event, time(message.timestamp()), origin);
    }

    /** An event of the EventBridge rule for SES (source {@code aws.ses}); only bounces and complaints are recorded. */
    public Summary fromEventBridge(String source, String detailType, String id, Instant time, JsonNode detail) {
        String origin = "EventBridge event " + id;
        Optional<String> off = disabled();
        if (off.isPresent()) {
            LOG.warn("{} not processed: {}", origin, off.get());
            return Summary.ignored(off.get());
        }
        if (!EVENTBRIDGE_SOURCE.equals(source) || !EVENTBRIDGE_DETAIL_TYPES.contains(detailType)) {
            return logged(origin, Summary.ignored(source + " \"" + detailType + "\" event: nothing to record"));
        }
        return record(detail, time, origin);
    }

    private Summary record(JsonNode event, Instant envelopeTime, String origin) {
        SesEventMapper.Mapping mapping = mapper.map(event, envelopeTime);
        int recorded = 0;
        int duplicates = 0;
        int notFound = 0;
        List<String> notRecorded = new ArrayList<>(mapping.notRecorded());
        for (BounceEvent bounceEvent : mapping.bounces()) {
            switch (recorder.record(bounceEvent).outcome()) {
                case RECORDED -> recorded++;
                case DUPLICATE -> duplicates++;
                case SUBSCRIBER_NOT_FOUND -> {
                    notFound++;
                    notRecorded.add("no subscriber for " + bounceEvent.dedupeKey() + " (unknown_subscriber is ignore)");
                }
            }
        }
        return logged(origin, new Summary(recorded, duplicates, notFound, notRecorded));
    }

    private Optional<String> disabled() {
        if (!bounce.enabled()) {
            return Optional.of("bounce processing is disabled (settings: enabled is false)");
        }
        if (!ses.enabled()) {
            return Optional.of("SES is disabled (settings: ses.enabled is false)");
        }
        return Optional.empty();
    }

    private static Summary logged(String origin, Summary summary) {
        LOG.info("{}: {} recorded, {} already recorded, {} without subscriber{}", origin, summary.recorded(),
                summary.duplicates(), summary.subscribersNotFound(),
                summary.notRecorded().isEmpty() ? "" : "; not recorded: " + String.join("; ", summary.notRecorded()));
        return summary;
    }

    private static Instant time(String text) {
        try {
            return text == null ? null : Instants.parseRfc3339(text);
        } catch (DateTimeException e) {
            return null;
        }
    }
}
