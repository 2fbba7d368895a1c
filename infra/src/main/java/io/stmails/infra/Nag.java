package io.stmails.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/** cdk-nag acknowledgements, each with the reason the finding does not apply. */
final class Nag {
    private Nag() {
    }

    /** Acknowledges a finding on a construct and everything under it. */
    static void acknowledge(IConstruct construct, String rule, String reason) {
        NagSuppressions.addResourceSuppressions(construct,
                List.of(NagPackSuppression.builder().id(rule).reason(reason).build()), true);
    }

    /** Acknowledges a finding limited to the listed resources of a rule such as IAM5 ({@code Resource::*}). */
    static void acknowledge(IConstruct construct, String rule, List<String> appliesTo, String reason) {
        NagSuppressions.addResourceSuppressions(construct,
                List.of(NagPackSuppression.builder().id(rule).appliesTo(List.copyOf(appliesTo)).reason(reason).build()),
                true);
    }

    /** Acknowledges a finding on a construct CDK creates itself, found by its path in the stack. */
    static void acknowledgeAt(Stack stack, String path, String rule, String reason) {
        NagSuppressions.addResourceSuppressionsByPath(stack, path,
                List.of(NagPackSuppression.builder().id(rule).reason(reason).build()), true);
    }
}
