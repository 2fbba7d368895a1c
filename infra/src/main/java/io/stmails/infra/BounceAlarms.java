package io.stmails.infra;

import io.stmails.mailbox.MailboxSchedule;
import io.stmails.metrics.emf.PowertoolsMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.constructs.Construct;

/**
 * Alarms on the business metrics the functions write (embedded metric format, namespace
 * {@code stmails}) that mean trouble, and the dashboard graphs of all of them: a burst of requests
 * with bad signatures (someone forging bounces), a burst of bounces refused for want of a subscriber
 * (a sender mailing addresses stmails does not know, or a broken link header), and a mailbox whose
 * scans stopped completing (login refused, host gone, schedule off). Dead letters have their own
 * alarms beside the queues.
 */
final class BounceAlarms extends Construct {
    static final Duration PERIOD = Duration.minutes(5);
    static final int FORGED_REQUESTS_PER_PERIOD = 20;
    static final int REFUSED_BOUNCES_PER_PERIOD = 25;
    /** A mailbox is silent when no scan completed in this many of its intervals. */
    static final int SILENT_INTERVALS = 3;

    private final List<IWidget> widgets = new ArrayList<>();

    BounceAlarms(Construct scope, String id, String namePrefix, List<MailboxSchedule.Entry> mailboxes, SnsAction notify) {
        super(scope, id);
        Metric forged = metric("WebhookRejections", PERIOD, Map.of("Reason", "bad_signature"));
        alarm(namePrefix + "forged-webhook-requests", "stmails: " + FORGED_REQUESTS_PER_PERIOD + " or more webhook "
                + "requests in 5 minutes had a bad signature or token; the logs' rejection lines name the channel",
                forged, FORGED_REQUESTS_PER_PERIOD, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                TreatMissingData.NOT_BREACHING, notify);
        Metric refused = metric("BouncesRefused", PERIOD, Map.of());
        alarm(namePrefix + "refused-bounces", "stmails: " + REFUSED_BOUNCES_PER_PERIOD + " or more bounces in 5 minutes "
                + "matched no subscriber and were not recorded (unknown_subscriber is ignore, or the subscriber was erased)",
                refused, REFUSED_BOUNCES_PER_PERIOD, ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
                TreatMissingData.NOT_BREACHING, notify);
        List<IMetric> scans = new ArrayList<>();
        for (MailboxSchedule.Entry mailbox : mailboxes) {
            Duration window = Duration.minutes(Math.min(mailbox.interval().toMinutes() * SILENT_INTERVALS, 24 * 60));
            Metric completed = metric("MailboxScansCompleted", window, Map.of("Mailbox", mailbox.mailbox()));
            // No data is a scan that did not run at all: that is the silence this alarm is for.
            alarm(namePrefix + "mailbox-silent-" + mailbox.mailbox(), "stmails: no scan of POP3 mailbox "
                    + mailbox.mailbox() + " completed in " + window.toMinutes() + " minutes; see the pop3-scanner "
                    + "function's errors", completed, 1, ComparisonOperator.LESS_THAN_THRESHOLD,
                    TreatMissingData.BREACHING, notify);
            scans.add(completed);
            scans.add(metric("MailboxScansFailed", window, Map.of("Mailbox", mailbox.mailbox())));
        }
        widgets.add(graph("Bounces recorded / duplicate / refused", List.of(
                metric("BouncesRecorded", PERIOD, Map.of()), metric("BouncesDuplicate", PERIOD, Map.of()), refused)));
        widgets.add(graph("Webhook rejections by reason", List.of(forged,
                metric("WebhookRejections", PERIOD, Map.of("Reason", "stale")),
                metric("WebhookRejections", PERIOD, Map.of("Reason", "replay")),
                metric("WebhookRejections", PERIOD, Map.of("Reason", "auth")))));
        widgets.add(graph("Threshold actions and suppression list", List.of(
                metric("ThresholdActionsApplied", PERIOD, Map.of()),
                metric("SuppressionsAdded", PERIOD, Map.of()), metric("SuppressionsRemoved", PERIOD, Map.of()))));
        widgets.add(graph("Mailbox parser verdicts", List.of("bounce", "not_bounce", "unrelated", "unparseable").stream()
                .map(verdict -> (IMetric) metric("ParserVerdicts", PERIOD, Map.of("Verdict", verdict))).toList()));
        if (!scans.isEmpty()) {
            widgets.add(graph("Mailbox scans completed / failed", scans));
        }
    }

    List<IWidget> widgets() {
        return widgets;
    }

    private void alarm(String name, String description, Metric metric, double threshold, ComparisonOperator comparison,
            TreatMissingData missingData, SnsAction notify) {
        Alarm alarm = Alarm.Builder.create(this, name.replaceAll("[^A-Za-z0-9-]", "_"))
                .alarmName(name)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(1)
                .comparisonOperator(comparison)
                .treatMissingData(missingData)
                .build();
        alarm.addAlarmAction(notify);
    }

    /** The total over the given dimensions, as {@link PowertoolsMetrics} publishes it (always under its Service). */
    private static Metric metric(String name, Duration period, Map<String, String> dimensions) {
        Map<String, String> all = new LinkedHashMap<>(Map.of("Service", PowertoolsMetrics.SERVICE));
        all.putAll(dimensions);
        return Metric.Builder.create().namespace(PowertoolsMetrics.NAMESPACE).metricName(name).dimensionsMap(all)
                .statistic("Sum").period(period).build();
    }

    private static GraphWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(metrics).width(12).height(6).build();
    }
}
