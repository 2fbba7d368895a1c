package io.stmails.infra;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
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
        created.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid("SesOfThisAccountPublishes")
                .principals(List.of(new ServicePrincipal("ses.amazonaws.com")))
                .actions(List.of("sns:Publish"))
                .resources(List.of(created.getTopicArn()))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Stack.of(this).getAccount())))
                .build());
        return created;
    }

    ITopic topic() {
        return topic;
    }
}
