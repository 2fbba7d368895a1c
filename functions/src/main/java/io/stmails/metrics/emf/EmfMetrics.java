package io.stmails.metrics.emf;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.stmails.domain.BounceType;
import io.stmails.domain.ThresholdAction;
import io.stmails.metrics.BounceMetrics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link BounceMetrics} as CloudWatch embedded metric format (EMF): one JSON document per line on
 * standard output per set of dimension values at each {@link #flush()}, which Lambda hands to
 * CloudWatch Logs and CloudWatch turns into metrics (the local runner prints the same lines). A count
 * is published under every leading part of its dimensions: {@code WebhookRejections} by
 * {@code [Service]}, {@code [Service, Reason]} and {@code [Service, Reason, Channel]}, so an alarm can
 * watch a total (all forged requests) without naming every channel or mailbox.
 *
 * <p>Written with Jackson's streaming generator. Through Powertools' metrics, the EMF library bound
 * its model with Jackson's bean serialization, which nothing else on a function's path uses: about
 * 50 ms of every cold function's first invocation ({@code bench-coldstart}). The documents are the
 * ones Powertools wrote, and dimension values are held to the same rules (CloudWatch refuses others).
 *
 * <p>Counts are kept per thread until the flush, because the local runner serves invocations on
 * several threads at once.
 */
public final class EmfMetrics implements BounceMetrics {
    public static final String NAMESPACE = "stmails";
    public static final String SERVICE = "stmails";
    private static final int MAX_DIMENSION_VALUE_LENGTH = 1024;
    private static final JsonFactory JSON = new JsonFactory();

    private final Supplier<PrintStream> out;
    private final Clock clock;
    private final ThreadLocal<Map<Map<String, String>, Map<String, Double>>> pending =
            ThreadLocal.withInitial(LinkedHashMap::new);

    /** Standard output, as it is at each flush. */
    public EmfMetrics() {
        this(() -> System.out, Clock.systemUTC());
    }

    EmfMetrics(Supplier<PrintStream> out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    @Override
    public void bounce(String channel, BounceType type, Outcome outcome) {
        String name = switch (outcome) {
            case RECORDED -> "BouncesRecorded";
            case DUPLICATE -> "BouncesDuplicate";
            case REFUSED -> "BouncesRefused";
        };
        add(name, 1, "Channel", channel, "Type", type.wire());
    }

    @Override
    public void rejected(String channel, Rejection reason) {
        add("WebhookRejections", 1, "Reason", reason.name().toLowerCase(Locale.ROOT), "Channel", channel);
    }

    @Override
    public void actionApplied(ThresholdAction action) {
        add("ThresholdActionsApplied", 1, "Action", action.wire());
    }

    @Override
    public void suppressionChanged(boolean added) {
        add(added ? "SuppressionsAdded" : "SuppressionsRemoved", 1);
    }

    @Override
    public void mailboxScanned(String mailbox, boolean completed, int examined, int failed) {
        add(completed ? "MailboxScansCompleted" : "MailboxScansFailed", 1, "Mailbox", mailbox);
        add("MailboxMessagesExamined", examined, "Mailbox", mailbox);
        add("MailboxMessagesFailed", failed, "Mailbox", mailbox);
    }

    @Override
    public void parserVerdict(String verdict) {
        add("ParserVerdicts", 1, "Verdict", verdict);
    }

    /** @param dimensions names and values, alternating, in the order the document lists them */
    private void add(String metric, double value, String... dimensions) {
        Map<String, String> set = new LinkedHashMap<>();
        for (int i = 0; i < dimensions.length; i += 2) {
            set.put(dimensions[i], dimensions[i + 1]);
        }
        pending.get().computeIfAbsent(set, d -> new LinkedHashMap<>()).merge(metric, value, Double::sum);
    }

    /**
     * @throws IllegalArgumentException when a dimension value is one CloudWatch refuses (blank, with
     *                                  white space or other than printable ASCII, longer than 1024)
     */
    @Override
    public void flush() {
        Map<Map<String, String>, Map<String, Double>> counted = pending.get();
        pending.remove();
        long timestamp = clock.millis();
        for (Map.Entry<Map<String, String>, Map<String, Double>> entry : counted.entrySet()) {
            String document = document(timestamp, entry.getKey(), entry.getValue());
            out.get().println(document);
        }
    }

    /**
     * {@code {"_aws": {"Timestamp", "CloudWatchMetrics": [{"Namespace", "Metrics", "Dimensions"}]}}, then
     * each dimension's value and each metric's value as top-level members.
     */
    private static String document(long timestamp, Map<String, String> dimensions, Map<String, Double> values) {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("Service", SERVICE);
        dimensions.forEach((name, value) -> members.put(name, checked(name, value)));
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeObjectFieldStart("_aws");
            json.writeNumberField("Timestamp", timestamp);
            json.writeArrayFieldStart("CloudWatchMetrics");
            json.writeStartObject();
            json.writeStringField("Namespace", NAMESPACE);
            json.writeArrayFieldStart("Metrics");
            for (String name : values.keySet()) {
                json.writeStartObject();
                json.writeStringField("Name", name);
                json.writeStringField("Unit", "Count");
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("Dimensions");
            List<String> leading = new ArrayList<>();
            for (String name : members.keySet()) {
                leading.add(name);
                json.writeStartArray();
                for (String dimension : leading) {
                    json.writeString(dimension);
                }
                json.writeEndArray();
            }
            json.writeEndArray();
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            for (Map.Entry<String, String> member : members.entrySet()) {
                json.writeStringField(member.getKey(), member.getValue());
            }
            for (Map.Entry<String, Double> value : values.entrySet()) {
                json.writeNumberField(value.getKey(), value.getValue());
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static String checked(String dimension, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("metric dimension " + dimension + " has no value");
        }
        if (value.length() > MAX_DIMENSION_VALUE_LENGTH) {
            throw new IllegalArgumentException("metric dimension " + dimension + " is longer than "
                    + MAX_DIMENSION_VALUE_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new IllegalArgumentException("metric dimension " + dimension
                        + " holds a character CloudWatch refuses (white space or other than printable ASCII): " + value);
            }
        }
        return value;
    }
}
