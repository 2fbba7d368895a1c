package io.stmails.sns;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * {@code sns:ConfirmSubscription(TopicArn, Token)} with {@code AuthenticateOnUnsubscribe}, so only an
 * authenticated caller can unsubscribe the endpoint later. One client per topic region, made on first use.
 */
public final class SdkSubscriptionConfirmer implements SubscriptionConfirmer {
    private final AwsCredentialsProvider credentials;
    private final Map<String, SnsClient> clients = new ConcurrentHashMap<>();

    public SdkSubscriptionConfirmer(AwsCredentialsProvider credentials) {
        this.credentials = credentials;
    }

    @Override
    public void confirm(String topicArn, String token) {
        String region = TopicArn.parse(topicArn).region();
        SnsClient client = clients.computeIfAbsent(region, name -> SnsClient.builder()
                .region(Region.of(name))
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(credentials)
                .build());
        client.confirmSubscription(request -> request.topicArn(topicArn).token(token).authenticateOnUnsubscribe("true"));
    }
}
