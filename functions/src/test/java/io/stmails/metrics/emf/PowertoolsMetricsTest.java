package io.stmails.metrics.emf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stmails.domain.BounceType;
import io.stmails.domain.ThresholdAction;
import io.stmails.metrics.BounceMetrics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

class PowertoolsMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PowertoolsMetrics metrics = new PowertoolsMetrics();

    @Test
    void countsOfOneInvocationAreWrittenAsOneBlobPerDimensionSet() throws Exception {
        List<JsonNode> blobs = flushed(() -> {
            metrics.bounce("sendgrid", BounceType.HARD, BounceMetrics.Outcome.RECORDED);
            metrics.bounce("sendgrid", BounceType.HARD, BounceMetrics.Outcome.RECORDED);
            metrics.bounce("sendgrid", BounceType.HARD, BounceMetrics.Outcome.DUPLICATE);
            metrics.actionApplied(ThresholdAction.BLOCKLIST);
        });

        assertEquals(2, blobs.size(), blobs.toString());
        JsonNode bounces = blobs.get(0);
        assertEquals(2, bounces.path("BouncesRecorded").asInt());
        assertEquals(1, bounces.path("BouncesDuplicate").asInt());
        assertEquals("sendgrid", bounces.path("Channel").asText());
        assertEquals("hard", bounces.path("Type").asText());
        JsonNode directive = bounces.path("_aws").path("CloudWatchMetrics").get(0);
        assertEquals("stmails", directive.path("Namespace").asText());
        assertEquals(Set.of(Set.of("Service"), Set.of("Service", "Channel"), Set.of("Service", "Channel", "Type")),
                dimensionSets(directive));
        assertEquals("stmails", bounces.path("Service").asText());
        assertEquals(1, blobs.get(1).path("ThresholdActionsApplied").asInt());
        assertEquals("blocklist", blobs.get(1).path("Action").asText());
    }

    @Test
    void rejectionsAreSummedByReasonAcrossChannels() throws Exception {
        List<JsonNode> blobs = flushed(() -> metrics.rejected("mailgun", BounceMetrics.Rejection.BAD_SIGNATURE));

        JsonNode directive = blobs.get(0).path("_aws").path("CloudWatchMetrics").get(0);
        assertEquals(Set.of(Set.of("Service"), Set.of("Service", "Reason"), Set.of("Service", "Reason", "Channel")),
                dimensionSets(directive));
        assertEquals("bad_signature", blobs.get(0).path("Reason").asText());
    }

    @Test
    void aFlushForgetsWhatItWrote() throws Exception {
        flushed(() -> metrics.rejected("webhook", BounceMetrics.Rejection.AUTH));
        List<JsonNode> second = flushed(() -> metrics.suppressionChanged(true));

        assertEquals(1, second.size());
        assertTrue(second.get(0).path("WebhookRejections").isMissingNode(), second.toString());
        assertEquals(1, second.get(0).path("SuppressionsAdded").asInt());
        assertEquals(Set.of(Set.of("Service")), dimensionSets(second.get(0).path("_aws").path("CloudWatchMetrics").get(0)));
    }

    @Test
    void aFlushWithNothingCountedWritesNothing() throws Exception {
        assertEquals(List.of(), flushed(() -> { }));
    }

    private List<JsonNode> flushed(Runnable counting) throws Exception {
        counting.run();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            metrics.flush();
        } finally {
            System.setOut(original);
        }
        List<JsonNode> blobs = new ArrayList<>();
        for (String line : captured.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.contains("\"_aws\"")) {
                blobs.add(JSON.readTree(line));
            }
        }
        return blobs;
    }

    private static Set<Set<String>> dimensionSets(JsonNode directive) {
        return Set.copyOf(StreamSupport.stream(directive.path("Dimensions").spliterator(), false)
                .map(set -> Set.copyOf(StreamSupport.stream(set.spliterator(), false).map(JsonNode::asText).toList()))
                .toList());
    }
}
