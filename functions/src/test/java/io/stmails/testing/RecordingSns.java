package io.stmails.testing;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sns.model.PublishResponse;

/** An SNS client that records what is published (no SNS can run here); can be told to fail. */
public final class RecordingSns implements SnsClient {
    private final List<PublishRequest> published = new ArrayList<>();
    private int failuresLeft;

    public synchronized List<PublishRequest> published() {
        return List.copyOf(published);
    }

    /** The next {@code count} publishes fail as an unreachable SNS would. */
    public synchronized void failNext(int count) {
        failuresLeft = count;
    }

    @Override
    public synchronized PublishResponse publish(PublishRequest request) {
        if (failuresLeft > 0) {
            failuresLeft--;
            throw SdkClientException.create("SNS unreachable (simulated)");
        }
        published.add(request);
        return PublishResponse.builder().messageId("m-" + published.size()).build();
    }

    @Override
    public String serviceName() {
        return "sns";
    }

    @Override
    public void close() {
    }
}
