package io.stmails.local;

import io.stmails.wiring.AwsClients;
import java.net.URI;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;

/** The functions' one client factory, pointed at a DynamoDB Local on loopback, with dummy credentials (DynamoDB Local ignores them). */
final class LocalAws {
    /** Also handed to the cold-start probe's JVMs, where the Lambda wiring reads them from the environment. */
    static final String ACCESS_KEY = "local";
    static final String SECRET_KEY = "local";

    private LocalAws() {
    }

    static AwsClients at(String endpoint, ExecutionInterceptor... interceptors) {
        return new AwsClients(Region.US_EAST_1, StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)),
                URI.create(endpoint), List.of(interceptors));
    }
}
