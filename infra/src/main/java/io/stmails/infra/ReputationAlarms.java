package io.stmails.infra;

import java.math.BigDecimal;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.HorizontalAnnotation;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.constructs.Construct;

/**
 * Warns before SES acts: alarms on the account's own reputation metrics in the stack's region
 * ({@code AWS/SES} {@code Reputation.BounceRate} and {@code Reputation.ComplaintRate}, fractions from
 * 0 to 1), a warning and a critical level each, to the alarm topic; and a dashboard graph of both.
 * SES reviews an account at a 5% bounce or 0.1% complaint rate and may pause it at 10% / 0.5%.
 * The rates are rolling over a representative volume and published irregularly, so a period
 * without a data point keeps the alarm's state rather than clearing it.
 */
final class ReputationAlarms extends Construct {
    static final String NAMESPACE = "AWS/SES";
    static final String BOUNCE_RATE = "Reputation.BounceRate";
    static final String COMPLAINT_RATE = "Reputation.ComplaintRate";
    static final Duration PERIOD = Duration.hours(1);

    private final List<IWidget> widgets;

    ReputationAlarms(Construct scope, String id, String namePrefix, DeploymentConfig.Reputation levels, SnsAction notify) {
        super(scope, id);
        Metric bounceRate = rate(BOUNCE_RATE);
        Metric complaintRate = rate(COMPLAINT_RATE);
        alarm(namePrefix, "ses-bounce-rate-warning", bounceRate, levels.bounceWarning(), "warning", notify);
        alarm(namePrefix, "ses-bounce-rate-critical", bounceRate, levels.bounceCritical(), "critical", notify);
        alarm(namePrefix, "ses-complaint-rate-warning", complaintRate, levels.complaintWarning(), "warning", notify);
        alarm(namePrefix, "ses-complaint-rate-critical", complaintRate, levels.complaintCritical(), "critical", notify);
        widgets = List.of(
                graph("SES bounce rate (account)", bounceRate, levels.bounceWarning(), levels.bounceCritical()),
                graph("SES complaint rate (account)", complaintRate, levels.complaintWarning(), levels.complaintCritical()));
    }

    List<IWidget> widgets() {
        return widgets;
    }

    private void alarm(String namePrefix, String name, Metric metric, double threshold, String level, SnsAction notify) {
        Alarm alarm = Alarm.Builder.create(this, name)
                .alarmName(namePrefix + name)
                .alarmDescription("stmails " + level + ": the SES account's " + metric.getMetricName() + " reached "
                        + percent(threshold) + " (SES reviews accounts at 5% bounces / 0.1% complaints); see which "
                        + "campaign with GET /api/bounces/stats?campaign_uuid=")
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .treatMissingData(TreatMissingData.IGNORE)
                .build();
        alarm.addAlarmAction(notify);
    }

    private static Metric rate(String name) {
        return Metric.Builder.create().namespace(NAMESPACE).metricName(name).statistic("Maximum").period(PERIOD).build();
    }

    private static GraphWidget graph(String title, Metric metric, double warning, double critical) {
        return GraphWidget.Builder.create().title(title).left(List.of(metric)).width(12).height(6)
                .leftAnnotations(List.of(
                        HorizontalAnnotation.builder().value(warning).label("warning " + percent(warning)).build(),
                        HorizontalAnnotation.builder().value(critical).label("critical " + percent(critical)).build()))
                .build();
    }

    private static String percent(double fraction) {
        return BigDecimal.valueOf(fraction).movePointRight(2).stripTrailingZeros().toPlainString() + "%";
    }
}
