package io.stmails.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.ses.ConfigurationSet;
import software.amazon.awscdk.services.ses.ConfigurationSetEventDestinationOptions;
import software.amazon.awscdk.services.ses.EmailSendingEvent;
import software.amazon.awscdk.services.ses.EventDestination;
import software.amazon.awscdk.services.sns.ITopic;
import software.amazon.awscdk.customresources.AwsCustomResource;
import software.amazon.awscdk.customresources.AwsCustomResourcePolicy;
import software.amazon.awscdk.customresources.AwsSdkCall;
import software.amazon.awscdk.customresources.PhysicalResourceId;
import software.constructs.Construct;
import software.constructs.IDependable;

/**
 * Points SES at stmails, opt-in, replacing listmonk's console steps:
 *
 * <ul>
 *   <li>for each listed (already verified) identity, bounce and complaint feedback notifications to
 *       the SES topic with the original headers included (the campaign and subscriber headers are
 *       how a bounce finds its campaign). CloudFormation has no property for these, so each setting
 *       is one SES API call made at deploy time and undone when the stack is deleted;</li>
 *   <li>or a configuration set whose bounce and complaint events go to the SES topic or to the
 *       default event bus.</li>
 * </ul>
 */
final class SesFeedbackWiring extends Construct {
    static final List<String> NOTIFICATION_TYPES = List.of("Bounce", "Complaint");

    SesFeedbackWiring(Construct scope, String id, ITopic sesTopic, DeploymentConfig.Ses ses, RetentionDays logRetention) {
        super(scope, id);
        if (!ses.identities().isEmpty()) {
            wireIdentities(sesTopic, ses.identities(), logRetention);
        }
        ses.configurationSet().ifPresent(name -> {
            ConfigurationSet configurationSet = ConfigurationSet.Builder.create(this, "ConfigurationSet")
                    .configurationSetName(name)
                    .build();
            configurationSet.addEventDestination("Feedback", ConfigurationSetEventDestinationOptions.builder()
                    .destination(ses.configurationSetDestination() == DeploymentConfig.EventDestination.SNS
                            ? EventDestination.snsTopic(sesTopic)
                            : EventDestination.eventBus(EventBus.fromEventBusName(this, "DefaultBus", "default")))
                    .events(List.of(EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT))
                    .build());
        });
    }

    private void wireIdentities(ITopic sesTopic, List<String> identities, RetentionDays logRetention) {
        Stack stack = Stack.of(this);
        List<String> identityArns = identities.stream()
                .map(identity -> "arn:" + stack.getPartition() + ":ses:" + stack.getRegion() + ":" + stack.getAccount()
                        + ":identity/" + identity)
                .toList();
        Role role = Role.Builder.create(this, "CallerRole")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("stmails: sets SES feedback notifications on the listed identities")
                .build();
        LogGroup logs = LogGroup.Builder.create(this, "CallerLogs")
                .retention(logRetention)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        logs.grantWrite(role);
        AwsCustomResourcePolicy policy = AwsCustomResourcePolicy.fromStatements(List.of(PolicyStatement.Builder.create()
                .actions(List.of("ses:SetIdentityNotificationTopic", "ses:SetIdentityHeadersInNotificationsEnabled"))
                .resources(identityArns)
                .build()));
        // SES accepts one of these calls per second: make them one after another.
        IDependable previous = null;
        for (String identity : identities) {
            for (String type : NOTIFICATION_TYPES) {
                AwsCustomResource topic = call(identity + "-" + type + "-topic", policy, role, logs,
                        "SetIdentityNotificationTopic",
                        Map.of("Identity", identity, "NotificationType", type, "SnsTopic", sesTopic.getTopicArn()),
                        Map.of("Identity", identity, "NotificationType", type));
                AwsCustomResource headers = call(identity + "-" + type + "-headers", policy, role, logs,
                        "SetIdentityHeadersInNotificationsEnabled",
                        Map.of("Identity", identity, "NotificationType", type, "Enabled", true),
                        Map.of("Identity", identity, "NotificationType", type, "Enabled", false));
                if (previous != null) {
                    topic.getNode().addDependency(previous);
                }
                headers.getNode().addDependency(topic);
                previous = headers;
            }
        }
    }

    private AwsCustomResource call(String id, AwsCustomResourcePolicy policy, Role role, LogGroup logs, String action,
            Map<String, Object> apply, Map<String, Object> undo) {
        return AwsCustomResource.Builder.create(this, id)
                .resourceType("Custom::StmailsSesIdentityFeedback")
                .installLatestAwsSdk(false)
                .policy(policy)
                .role(role)
                .logGroup(logs)
                .onCreate(sdkCall(id, action, apply, null))
                .onUpdate(sdkCall(id, action, apply, null))
                // Undoing fails when the identity is gone or forwarding is off; neither should block a delete.
                .onDelete(sdkCall(id, action, undo, "InvalidParameterValue|NotFound"))
                .build();
    }

    private static AwsSdkCall sdkCall(String id, String action, Map<String, Object> parameters, String ignoreErrors) {
        AwsSdkCall.Builder call = AwsSdkCall.builder()
                .service("SES")
                .action(action)
                .parameters(parameters)
                .physicalResourceId(PhysicalResourceId.of(id));
        if (ignoreErrors != null) {
            call.ignoreErrorCodesMatching(ignoreErrors);
        }
        return call.build();
    }
}
