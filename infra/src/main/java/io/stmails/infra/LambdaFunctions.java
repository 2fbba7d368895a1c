package io.stmails.infra;

import io.stmails.catalog.FunctionCatalog;
import io.stmails.catalog.FunctionCatalog.Trigger;
import io.stmails.wiring.Environment.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.sns.ITopic;
import software.constructs.Construct;

/**
 * Every function of the catalog, each with the grants {@link FunctionAccess} gives it
 * and the environment its code reads ({@code io.stmails.wiring.Environment}): the settings document,
 * table prefix and JVM options for all, the secret's ARN only where the secret may be read, the actions topic
 * only for the function that publishes. No secret value is ever in the environment.
 */
final class LambdaFunctions extends Construct {
    static final String SETTINGS_VARIABLE = Variable.STMAILS_SETTINGS.name();
    static final String TABLE_PREFIX_VARIABLE = Variable.STMAILS_TABLE_PREFIX.name();
    static final String SECRET_ID_VARIABLE = Variable.STMAILS_SECRET_ID.name();
    static final String SES_TOPIC_VARIABLE = Variable.STMAILS_SES_TOPIC_ARN.name();
    static final String ACTIONS_TOPIC_VARIABLE = Variable.STMAILS_ACTIONS_TOPIC_ARN.name();
    /** Read by the JVM itself ({@link FunctionCatalog#JVM_OPTIONS}). */
    static final String JVM_OPTIONS_VARIABLE = "JAVA_TOOL_OPTIONS";

    /** What the grants point at. */
    record Resources(DataTables tables, ISecret secret, ITopic actionsTopic, ITopic sesTopic) {
    }

    private final List<StmailsFunction> functions = new ArrayList<>();

    LambdaFunctions(Construct scope, String id, List<FunctionSpec> specs, DeploymentConfig config, Resources resources,
            FailureQueues failures) {
        super(scope, id);
        Code code = Code.fromAsset(config.functionsJar().toString());
        Map<String, String> environment = Map.of(
                SETTINGS_VARIABLE, config.settingsJson(),
                TABLE_PREFIX_VARIABLE, config.namePrefix(),
                JVM_OPTIONS_VARIABLE, FunctionCatalog.JVM_OPTIONS);
        boolean suppressionSync = config.suppressionSync();
        for (FunctionSpec spec : specs) {
            StmailsFunction function = new StmailsFunction(this, spec, code, config.namePrefix(), environment,
                    config.logRetention(), failures);
            grant(function, FunctionAccess.of(spec, suppressionSync), resources);
            functions.add(function);
        }
    }

    private static void grant(StmailsFunction function, FunctionAccess access, Resources resources) {
        DataTables tables = resources.tables();
        function.grant(allow(access.subscriberActions(), tables.subscribers().getTableArn()));
        function.grant(allow(access.bounceActions(), tables.bounces().getTableArn()));
        if (!access.statsActions().isEmpty()) {
            function.grant(allow(access.statsActions(), tables.stats().getTableArn()));
        }
        if (access.queriesBounceIndexes()) {
            function.grant(allow(List.of("dynamodb:Query"), tables.bounceIndexArns()));
        }
        if (access.queriesSubscriberHistory()) {
            function.grant(allow(List.of("dynamodb:Query"), tables.subscriberHistoryIndexArn()));
        }
        if (!access.suppressionListActions().isEmpty()) {
            function.grant(allow(access.suppressionListActions(), "*"));
            Nag.acknowledge(function, "AwsSolutions-IAM5", List.of("Resource::*"),
                    "SES's account-level suppression list actions (Put, Delete, ListSuppressedDestinations) have no "
                            + "resource-level permissions; only the named actions are granted.");
        }
        if (access.readsSecrets()) {
            function.grant(allow(List.of("secretsmanager:GetSecretValue"), resources.secret().getSecretArn()));
            function.addEnvironment(SECRET_ID_VARIABLE, resources.secret().getSecretArn());
        }
        if (access.publishesActions()) {
            function.grant(allow(List.of("sns:Publish"), resources.actionsTopic().getTopicArn()));
            function.addEnvironment(ACTIONS_TOPIC_VARIABLE, resources.actionsTopic().getTopicArn());
        }
        if (access.confirmsSesSubscriptions()) {
            function.grant(allow(List.of("sns:ConfirmSubscription"), resources.sesTopic().getTopicArn()));
        }
        if (access.verifiesSesTopic()) {
            // The topic's ARN exists only at deploy time; the function adds it to ses.topic_arns.
            function.addEnvironment(SES_TOPIC_VARIABLE, resources.sesTopic().getTopicArn());
        }
    }

    private static PolicyStatement allow(List<String> actions, String resource) {
        return allow(actions, List.of(resource));
    }

    private static PolicyStatement allow(List<String> actions, List<String> resources) {
        return PolicyStatement.Builder.create().actions(actions).resources(resources).build();
    }

    List<StmailsFunction> all() {
        return List.copyOf(functions);
    }

    List<StmailsFunction> triggeredBy(Trigger trigger) {
        return functions.stream().filter(f -> f.spec().trigger() == trigger).toList();
    }
}
