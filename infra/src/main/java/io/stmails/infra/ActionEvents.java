package io.stmails.infra;

import software.amazon.awscdk.services.kms.Alias;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * The SNS topic {@code bounce-actions} publishes each applied threshold action to (unsubscribe,
 * blocklist, delete), for the sender's own systems to subscribe to. Encrypted with the AWS-managed
 * SNS key: only the function publishes, and it is in this account.
 */
final class ActionEvents extends Construct {
    private final Topic topic;

    ActionEvents(Construct scope, String id, String namePrefix) {
        super(scope, id);
        topic = Topic.Builder.create(this, "Topic")
                .topicName(namePrefix + "actions")
                .displayName("stmails threshold actions")
                .masterKey(Alias.fromAliasName(this, "SnsKey", "alias/aws/sns"))
                .enforceSsl(true)
                .build();
    }

    ITopic topic() {
        return topic;
    }
}
