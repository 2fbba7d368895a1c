package io.stmails.infra;

import io.stmails.mailbox.MailboxSchedule;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.events.EventField;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.RuleTargetInput;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.LambdaFunctionProps;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * One EventBridge schedule per enabled POP3 mailbox, each invoking the scheduled function with a
 * {@code ScheduledEvent} whose detail names the mailbox: {@code {"mailbox": "<name>"}}.
 */
final class MailboxSchedules extends Construct {
    static final int RULE_RETRY_ATTEMPTS = 2;

    MailboxSchedules(Construct scope, String id, List<StmailsFunction> scheduledFunctions,
            List<MailboxSchedule.Entry> mailboxes, FailureQueues failures) {
        super(scope, id);
        if (mailboxes.isEmpty()) {
            return;
        }
        for (StmailsFunction function : scheduledFunctions) {
            IQueue undelivered = failures.create(function.spec().name() + "-delivery");
            for (MailboxSchedule.Entry mailbox : mailboxes) {
                Rule rule = Rule.Builder.create(this, function.spec().name() + "-" + constructId(mailbox.mailbox()))
                        .description("stmails: scan POP3 mailbox " + mailbox.mailbox())
                        .schedule(Schedule.rate(Duration.minutes(mailbox.interval().toMinutes())))
                        .build();
                rule.addTarget(new LambdaFunction(function.alias(), LambdaFunctionProps.builder()
                        .event(scheduledEvent(mailbox.mailbox()))
                        .deadLetterQueue(undelivered)
                        .retryAttempts(RULE_RETRY_ATTEMPTS)
                        // A scan that could not start within its interval is superseded by the next one.
                        .maxEventAge(Duration.minutes(mailbox.interval().toMinutes()))
                        .build()));
            }
        }
    }

    /** The event EventBridge would send for a schedule, with the mailbox's name as its detail. */
    static RuleTargetInput scheduledEvent(String mailbox) {
        return RuleTargetInput.fromObject(Map.of(
                "version", "0",
                "id", EventField.getEventId(),
                "detail-type", "Scheduled Event",
                "source", "aws.events",
                "account", EventField.getAccount(),
                "time", EventField.getTime(),
                "region", EventField.getRegion(),
                "resources", EventField.fromPath("$.resources"),
                "detail", Map.of("mailbox", mailbox)));
    }

    private static String constructId(String name) {
        return name.replaceAll("[^A-Za-z0-9-]", "_");
    }
}
