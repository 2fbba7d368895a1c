package io.stmails.wiring;

import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The one place the AWS SDK clients are configured: the url-connection HTTP client (one, shared by
 * every client: the smallest start-up of the SDK's HTTP clients), the region, the credentials, the
 * DynamoDB endpoint override (DynamoDB Local) and any execution interceptors. Building a client
 * opens no connection and reads no credentials, so it is safe before a SnapStart snapshot.
 */
public final class AwsClients {
    private final Region region;
    private final AwsCredentialsProvider credentials;
    private final URI dynamoEndpoint;
    private final List<ExecutionInterceptor> interceptors;
    private SdkHttpClient http;

    /**
     * @param dynamoEndpoint null for AWS's own endpoint
     */
    public AwsClients(Region region, AwsCredentialsProvider credentials, URI dynamoEndpoint,
            List<ExecutionInterceptor> interceptors) {
        this.region = region;
        this.credentials = credentials;
        this.dynamoEndpoint = dynamoEndpoint;
        this.interceptors = List.copyOf(interceptors);
    }

    /** In Lambda: the function's region and role credentials (Lambda puts them in the environment). */
    public static AwsClients lambda(Environment environment) {
        return new AwsClients(environment.region(), EnvironmentVariableCredentialsProvider.create(),
                environment.dynamoEndpoint().orElse(null), List.of());
    }

    public DynamoDbClient dynamo() {
        var builder = configure(DynamoDbClient.builder(), region);
        if (dynamoEndpoint != null) {
            builder.endpointOverride(dynamoEndpoint);
        }
        return builder.build();
    }

    public SecretsManagerClient secretsManager() {
        return configure(SecretsManagerClient.builder(), region).build();
    }

    public SnsClient sns() {
        return sns(region);
    }

    /** SNS in another region: a subscription is confirmed in its topic's region. */
    public SnsClient sns(Region topicRegion) {
        return configure(SnsClient.builder(), topicRegion).build();
    }

    public SesV2Client sesV2() {
        return configure(SesV2Client.builder(), region).build();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, Region clientRegion) {
        builder.region(clientRegion).credentialsProvider(credentials).httpClient(http())
                .overrideConfiguration(config -> interceptors.forEach(config::addExecutionInterceptor));
        return builder;
    }

    private synchronized SdkHttpClient http() {
        if (http == null) {
            http = UrlConnectionHttpClient.create();
        }
        return http;
    }
}
