package io.stmails.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app ({@code cdk.json} runs it through Maven). Its one argument is the functions' deployment
 * jar, the default for context {@value DeploymentConfig#FUNCTIONS_JAR}. cdk-nag's AwsSolutions
 * checks run on every synth, so a deploy with an unacknowledged finding stops before CloudFormation.
 */
public final class Main {
    private static final String STACK_ID = "Stmails";

    private Main() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: Main <functions deployment jar>");
        }
        App app = new App(AppProps.builder().context(Map.of(DeploymentConfig.FUNCTIONS_JAR, args[0])).build());
        define(app);
        Aspects.of(app).add(new AwsSolutionsChecks());
        app.synth();
    }

    /** The stack in the account and region the CDK CLI resolved from the environment. */
    private static StmailsStack define(App app) {
        return new StmailsStack(app, STACK_ID, StackProps.builder()
                .description("stmails: serverless bounce processing")
                .env(Environment.builder()
                        .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                        .region(System.getenv("CDK_DEFAULT_REGION"))
                        .build())
                .build(), FunctionSpec.catalog(), DeploymentConfig.from(app.getNode()));
    }
}
