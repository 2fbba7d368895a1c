package io.stmails.sns;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * {@code sns:ConfirmSubscription(TopicArn, Token)} with {@code AuthenticateOnUnsubscribe}, so only an
 * authenticated caller can unsubscribe the endpoint later. One client per topic region, made on first use.
 */
public final class SdkSubscriptionConfirmer implements SubscriptionConfirmer {
    private final Function<Region, SnsClient> clientForRegion;
    private final Map<String, SnsClient> clients = new ConcurrentHashMap<>();

    /** @param clientForRegion makes an SNS client for a topic's region */
    public SdkSubscriptionConfirmer(Function<Region, SnsClient> clientForRegion) {
        this.clientForRegion = clientForRegion;
    }

    @Override
    public void confirm(String topicArn, String token) {
        String region = TopicArn.parse(topicArn).region();
        SnsClient client = clients.computeIfAbsent(region, name -> clientForRegion.apply(Region.of(name)));
        client.confirmSubscription(request -> request.topicArn(topicArn).token(token).authenticateOnUnsubscribe("true"));
    }
}
