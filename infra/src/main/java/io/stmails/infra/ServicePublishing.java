package io.stmails.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.sns.Topic;

/**
 * Lets an AWS service of this account publish to a topic. Needed because a topic policy (which
 * enforcing TLS creates) replaces SNS's default policy, and a service principal is not covered by
 * the account's IAM permissions.
 */
final class ServicePublishing {
    private ServicePublishing() {
    }

    static void allow(Topic topic, String servicePrincipal, String sid) {
        topic.addToResourcePolicy(PolicyStatement.Builder.create()
                .sid(sid)
                .principals(List.of(new ServicePrincipal(servicePrincipal)))
                .actions(List.of("sns:Publish"))
                .resources(List.of(topic.getTopicArn()))
                .conditions(Map.of("StringEquals", Map.of("aws:SourceAccount", Stack.of(topic).getAccount())))
                .build());
    }
}
