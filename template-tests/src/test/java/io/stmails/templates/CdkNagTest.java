package io.stmails.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.cxapi.SynthesisMessage;

/**
 * cdk-nag's AwsSolutions pack over every deployment: no finding left unacknowledged, and every
 * acknowledgement one of the reviewed rules, with its reason written next to the resource.
 */
class CdkNagTest {
    /** Rules acknowledged after review; the reasons are in the infra code and in notes/deploy.md. */
    private static final Set<String> REVIEWED = Set.of(
            "AwsSolutions-APIG4", "AwsSolutions-IAM5", "AwsSolutions-L1", "AwsSolutions-SMG4", "AwsSolutions-SQS3");

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void awsSolutionsFindsNothingUnacknowledged(Deployment deployment) {
        Synthesized stack = Synthesized.of(deployment);
        List<String> errors = describe(stack.annotations().findError("*", Match.stringLikeRegexp("AwsSolutions-.*")));
        List<String> warnings = describe(stack.annotations().findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")));
        assertEquals(List.of(), errors);
        assertEquals(List.of(), warnings);
    }

    @ParameterizedTest
    @EnumSource(Deployment.class)
    void everyAcknowledgementIsAReviewedRuleWithAWrittenReason(Deployment deployment) {
        JsonNode resources = Synthesized.JSON.valueToTree(Synthesized.of(deployment).template().toJSON()).get("Resources");
        Set<String> acknowledged = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = resources.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> resource = it.next();
            for (JsonNode rule : resource.getValue().path("Metadata").path("cdk_nag").path("rules_to_suppress")) {
                String id = rule.path("id").asText();
                acknowledged.add(id);
                assertTrue(REVIEWED.contains(id), resource.getKey() + " acknowledges unreviewed " + id);
                assertTrue(rule.path("reason").asText().split("\\s+").length >= 10,
                        resource.getKey() + " " + id + " needs a reason, not a label: " + rule.path("reason"));
            }
        }
        assertTrue(acknowledged.contains("AwsSolutions-SQS3") && acknowledged.contains("AwsSolutions-APIG4"),
                "the acknowledgements are found in the template: " + acknowledged);
    }

    private static List<String> describe(List<SynthesisMessage> messages) {
        return messages.stream().map(m -> m.getId() + ": " + m.getEntry().getData()).toList();
    }
}
