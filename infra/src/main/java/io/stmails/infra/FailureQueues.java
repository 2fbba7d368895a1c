package io.stmails.infra;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The dead-letter and on-failure queues of every asynchronous path, in one place so that each gets
 * the same encryption, retention and TLS-only policy, and the monitoring alarms on every one of them.
 */
final class FailureQueues extends Construct {
    /** The longest SQS keeps a message: time to notice the alarm and redrive. */
    static final Duration RETENTION = Duration.days(14);

    /** A queue and the path it catches failures of. */
    record FailureQueue(String path, Queue queue) {
    }

    private final String namePrefix;
    private final List<FailureQueue> queues = new ArrayList<>();

    FailureQueues(Construct scope, String id, String namePrefix) {
        super(scope, id);
        this.namePrefix = namePrefix;
    }

    /** A new queue for what failed on one path, named {@code <prefix><path>-dlq}. */
    Queue create(String path) {
        Queue queue = Queue.Builder.create(this, path)
                .queueName(namePrefix + path + "-dlq")
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .retentionPeriod(RETENTION)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Nag.acknowledge(queue, "AwsSolutions-SQS3",
                "This queue is itself the dead-letter queue of an asynchronous path; its depth is alarmed.");
        queues.add(new FailureQueue(path, queue));
        return queue;
    }

    List<FailureQueue> all() {
        return List.copyOf(queues);
    }
}
