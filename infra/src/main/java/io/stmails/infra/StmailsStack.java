package io.stmails.infra;

import io.stmails.catalog.FunctionCatalog.Trigger;
import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnOutputProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The whole of stmails in one stack, one construct per concern. Functions come from the catalog;
 * each trigger construct picks the functions of its trigger.
 */
public final class StmailsStack extends Stack {

    public StmailsStack(Construct scope, String id, StackProps props, List<FunctionSpec> catalog,
            DeploymentConfig config) {
        super(scope, id, props);
        String prefix = config.namePrefix();
        FailureQueues failures = new FailureQueues(this, "FailureQueues", prefix);
        DataTables tables = new DataTables(this, "Tables", config.tables());
        SecretsDocument secrets = new SecretsDocument(this, "Secrets", prefix, config.secretArn());
        ActionEvents actions = new ActionEvents(this, "ActionEvents", prefix);
        SesTopic sesTopic = new SesTopic(this, "SesTopic", prefix, config.ses().topicArn());

        LambdaFunctions functions = new LambdaFunctions(this, "Functions", catalog, config,
                new LambdaFunctions.Resources(tables, secrets.secret(), actions.topic(), sesTopic.topic()), failures);

        WebhookApi api = new WebhookApi(this, "HttpApi", prefix, functions.triggeredBy(Trigger.HTTP),
                config.apiThrottle(), config.logRetention());
        new SesEventRouting(this, "SesEventRouting", sesTopic.topic(), functions.triggeredBy(Trigger.SNS),
                functions.triggeredBy(Trigger.EVENTBRIDGE), config.ses().routesEventBridge(), failures);
        new SesFeedbackWiring(this, "SesFeedbackWiring", sesTopic.topic(), config.ses(), config.logRetention());
        // Construct ids predate the class names; changing them would replace deployed rules and mappings.
        new MailboxSchedules(this, "MailboxScans", functions.triggeredBy(Trigger.SCHEDULE), config.mailboxes(), failures);
        new BounceStreamWiring(this, "BounceStream", tables.bounces(), functions.triggeredBy(Trigger.DYNAMODB_STREAM));
        new Monitoring(this, "Monitoring", prefix, functions.all(), failures.all(), api.api(), config.alarmEmail(),
                config.reputation(), config.mailboxes());

        output("ApiUrl", api.url(), "Base URL of the webhooks (/webhooks/...) and the API (/api/...)");
        output("SesTopicArn", sesTopic.topic().getTopicArn(), "Point SES bounce and complaint notifications here");
        output("SecretArn", secrets.secret().getSecretArn(), "Put the secrets document (JSON) here");
        output("ActionsTopicArn", actions.topic().getTopicArn(), "Subscribe to threshold actions here");
    }

    private void output(String id, String value, String description) {
        new CfnOutput(this, id, CfnOutputProps.builder().value(value).description(description).build());
    }
}
