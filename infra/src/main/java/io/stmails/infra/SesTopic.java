package io.stmails.infra;

import java.util.Optional;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Topic;
import software.constructs.Construct;

/**
 * The SNS topic SES publishes bounce and complaint notifications to: created (signature version 2,
 * publishable by SES of this account only), or an existing topic imported by ARN, whose policy then
 * stays the operator's to manage. Not encrypted at rest: SES cannot publish to a topic under the
 * AWS-managed SNS key, and a customer-managed key would add a charge and a key policy to every
 * deployment for notifications that only pass between SES, SNS and Lambda in this account.
 */
final class SesTopic extends Construct {
    private final ITopic topic;

    SesTopic(Construct scope, String id, String namePrefix, Optional<String> importedArn) {
        super(scope, id);
        topic = importedArn.map(arn -> Topic.fromTopicArn(this, "Imported", arn))
                .orElseGet(() -> created(namePrefix));
    }

    private ITopic created(String namePrefix) {
        Topic created = Topic.Builder.create(this, "Topic")
                .topicName(namePrefix + "ses-feedback")
                .displayName("stmails SES bounces and complaints")
                .signatureVersion("2")
                .enforceSsl(true)
                .build();
        ServicePublishing.allow(created, "ses.amazonaws.com", "SesOfThisAccountPublishes");
        return created;
    }

    ITopic topic() {
        return topic;
    }
}
