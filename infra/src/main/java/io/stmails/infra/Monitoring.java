package io.stmails.infra;

import io.stmails.catalog.FunctionCatalog.Trigger;
import io.stmails.mailbox.MailboxSchedule;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.CreateAlarmOptions;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * Alarms on what needs a person (function errors and throttles, anything in a dead-letter queue,
 * a stream falling behind, the business metrics that mean trouble, the SES account's reputation), sent to an alarm topic (optionally
 * e-mailed), and one dashboard.
 */
final class Monitoring extends Construct {
    static final Duration PERIOD = Duration.minutes(5);
    /** The stream function is behind when its oldest unprocessed record is older than this. */
    static final Duration ITERATOR_AGE_LIMIT = Duration.minutes(10);

    private final String namePrefix;
    private final SnsAction notify;

    Monitoring(Construct scope, String id, String namePrefix, List<StmailsFunction> functions,
            List<FailureQueues.FailureQueue> queues, HttpApi api, Optional<String> alarmEmail,
            DeploymentConfig.Reputation reputation, List<MailboxSchedule.Entry> mailboxes) {
        super(scope, id);
        this.namePrefix = namePrefix;
        // Unencrypted: CloudWatch cannot publish under the AWS-managed SNS key, and alarms carry no personal data.
        Topic alarms = Topic.Builder.create(this, "AlarmTopic")
                .topicName(namePrefix + "alarms")
                .displayName("stmails alarms")
                .enforceSsl(true)
                .build();
        ServicePublishing.allow(alarms, "cloudwatch.amazonaws.com", "CloudWatchOfThisAccountPublishes");
        alarmEmail.ifPresent(address -> alarms.addSubscription(new EmailSubscription(address)));
        notify = new SnsAction(alarms);

        List<IWidget> widgets = new ArrayList<>();
        widgets.add(graph("HTTP API requests and errors", List.of(
                api.metricCount(sum()), api.metricClientError(sum()), api.metricServerError(sum()))));
        widgets.add(graph("HTTP API latency p99 (ms)", List.of(api.metricLatency(p99()))));
        for (StmailsFunction function : functions) {
            String name = function.spec().name();
            Function lambda = function.function();
            alarm(name + "-errors", "stmails " + name + " failed", lambda.metricErrors(sum()), 1);
            alarm(name + "-throttles", "stmails " + name + " was throttled", lambda.metricThrottles(sum()), 1);
            List<IMetric> activity = new ArrayList<>(List.of(
                    lambda.metricInvocations(sum()), lambda.metricErrors(sum()), lambda.metricThrottles(sum())));
            if (function.spec().trigger() == Trigger.DYNAMODB_STREAM) {
                Metric iteratorAge = lambda.metric("IteratorAge", max());
                alarm(name + "-iterator-age", "stmails " + name + " is falling behind the bounces stream",
                        iteratorAge, ITERATOR_AGE_LIMIT.toMilliseconds().doubleValue());
                activity.add(iteratorAge);
            }
            widgets.add(graph(name, activity));
            widgets.add(graph(name + " duration p99 (ms)", List.of(lambda.metricDuration(p99()))));
        }
        List<IMetric> depths = new ArrayList<>();
        for (FailureQueues.FailureQueue failures : queues) {
            Metric depth = failures.queue().metricApproximateNumberOfMessagesVisible(max());
            alarm(failures.path() + "-dlq-depth", "stmails: events failed on " + failures.path()
                    + "; inspect and redrive the queue", depth, 1);
            depths.add(depth);
        }
        if (!depths.isEmpty()) {
            widgets.add(graph("Dead-letter queue depth", depths));
        }
        widgets.addAll(new BounceAlarms(this, "Business", namePrefix, mailboxes, notify).widgets());
        widgets.addAll(new ReputationAlarms(this, "SesReputation", namePrefix, reputation, notify).widgets());
        Dashboard.Builder.create(this, "Dashboard")
                .dashboardName(namePrefix + "overview")
                .widgets(rows(widgets))
                .build();
    }

    private void alarm(String name, String description, Metric metric, double threshold) {
        Alarm alarm = metric.createAlarm(this, name, CreateAlarmOptions.builder()
                .alarmName(namePrefix + name)
                .alarmDescription(description)
                .threshold(threshold)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build());
        alarm.addAlarmAction(notify);
    }

    private static GraphWidget graph(String title, List<? extends IMetric> metrics) {
        return GraphWidget.Builder.create().title(title).left(List.copyOf(metrics)).width(12).height(6).build();
    }

    /** Two graphs per dashboard row. */
    private static List<List<IWidget>> rows(List<IWidget> widgets) {
        List<List<IWidget>> rows = new ArrayList<>();
        for (int i = 0; i < widgets.size(); i += 2) {
            rows.add(widgets.subList(i, Math.min(i + 2, widgets.size())));
        }
        return rows;
    }

    private static MetricOptions sum() {
        return MetricOptions.builder().statistic("Sum").period(PERIOD).build();
    }

    private static MetricOptions max() {
        return MetricOptions.builder().statistic("Maximum").period(PERIOD).build();
    }

    private static MetricOptions p99() {
        return MetricOptions.builder().statistic("p99").period(PERIOD).build();
    }
}
