package io.stmails.actions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stmails.store.ActionRecord;
import io.stmails.store.ReactivationRecord;
import io.stmails.store.StorageException;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/** Publishes each applied action as a JSON message to the configured SNS topic. */
public final class SnsActionPublisher implements ActionPublisher {
    static final String REACTIVATE = "reactivate";
    private final SnsClient sns;
    private final String topicArn;
    private final ObjectMapper json;

    public SnsActionPublisher(SnsClient sns, String topicArn, ObjectMapper json) {
        this.sns = sns;
        this.topicArn = topicArn;
        this.json = json;
    }

    @Override
    public void publish(ActionRecord action) {
        publish(action.action().wire(), toJson(action), "action for bounce " + action.bounceId());
    }

    @Override
    public void publishReactivation(ReactivationRecord reactivation) {
        publish(REACTIVATE, toJson(reactivation), "reactivation " + reactivation.id());
    }

    /** @param what names the event, for the exception's message */
    private void publish(String action, String event, String what) {
        try {
            sns.publish(b -> b.topicArn(topicArn)
                    .subject("stmails " + action)
                    .message(event)
                    .messageAttributes(Map.of("action", MessageAttributeValue.builder()
                            .dataType("String").stringValue(action).build())));
        } catch (SdkException e) {
            throw new StorageException("publishing " + what + " failed", e);
        }
    }

    String toJson(ReactivationRecord reactivation) {
        ObjectNode event = json.createObjectNode();
        event.put("event_id", reactivation.id() + ":" + REACTIVATE);
        event.put("action", REACTIVATE);
        event.put("subscriber_uuid", reactivation.subscriberUuid());
        event.put("email", reactivation.email());
        event.put("forced", reactivation.forced());
        reactivation.reversedActions().forEach(event.putArray("reversed_actions")::add);
        ObjectNode lists = event.putObject("lists_restored");
        reactivation.listsRestored().forEach((list, status) -> lists.put(list, status.wire()));
        event.put("bounces_cleared", reactivation.bouncesCleared());
        event.put("applied_at", reactivation.reactivatedAt().toString());
        return event.toString();
    }

    String toJson(ActionRecord action) {
        ObjectNode event = json.createObjectNode();
        event.put("event_id", action.bounceId() + ":" + action.action().wire());
        event.put("action", action.action().wire());
        event.put("subscriber_uuid", action.subscriberUuid());
        event.put("email", action.email());
        event.put("bounce_type", action.bounceType().wire());
        event.put("bounce_count", action.count());
        event.put("threshold", action.threshold());
        event.put("bounce_id", action.bounceId());
        event.put("campaign_uuid", action.campaignUuid());
        event.put("source", action.source());
        event.put("applied_at", action.appliedAt().toString());
        return event.toString();
    }
}
