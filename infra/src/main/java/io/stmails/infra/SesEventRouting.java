package io.stmails.infra;

import java.util.List;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.services.sns.Subscription;
import software.amazon.awscdk.services.sns.subscriptions.LambdaSubscription;
import software.amazon.awscdk.services.sns.subscriptions.LambdaSubscriptionProps;
import software.constructs.Construct;

/**
 * How SES events reach their functions: the SES topic's Lambda subscription for each SNS-triggered
 * function (with a subscription dead-letter queue for what SNS cannot deliver), and, when enabled,
 * an EventBridge rule on the default bus for SES bounce and complaint events, targeting each
 * EventBridge-triggered function (with a dead-letter queue for what EventBridge cannot deliver).
 */
final class SesEventRouting extends Construct {
    static final List<String> SES_EVENT_TYPES = List.of("Email Bounced", "Email Complaint Received");
    /** EventBridge's own maximum: SES events are worth every attempt. */
    static final int RULE_RETRY_ATTEMPTS = 185;
    static final Duration RULE_MAX_EVENT_AGE = Duration.hours(24);

    SesEventRouting(Construct scope, String id, ITopic sesTopic, List<StmailsFunction> snsFunctions,
            List<StmailsFunction> eventBridgeFunctions, boolean eventBridgeRule, FailureQueues failures) {
        super(scope, id);
        for (StmailsFunction function : snsFunctions) {
            Subscription subscription = sesTopic.addSubscription(new LambdaSubscription(function.alias(),
                    LambdaSubscriptionProps.builder()
                            .deadLetterQueue(failures.create(function.spec().name() + "-subscription"))
                            .build()));
            Validations.of(subscription).acknowledge(Acknowledgment.builder()
                    .id("CloudFormation-Validate::W3694")
                    .reason("SNS accepts a qualified function ARN as a Lambda endpoint; the alias is what SnapStart needs.")
                    .build());
        }
        if (eventBridgeRule && !eventBridgeFunctions.isEmpty()) {
            Rule rule = Rule.Builder.create(this, "SesEvents")
                    .description("stmails: SES bounce and complaint events")
                    .eventPattern(EventPattern.builder()
                            .source(List.of("aws.ses"))
                            .detailType(SES_EVENT_TYPES)
                            .build())
                    .build();
            for (StmailsFunction function : eventBridgeFunctions) {
                rule.addTarget(new LambdaFunction(function.alias(), LambdaFunctionProps.builder()
                        .deadLetterQueue(failures.create(function.spec().name() + "-delivery"))
                        .retryAttempts(RULE_RETRY_ATTEMPTS)
                        .maxEventAge(RULE_MAX_EVENT_AGE)
                        .build()));
            }
        }
    }
}
