package io.stmails.sns;

/** Confirms an SNS subscription through the SNS API (never by fetching a URL taken from a request). */
public interface SubscriptionConfirmer {

    /** Where nothing can reach AWS (local runs, tests that do not confirm): refuses with a clear reason. */
    SubscriptionConfirmer UNAVAILABLE = (topicArn, token) -> {
        throw new IllegalStateException("no SNS API client is configured here, so the subscription to " + topicArn
                + " cannot be confirmed; confirm it in the SNS console with the token from the request log");
    };

    /**
     * {@code sns:ConfirmSubscription} in the topic's region.
     *
     * @throws RuntimeException when SNS refuses or cannot be reached
     */
    void confirm(String topicArn, String token);
}
