package io.stmails.metrics.emf;

import io.stmails.domain.BounceType;
import io.stmails.domain.ThresholdAction;
import io.stmails.metrics.BounceMetrics;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.MetricsFactory;
import software.amazon.lambda.powertools.metrics.internal.EmfMetricsLogger;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * {@link BounceMetrics} as CloudWatch embedded metric format, through Powertools: one JSON blob on
 * standard output per set of dimension values at each {@link #flush()}, which Lambda hands to
 * CloudWatch Logs and CloudWatch turns into metrics (the local runner prints the same blobs). A count
 * is published under every leading part of its dimensions: {@code WebhookRejections} by
 * {@code [Service]}, {@code [Service, Reason]} and {@code [Service, Reason, Channel]}, so an alarm can
 * watch a total (all forged requests) without naming every channel or mailbox.
 *
 * <p>Counts are kept per thread until the flush, because the local runner serves invocations on
 * several threads at once. The EMF environment is fixed to Lambda's (standard output): the library's
 * discovery would otherwise probe the EC2 metadata endpoint and an agent socket on a laptop.
 */
public final class PowertoolsMetrics implements BounceMetrics {
    public static final String NAMESPACE = "stmails";
    public static final String SERVICE = "stmails";

    private final Metrics metrics;
    private final ThreadLocal<Map<Map<String, String>, Map<String, Double>>> pending =
            ThreadLocal.withInitial(LinkedHashMap::new);

    public PowertoolsMetrics() {
        EnvironmentProvider standardOutput = new StandardOutput();
        MetricsFactory.setMetricsProvider(() -> new EmfMetricsLogger(standardOutput, new MetricsContext()));
        this.metrics = MetricsFactory.getMetricsInstance();
        metrics.setNamespace(NAMESPACE);
        metrics.setDefaultDimensions(DimensionSet.of("Service", SERVICE));
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

    /** @param dimensions names and values, alternating, in the order the blob lists them */
    private void add(String metric, double value, String... dimensions) {
        Map<String, String> set = new LinkedHashMap<>();
        for (int i = 0; i < dimensions.length; i += 2) {
            set.put(dimensions[i], dimensions[i + 1]);
        }
        pending.get().computeIfAbsent(set, d -> new LinkedHashMap<>()).merge(metric, value, Double::sum);
    }

    @Override
    public void flush() {
        Map<Map<String, String>, Map<String, Double>> counted = pending.get();
        pending.remove();
        counted.forEach((dimensions, values) -> metrics.flushMetrics(blob -> {
            DimensionSet leading = DimensionSet.of("Service", SERVICE);
            for (Map.Entry<String, String> dimension : dimensions.entrySet()) {
                leading = DimensionSet.of(leading.getDimensions()).addDimension(dimension.getKey(), dimension.getValue());
                blob.addDimension(leading);
            }
            values.forEach((name, value) -> blob.addMetric(name, value, MetricUnit.COUNT));
        }));
    }

    private static final class StandardOutput extends EnvironmentProvider {
        private final Environment lambda = new LambdaEnvironment();

        @Override
        public CompletableFuture<Environment> resolveEnvironment() {
            return CompletableFuture.completedFuture(lambda);
        }
    }
}
