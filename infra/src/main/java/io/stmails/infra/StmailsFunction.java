package io.stmails.infra;

import io.stmails.catalog.FunctionCatalog.Trigger;
import java.util.Locale;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.LoggingFormat;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.Queue;
import software.constructs.Construct;

/**
 * One catalog function: its own role (nothing but its log group until grants are added), its log
 * group with retention, the function with SnapStart, and the {@value #ALIAS} alias on the current
 * published version that every trigger invokes. Functions invoked asynchronously (by SNS,
 * EventBridge or a schedule) and the stream function get a failure queue; the asynchronous ones send
 * an event there after their retries.
 */
final class StmailsFunction extends Construct {
    static final String ALIAS = "live";
    static final int MEMORY_MB = 1024;
    /** Lambda's own retries of an asynchronous event, and how long it keeps trying. */
    static final int ASYNC_RETRY_ATTEMPTS = 2;
    static final Duration ASYNC_MAX_EVENT_AGE = Duration.hours(6);

    private final FunctionSpec spec;
    private final Role role;
    private final Function function;
    private final Alias alias;
    private final Queue failureQueue;

    StmailsFunction(Construct scope, FunctionSpec spec, Code code, String namePrefix,
            Map<String, String> environment, RetentionDays logRetention, FailureQueues failures) {
        super(scope, spec.name());
        this.spec = spec;
        String functionName = namePrefix + spec.name();
        role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("stmails " + spec.name() + ": only what this function's code calls")
                .build();
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .logGroupName("/aws/lambda/" + functionName)
                .retention(logRetention)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        logs.grantWrite(role);
        function = Function.Builder.create(this, "Function")
                .functionName(functionName)
                .description("stmails " + spec.name() + " (" + spec.trigger().name().toLowerCase(Locale.ROOT) + ")")
                .runtime(Runtime.JAVA_21)
                .architecture(Architecture.ARM_64)
                .handler(spec.handler())
                .code(code)
                .memorySize(MEMORY_MB)
                .timeout(timeout(spec.trigger()))
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .environment(environment)
                .role(role)
                .logGroup(logs)
                .loggingFormat(LoggingFormat.JSON)
                .build();
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Published: every trigger invokes the alias on the current version.");
        Nag.acknowledge(function, "AwsSolutions-L1",
                "Java 21 is the runtime the project targets and measures SnapStart on; java25 changes the JVM "
                        + "defaults under SnapStart (tiered compilation), so moving is a deliberate, measured upgrade.");
        alias = Alias.Builder.create(this, "Alias")
                .aliasName(ALIAS)
                .version(function.getCurrentVersion())
                .build();
        failureQueue = spec.trigger() == Trigger.HTTP ? null : failures.create(spec.name());
        if (isInvokedAsynchronously()) {
            alias.configureAsyncInvoke(EventInvokeConfigOptions.builder()
                    .onFailure(new SqsDestination(failureQueue))
                    .retryAttempts(ASYNC_RETRY_ATTEMPTS)
                    .maxEventAge(ASYNC_MAX_EVENT_AGE)
                    .build());
        }
    }

    /**
     * Sized for each kind of work: a webhook answers well inside a provider's own timeout and the
     * HTTP API's 30 s limit; SES events and a stream batch leave room for DynamoDB retries; a POP3
     * scan stops by itself before its deadline.
     */
    static Duration timeout(Trigger trigger) {
        return switch (trigger) {
            case HTTP -> Duration.seconds(15);
            case SNS, EVENTBRIDGE -> Duration.seconds(60);
            case DYNAMODB_STREAM -> Duration.seconds(120);
            case SCHEDULE -> Duration.minutes(5);
        };
    }

    boolean isInvokedAsynchronously() {
        return switch (spec.trigger()) {
            case SNS, EVENTBRIDGE, SCHEDULE -> true;
            case HTTP, DYNAMODB_STREAM -> false;
        };
    }

    void grant(PolicyStatement statement) {
        role.addToPolicy(statement);
    }

    void addEnvironment(String name, String value) {
        function.addEnvironment(name, value);
    }

    FunctionSpec spec() {
        return spec;
    }

    Function function() {
        return function;
    }

    /** What every trigger invokes: the SnapStart-enabled published version. */
    Alias alias() {
        return alias;
    }

    /** Where this function's failed asynchronous events or stream batches go; absent for HTTP functions. */
    Queue failureQueue() {
        if (failureQueue == null) {
            throw new IllegalStateException(spec.name() + " is invoked synchronously and has no failure queue");
        }
        return failureQueue;
    }
}
